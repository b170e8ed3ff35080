import { formatArticleNumber, parseArticleNumber } from "../content/article-number-form.ts";
import { formatProblem, SourceError } from "../content/errors.ts";
import type { Article, IssueSources } from "../content/load.ts";
import type { ParallelLayout } from "../content/schema.ts";
import type { BuildOptions } from "../config/options.ts";
import { checkArticleNumbersFromPages, createPlacement, guessFirstPages, type Guess } from "../issue/index.ts";
import type { RenderedBodies } from "../markdown/index.ts";
import type { PreflightFinding } from "../preflight/index.ts";
import { layOutArticle, type LaidOutArticle } from "./article.ts";
import type { BuildContext } from "./context.ts";
import { buildIssueEdition, layOutIssuePages, type IssueEdition } from "./issue.ts";
import { buildParallelEdition, type ParallelEdition } from "./parallel.ts";

/** An issue laid out and checked, nothing of it written yet. */
export interface MadeIssue {
  /** Each article at its real pages (its offprint); none when only parallel editions were asked for. */
  articles: LaidOutArticle[];
  /** The issue PDF, when the whole issue was asked for. */
  edition?: IssueEdition;
  parallel: { article: Article; edition: ParallelEdition }[];
  /** Lines to report that stop nothing: 文章编号 the pages contradict (not strict), passages set alone. */
  warnings: string[];
  /** What the preflight found, on every document of the issue. */
  findings: { part: string; finding: PreflightFinding }[];
}

/**
 * Everything an issue's build makes, laid out and checked: the issue edition and the
 * parallel editions. The parallel editions start as soon as the articles' pages are
 * counted (they print the 文章编号 the pages give), while the issue edition is still being
 * checked and put together.
 */
export async function makeIssue(
  context: BuildContext,
  issue: IssueSources,
  bodiesOf: (article: Article) => RenderedBodies,
  options: BuildOptions,
  events: { printed?: () => void } = {},
): Promise<MadeIssue> {
  // `printed`: once every document is printed (not if one fails), while they are still checked and put together.
  const editionsPrinted: Printing[] = [];
  const whenPrinted = () => {
    const edition = printing();
    editionsPrinted.push(edition);
    return edition.done;
  };
  const placement = options.editions.issue ? placeArticles(context, issue) : undefined;
  const issueEdition = placement ? layOutIssue(context, issue, bodiesOf, options, placement, whenPrinted()) : undefined;
  // A parallel edition prints the 文章编号 the pages gave, else the declared one.
  const numberOf = async (article: Article) => {
    const planned = (await placement?.plan())?.articles.find((a) => a.id === article.meta.id);
    if (planned) return formatArticleNumber(context.journal.issn, issue.issue, planned.firstPage, planned.pageCount);
    return article.meta.articleNumber ?? "";
  };
  const parallelEditions = Promise.all(
    issue.articles.flatMap((article) =>
      parallelLayouts(article, issue, options).map(async (layout) => {
        const printed = whenPrinted();
        return {
          article,
          edition: await buildParallelEdition(context, issue, article, bodiesOf(article), layout, await numberOf(article), printed),
        };
      }),
    ),
  );
  Promise.all(editionsPrinted.map((edition) => edition.printed)).then(() => events.printed?.());
  const [laid, parallel] = await Promise.all([issueEdition, parallelEditions]);
  const articles = laid?.articles ?? [];
  return {
    articles,
    edition: laid?.edition,
    parallel,
    warnings: [
      ...(laid?.warnings ?? []),
      // Both layouts of an article find the same passages alone: say each once.
      ...new Set(parallel.flatMap((e) => e.edition.warnings.map(formatProblem))),
    ],
    findings: [
      ...articles.flatMap((a) => a.findings.map((finding) => ({ part: a.article.meta.id, finding }))),
      ...(laid?.edition?.findings ?? []),
      ...parallel.flatMap((e) => e.edition.findings),
    ],
  };
}

