import { formatArticleNumber } from "../content/article-number-form.ts";
import { problem, type SourceProblem } from "../content/errors.ts";
import type { Issue } from "../content/schema.ts";
import type { IssuePlan } from "./plan.ts";

export interface DeclaredNumber {
  id: string;
  /** The article's front matter (zh.md) and the line of its articleNumber field. */
  file: string;
  line?: number;
  declared?: string;
}

/**
 * After layout: a 文章编号 declared in the front matter must be the one the pages give, the
 * article's real first page and page count in the issue. Each that is not is a problem at its line.
 */
export function checkArticleNumbersFromPages(issn: string, issue: Issue, plan: IssuePlan, declared: DeclaredNumber[]): SourceProblem[] {
  return plan.articles.flatMap((planned, i) => {
    const source = declared[i];
    if (!source?.declared) return [];
    const computed = formatArticleNumber(issn, issue, planned.firstPage, planned.pageCount);
    if (computed === source.declared) return [];
    return [
      problem(
        source.file,
        `declares ${source.declared}, but the article is printed on pages ${planned.firstPage}–${planned.lastPage} (${planned.pageCount} pages): its 文章编号 is ${computed}`,
        {
          line: source.line,
          field: "articleNumber",
          hint: `write 'articleNumber: ${computed}', or remove the field and the number is computed from the pages`,
        },
      ),
    ];
  });
}
