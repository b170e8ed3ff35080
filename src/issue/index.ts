import { planIssue, type ArticleStart, type IssuePlan } from "./plan.ts";

export { planIssue, sideOf, type ArticleStart, type IssuePlan, type PlannedArticle } from "./plan.ts";
export { checkArticleNumbers, type DeclaredNumber } from "./article-number.ts";
export { parseShard, shardIssues } from "./shard.ts";

/** What an article is laid out with: its first folio, and its page count as far as known (to place the articles after it). */
export interface Assumed {
  firstPage: number;
  pageCount: number;
}

export interface SettleInput<T> {
  firstPage: number;
  start: ArticleStart;
  /** The issue's articles in order, each with a first guess (e.g. from a declared 文章编号). */
  articles: { id: string; guess?: Partial<Assumed> }[];
  /** Lays out one article as if it started on `assumed.firstPage`. */
  layOut: (index: number, assumed: Assumed) => Promise<T & { pageCount: number }>;
  /** Give up after this many rounds (the pages of a sane issue settle in two). */
  maxRounds?: number;
}

export class PagesDoNotSettle extends Error {
  constructor(rounds: number, moving: string[]) {
    super(`the issue's pages still moved after ${rounds} layout${rounds === 1 ? "" : "s"} (${moving.join(", ")}); nothing was written`);
    this.name = "PagesDoNotSettle";
  }
}

/**
 * Pages are known only after layout, and an article's layout depends on where it starts
 * (its folios, its first page's side). Lay out, measure, plan, and lay out again what the
 * plan moved, until nothing moves. (Its 文章编号, which states its page count, is filled
 * in after its own layout and moves nothing.)
 */
export async function settlePages<T>(input: SettleInput<T>): Promise<{ plan: IssuePlan; laidOut: (T & { pageCount: number })[] }> {
  const maxRounds = input.maxRounds ?? 4;
  // First guesses: declared pages where there are any, else one page after another.
  let next = input.firstPage;
  const assumed: Assumed[] = input.articles.map(({ guess }) => {
    const a = { firstPage: guess?.firstPage ?? next, pageCount: guess?.pageCount ?? 1 };
    next = a.firstPage + a.pageCount;
    return a;
  });
  const laidOut: (T & { pageCount: number })[] = [];
  let pending = input.articles.map((_, i) => i);
  for (let round = 1; ; round++) {
    const results = await Promise.all(pending.map((i) => input.layOut(i, assumed[i] as Assumed)));
    pending.forEach((i, k) => (laidOut[i] = results[k] as T & { pageCount: number }));
    const plan = planIssue(
      input.firstPage,
      input.articles.map(({ id }, i) => ({ id, pageCount: laidOut[i]?.pageCount ?? 0 })),
      input.start,
    );
    pending = plan.articles.flatMap((p, i) => {
      const a = assumed[i] as Assumed;
      return p.firstPage === a.firstPage ? [] : [i];
    });
    if (pending.length === 0) return { plan, laidOut };
    if (round >= maxRounds) throw new PagesDoNotSettle(round, pending.map((i) => input.articles[i]?.id ?? String(i)));
    for (const i of pending) {
      const p = plan.articles[i];
      if (p) assumed[i] = { firstPage: p.firstPage, pageCount: p.pageCount };
    }
  }
}
