import type { MarkdownIt } from "markdown-it";
import { hyphenateEnglish } from "../hyphenate.ts";

/** Soft hyphens in the words of English paragraphs (not headings, links or code). */
export function hyphenate(md: MarkdownIt): void {
  md.core.ruler.after("text_join", "hyphenate", (state) => {
    state.tokens.forEach((token, i) => {
      if (token.type !== "inline" || !token.children) return;
      if (state.tokens[i - 1]?.type === "heading_open") return;
      let inLink = 0;
      for (const child of token.children) {
        if (child.type === "link_open") inLink++;
        else if (child.type === "link_close") inLink--;
        else if (child.type === "text" && inLink === 0) child.content = hyphenateEnglish(child.content);
      }
    });
  });
}
