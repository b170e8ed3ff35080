import type { Issue } from "./schema.ts";
import { articleNumberPattern } from "./schema.ts";

/** 文章编号 (CAJ-CD): ISSN(year)issue-first page-page count, e.g. 1006-6241(2021)03-0001-13. */
export function formatArticleNumber(issn: string, issue: Issue, firstPage: number, pageCount: number): string {
  return `${articleNumberPrefix(issn, issue)}-${pad(firstPage, 4)}-${pad(pageCount, 2)}`;
}

/** What every 文章编号 of an issue starts with: `ISSN(year)NN`, e.g. 1006-6241(2021)03. */
export function articleNumberPrefix(issn: string, issue: Issue): string {
  return `${issn}(${issue.year})${pad(issue.number, 2)}`;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

export function parseArticleNumber(value: string): { firstPage: number; pageCount: number } | undefined {
  const m = articleNumberPattern.exec(value);
  return m ? { firstPage: Number(m[4]), pageCount: Number(m[5]) } : undefined;
}
