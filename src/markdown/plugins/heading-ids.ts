import type { MarkdownIt } from "markdown-it";
import { envOf } from "../env.ts";

/** Every heading gets a stable id (`zh-s1`, `en-s2`…): bookmarks, links and alignment use them. */
export function headingIds(md: MarkdownIt): void {
  md.core.ruler.push("heading_ids", (state) => {
    const env = envOf(state.env);
    state.tokens.forEach((token, i) => {
      if (token.type !== "heading_open") return;
      const inline = state.tokens[i + 1];
      const text = (inline?.children ?? [])
        .filter((c) => c.type === "text" || c.type === "code_inline")
        .map((c) => c.content)
        .join("");
      const id = String(token.attrGet("id") ?? `${env.idPrefix}-s${env.headings.length + 1}`);
      token.attrSet("id", id);
      env.headings.push({ id, level: Number(token.tag.slice(1)), text });
    });
  });
}
