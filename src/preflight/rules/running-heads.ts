import type { DocumentLayout } from "../../render/layout.ts";
import type { PreflightFinding } from "../finding.ts";
import type { PageRule } from "../rule.ts";

export const runningHeadsRule: PageRule = { reports: ["running-head-cut"], check: ({ layout }) => checkRunningHeads(layout) };

/**
 * A running head the page had to cut with an ellipsis (its title is too long for one line
 * even without a subtitle): the editor chooses a shorter one. Reported once a head, at the
 * first page that cut it. Leaving the subtitle out is what journals do and is not reported.
 */
export function checkRunningHeads(layout: DocumentLayout): PreflightFinding[] {
  const seen = new Set<string>();
  return (layout.runningHeads ?? [])
    .filter((head) => head.cut && !seen.has(head.full) && seen.add(head.full))
    .map((head) => ({
      rule: "running-head-cut",
      page: head.page,
      text: head.printed,
      message: `the running head is too long for one line and was cut: give a shorter one in the front matter, runningHead: { ${/[\u3400-\u9fff]/.test(head.full) ? "zh" : "en"}: … }`,
    }));
}
