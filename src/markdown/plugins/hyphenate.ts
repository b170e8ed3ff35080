import type { MarkdownIt } from "markdown-it";
import { hyphenateEnglish } from "../hyphenate.ts";
import { proseRuns } from "../text-runs.ts";

/** Soft hyphens in the words of English paragraphs (not headings, links or code). */
export function hyphenate(md: MarkdownIt): void {
  md.core.ruler.after("text_join", "hyphenate", (state) => {
    state.tokens.forEach((token, i) => {
      if (token.type !== "inline" || !token.children) return;
      if (state.tokens[i - 1]?.type === "heading_open") return;
      for (const run of proseRuns(token.children)) run.content = hyphenateEnglish(run.content);
    });
  });
}
