import type { MarkdownIt } from "markdown-it";
import { childLine, envOf } from "../env.ts";

/**
 * Raw HTML is not passed through: it would bypass the templates and the page's styles.
 * It is parsed (so we can say where it is), reported, and printed as text.
 */
export function noRawHtml(md: MarkdownIt): void {
  md.core.ruler.after("inline", "no_raw_html", (state) => {
    const env = envOf(state.env);
    const report = (line: number | undefined, html: string) =>
      env.problems.push({
        line,
        message: `raw HTML is not allowed: ${(html.trim().split("\n")[0] ?? "").slice(0, 40)}`,
        hint: "write it in Markdown (notes: [^n]; emphasis: **bold**, *italic*)",
      });
    for (const token of state.tokens) {
      if (token.type === "html_block") {
        report(token.map?.[0], token.content);
        token.type = "text_block";
      }
      if (token.type !== "inline" || !token.children) continue;
      for (const [index, child] of token.children.entries()) {
        if (child.type === "html_inline") {
          report(childLine(token, index), child.content);
          child.type = "text";
        }
      }
    }
  });
  md.renderer.rules.text_block = (tokens, idx) => `<p>${md.utils.escapeHtml(tokens[idx]?.content ?? "")}</p>`;
}