/**
 * The issue edition: every article laid out at its real pages (its offprint), the
 * 文章编号 checked against them, and the issue PDF when the whole issue was asked for.
 */
async function layOutIssue(
  context: BuildContext,
  issue: IssueSources,
  bodiesOf: (article: Article) => RenderedBodies,
  options: BuildOptions,
  placement: ArticlePlacement,
  onPrinted: () => void,
): Promise<{ articles: LaidOutArticle[]; edition?: IssueEdition; warnings: string[] }> {
  const { declared, firstPage } = placement;
  const guesses = guessFirstPages(firstPage, declared);
  // The contents and ABSTRACTS are laid out once every article is printed (its windows
  // free), while the articles are joined, finished and checked.
  const articlesPrinted = issue.articles.map(printing);
  const allPrinted = Promise.all(articlesPrinted.map((article) => article.printed));
  const issuePages = issue.partial ? undefined : allPrinted.then(async () => layOutIssuePages(context, issue, await placement.plan()));
  // Awaited below; a failed article stops the build first.
  issuePages?.catch(() => undefined);
  Promise.all([allPrinted, issuePages]).then(onPrinted, () => undefined);
  const finished = await Promise.all(
    issue.articles.map((article, i) =>
      layOutArticle(context, issue, article, bodiesOf(article), guesses[i] as Guess, {
        place: (pageCount) => placement.place(i, pageCount),
        printed: () => articlesPrinted[i]?.done(),
      }).catch((error: unknown) => {
        placement.fail(error);
        throw error;
      }),
    ),
  );
  const plan = await placement.plan();
  const numberProblems = checkArticleNumbersFromPages(
    context.journal.issn,
    issue.issue,
    plan,
    issue.articles.map((a) => ({ id: a.meta.id, file: a.zh.file, line: a.articleNumberLine, declared: a.meta.articleNumber })),
  );
  if (numberProblems.length > 0 && options.strict) throw new SourceError(numberProblems);
  // Not strict: the pages win, and the metadata block prints the computed number.
  const warnings = numberProblems.map((p) => formatProblem({ ...p, severity: "warning" }));
  // The issue is merged from the finished articles while the reading thread checks their pages.
  const [laidOut, edition] = await Promise.all([
    Promise.all(finished.map((article) => article.checked)),
    issuePages?.then((pages) => buildIssueEdition(context, issue, finished, plan, pages)),
  ]);
  return { articles: laidOut, edition, warnings };
}

type ArticlePlacement = ReturnType<typeof placeArticles>;

/**
 * Where the articles go: each laid out side by side from a guessed first page, its pages
 * moved to their true folios once the articles before it are counted.
 */
function placeArticles(context: BuildContext, issue: IssueSources) {
  const declared = issue.articles.map((a) => (a.meta.articleNumber ? parseArticleNumber(a.meta.articleNumber) : undefined));
  // An article built on its own starts where its 文章编号 says; an issue starts at its first page.
  const firstPage = issue.partial ? (declared[0]?.firstPage ?? issue.issue.firstPage) : issue.issue.firstPage;
  const placement = createPlacement(
    firstPage,
    issue.partial ? "any" : context.journal.articleStart,
    issue.articles.map((a) => a.meta.id),
  );
  return { ...placement, declared, firstPage };
}

/** The parallel-text layouts to make of an article: the command line's, else the article's, else the issue's. */
function parallelLayouts(article: Article, issue: IssueSources, options: BuildOptions): ParallelLayout[] {
  if (options.editions.parallel !== "sources") return options.editions.parallel;
  // Asked for parallel editions alone, with no layout anywhere: facing pages.
  return article.meta.parallel ?? issue.issue.parallel ?? (options.editions.issue ? [] : ["facing"]);
}

/** A document's printing, as those waiting for it see it (`printed`) and as its printer says it is done (`done`). */
interface Printing {
  printed: Promise<void>;
  done: () => void;
}

function printing(): Printing {
  let done = () => {};
  const printed = new Promise<void>((resolve) => (done = resolve));
  return { printed, done };
}
