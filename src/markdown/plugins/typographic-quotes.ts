import type { MarkdownIt } from "markdown-it";
import { rewriteProse } from "../text-runs.ts";
import { curlQuotes } from "../typography.ts";

/**
 * Straight quotes typed in the text become “ ” ‘ ’, in English and Chinese alike (Pandoc's
 * `smart`): never in code, web addresses or link targets; a quote escaped with a backslash
 * stays straight. Before text_join, where an escaped character is still a token of its own,
 * and before the rules that look at Chinese punctuation, which then see the curly quotes.
 */
export function typographicQuotes(md: MarkdownIt): void {
  md.core.ruler.before("text_join", "typographic_quotes", (state) => {
    for (const token of state.tokens) {
      if (token.type === "inline" && token.children) rewriteProse(token.children, curlQuotes);
    }
  });
}
