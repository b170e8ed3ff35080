import type { IssueSources } from "./load.ts";

/** `<year>-<NN>`: one name per issue, for its PDF (`dist/2021-03.pdf`), the folder of its offprints and its URL in the preview. */
export function issueFolder(issue: IssueSources): string {
  return `${issue.issue.year}-${String(issue.issue.number).padStart(2, "0")}`;
}
