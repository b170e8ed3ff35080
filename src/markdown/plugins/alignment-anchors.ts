import type { MarkdownIt } from "markdown-it";
import { envOf } from "../env.ts";

/** `{#id}` at the end of a heading or paragraph: the same id in both languages marks passages that correspond. */
const ANCHOR = /\s*\{#([A-Za-z][\w-]*)\}\s*$/;

/**
 * Alignment anchors for parallel-text editions. A heading or paragraph ending in `{#id}`
 * starts an alignment unit called `id`; a heading without one starts the unit `s<n>`
 * (its place among the headings), so that 一/I, 二/II… correspond without anchors.
 * The anchor is removed from the text and kept as `data-align` on the block.
 */
export function alignmentAnchors(md: MarkdownIt): void {
  md.core.ruler.before("inline", "alignment_anchors", (state) => {
    const env = envOf(state.env);
    let headings = 0;
    state.tokens.forEach((token, i) => {
      if (token.type !== "heading_open" && token.type !== "paragraph_open") return;
      const inline = state.tokens[i + 1];
      if (inline?.type !== "inline") return;
      const heading = token.type === "heading_open";
      if (heading) headings++;
      const m = ANCHOR.exec(inline.content);
      if (m) inline.content = inline.content.slice(0, m.index);
      const id = m?.[1] ?? (heading ? `s${headings}` : undefined);
      if (!id) return;
      const line = token.map?.[0];
      if (env.anchors.some((a) => a.id === id)) {
        env.problems.push({
          line,
          message: `the alignment anchor {#${id}} is used twice`,
          hint: "give each anchor its own id (the same id marks the corresponding passage in the other language)",
        });
        return;
      }
      token.attrSet("data-align", id);
      env.anchors.push({ id, line, heading });
    });
  });
}
