import { problem, type SourceProblem } from "../../content/errors.ts";
import type { CheckedArticle } from "../rule.ts";

/**
 * 收稿日期: the schema checks that it is a real date. One after the issue's year or after
 * today is most likely a typing slip (warnings: an issue printed late may be so).
 */
export function checkReceivedDate({ article, issue, front }: CheckedArticle, today = new Date()): SourceProblem[] {
  const { received } = article.meta;
  const at = { field: "received", line: front.lineOf(["received"]) };
  if (Number(received.slice(0, 4)) > issue.issue.year) {
    return [
      problem(article.zh.file, `${received} is after the year of the issue (${issue.issue.year})`, {
        ...at,
        severity: "warning",
        hint: "check the year: an article is received before the issue that prints it",
      }),
    ];
  }
  if (received > today.toISOString().slice(0, 10)) {
    return [problem(article.zh.file, `${received} is in the future`, { ...at, severity: "warning", hint: "check the date" })];
  }
  return [];
}
