import type { MarkdownIt } from "markdown-it";
import { rewriteProse } from "../text-runs.ts";
import { setDashes } from "../typography.ts";

/** In English text `---` becomes an em dash — and `--` an en dash – (Pandoc's `smart`), outside code and web addresses. */
export function englishDashes(md: MarkdownIt): void {
  md.core.ruler.before("text_join", "english_dashes", (state) => {
    for (const token of state.tokens) {
      if (token.type === "inline" && token.children) rewriteProse(token.children, setDashes);
    }
  });
}
