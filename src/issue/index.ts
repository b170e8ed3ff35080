import { planIssue, type ArticleStart, type IssuePlan } from "./plan.ts";

export { planIssue, type ArticleStart, type IssuePlan, type PlannedArticle } from "./plan.ts";
export { checkArticleNumbersFromPages, type DeclaredNumber } from "./article-numbers-from-pages.ts";
export { parseShard, shardIssues } from "./shard.ts";

/** What is known of an article's pages before its layout: its first page, and its page count (to place the ones after it). */
export interface Guess {
  firstPage: number;
  pageCount: number;
}

/**
 * First pages to compose the articles with before any is laid out: those their declared
 * 文章编号 give, else each one page after the last guess. A wrong guess costs little: the
 * laid-out pages are moved to their true folios afterwards (see createPlacement).
 */
export function guessFirstPages(firstPage: number, declared: (Partial<Guess> | undefined)[]): Guess[] {
  let next = firstPage;
  return declared.map((guess) => {
    const g = { firstPage: guess?.firstPage ?? next, pageCount: guess?.pageCount ?? 1 };
    next = g.firstPage + g.pageCount;
    return g;
  });
}

/**
 * The issue's pages as the articles' page counts come in, for articles laid out side by
 * side: an article's first page is known as soon as the articles before it are counted,
 * whatever the order their layouts finish in.
 */
export function createPlacement(firstPage: number, start: ArticleStart, ids: string[]) {
  const counts = ids.map(() => deferred<number>());
  const planOf = (pageCounts: number[]) =>
    planIssue(
      firstPage,
      pageCounts.map((pageCount, i) => ({ id: ids[i] ?? "", pageCount })),
      start,
    );
  return {
    /** Article `index` has `pageCount` pages; resolves to its first page. */
    async place(index: number, pageCount: number): Promise<number> {
      counts[index]?.resolve(pageCount);
      const known = await Promise.all(counts.slice(0, index + 1).map((c) => c.promise));
      return planOf(known).articles[index]?.firstPage ?? firstPage;
    },
    /** The plan, once every article is counted. */
    async plan(): Promise<IssuePlan> {
      return planOf(await Promise.all(counts.map((c) => c.promise)));
    },
    /** An article will never be counted (its layout failed): nothing waits for it any longer. */
    fail(error: unknown): void {
      for (const c of counts) c.reject(error);
    },
  };
}

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A placement that failed is reported once, by the layout that failed.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
