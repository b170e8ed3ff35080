import type { MarkdownIt } from "markdown-it";
import { childLine, envOf } from "../env.ts";

/**
 * Footnote integrity, which markdown-it-footnote does not report: a call with no note,
 * a note never called, a label defined twice, a note called twice (a printed note
 * sits at its one call).
 */
export function footnoteCheck(md: MarkdownIt): void {
  // Before footnote_tail discards definitions and their positions.
  md.core.ruler.before("footnote_tail", "footnote_check_definitions", (state) => {
    const env = envOf(state.env);
    const defined = new Set<string>();
    state.tokens.forEach((token, i) => {
      if (token.type !== "footnote_reference_open") return;
      const label = String((token.meta as { label: string }).label);
      const line = state.tokens.slice(i + 1).find((t) => t.map)?.map?.[0];
      if (defined.has(label)) {
        env.problems.push({ line, message: `note [^${label}] is defined twice`, hint: "give each note its own label" });
        return;
      }
      defined.add(label);
      const refs = env.footnotes?.refs ?? {};
      if (refs[`:${label}`] === -1) {
        env.problems.push({
          line,
          message: `note [^${label}] is never cited`,
          hint: `cite it with [^${label}] where it belongs, or delete the note`,
        });
      }
    });
  });

  // Before text_join, which would merge an escaped \[^1] (a literal, not a call) into the text.
  md.core.ruler.before("text_join", "footnote_check_calls", (state) => {
    const env = envOf(state.env);
    for (const token of state.tokens) {
      if (token.type !== "inline" || !token.children) continue;
      for (const [index, child] of token.children.entries()) {
        const line = childLine(token, index);
        if (child.type === "text") {
          for (const m of child.content.matchAll(/\[\^([^\]\s]+)\]/g)) {
            env.problems.push({
              line,
              message: `note [^${m[1]}] is cited but never defined`,
              hint: `add a line '[^${m[1]}]: the note's text' after the paragraph`,
            });
          }
        }
        if (child.type === "footnote_ref") {
          const meta = child.meta as { subId?: number; label?: string };
          if ((meta.subId ?? 0) > 0) {
            env.problems.push({
              line,
              message: `note [^${meta.label}] is cited a second time`,
              hint: "a note is printed at its one call: cite it once, or write a second note",
            });
          }
        }
      }
    }
  });
}
