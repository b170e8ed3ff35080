import { problem, SourceError } from "../content/errors.ts";
import type { Article } from "../content/load.ts";
import type { DocumentLayout, LayoutProblem } from "../render/layout.ts";

const HINTS: Record<LayoutProblem["kind"], string> = {
  "row-too-tall": "a row must fit on a page: split its text over several rows, or move the long text into a note under the table",
  "table-too-wide": "make it narrower: fewer or merged columns, shorter headings and units, or rows and columns swapped",
};

/** What the page could not set as the sources ask, as errors at the lines of the article's files. */
export function layoutErrors(layouts: DocumentLayout[], article: Article): SourceError | undefined {
  const problems = layouts
    .flatMap((layout) => layout.problems ?? [])
    .map((p) => problem(p.lang === "en" ? article.en.file : article.zh.file, p.message, { line: p.line, hint: HINTS[p.kind] }));
  const unique = problems.filter(
    (p, i) => problems.findIndex((q) => q.file === p.file && q.line === p.line && q.message === p.message) === i,
  );
  return unique.length > 0 ? new SourceError(unique) : undefined;
}
