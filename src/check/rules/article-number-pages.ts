import { parseArticleNumber } from "../../content/article-number-form.ts";
import { problem, type SourceProblem } from "../../content/errors.ts";
import type { IssueSources } from "../../content/load.ts";

/**
 * paiban check: the pages declared 文章编号 give, beyond their form and their ISSN, year and
 * issue (which loading checks): pages that exist, within the issue, and articles that do
 * not share pages. The build computes the numbers from the real pages
 * (issue/article-numbers-from-pages.ts); these are the declarations it would reject.
 */
export function checkArticleNumberPages({ issue, articles }: IssueSources): SourceProblem[] {
  const problems: SourceProblem[] = [];
  let previous: { id: string; end: number } | undefined;
  for (const article of articles) {
    const declared = article.meta.articleNumber;
    const pages = declared ? parseArticleNumber(declared) : undefined;
    if (!declared || !pages) {
      previous = undefined;
      continue;
    }
    const at = { field: "articleNumber", line: article.articleNumberLine };
    if (pages.pageCount === 0) {
      problems.push(
        problem(article.zh.file, `'${declared}' gives the article no pages`, {
          ...at,
          hint: "its last two digits are the article's page count",
        }),
      );
    }
    if (pages.firstPage < issue.firstPage) {
      problems.push(
        problem(article.zh.file, `'${declared}' starts on page ${pages.firstPage}, before the issue's first page (${issue.firstPage})`, {
          ...at,
          hint: "the four digits after the issue number are the article's first page",
        }),
      );
    } else if (previous && pages.firstPage <= previous.end) {
      problems.push(
        problem(article.zh.file, `'${declared}' starts on page ${pages.firstPage}, but ${previous.id} runs to page ${previous.end}`, {
          ...at,
          severity: "warning",
          hint: "one of the two numbers is wrong: the build computes them from the pages (leave them out to print the computed ones)",
        }),
      );
    }
    previous = { id: article.meta.id, end: pages.firstPage + pages.pageCount - 1 };
  }
  return problems;
}
