import type { MarkdownIt, Token } from "markdown-it";
import { childLine, envOf, type FloatEntry, type MarkdownEnv } from "../env.ts";
import { floatId, floatLabel, joinReferences, referenceSeparator } from "../float-labels.ts";

/**
 * pandoc-crossref's references: `@fig:map` and `[@fig:map]` print 图1 in the Chinese part
 * and Fig. 1 in the English one (`@tbl:…`: 表1, Table 1); `[-@fig:map]` the number alone;
 * `[@fig:a; @fig:b]` both. Each is a link to its figure or table. A label that no
 * figure or table of the document carries is an error at its line.
 */
const REFERENCE = /\[((?:-?@(?:fig|tbl):[\w:.-]*\w\s*;\s*)*-?@(?:fig|tbl):[\w:.-]*\w)\]|(?<![\w@])@([Ff]ig|[Tt]bl):([\w:.-]*\w)/g;
const ONE = /(-?)@(fig|tbl):([\w:.-]*\w)/g;

export function crossrefs(md: MarkdownIt): void {
  md.core.ruler.after("text_join", "crossrefs", (state) => {
    const env = envOf(state.env);
    const labels = new Map<string, FloatEntry>();
    for (const entry of env.floats) {
      if (!entry.label) continue;
      if (labels.has(entry.label)) {
        env.problems.push({
          line: entry.line,
          message: `the label '${entry.label}' is used twice`,
          hint: "give each figure and table its own label",
        });
      } else labels.set(entry.label, entry);
    }
    for (const token of state.tokens) {
      if (token.type !== "inline" || !token.children) continue;
      token.children = expand(state, env, token, labels);
    }
  });

  md.renderer.rules.crossref_open = (tokens, idx) =>
    `<a class="crossref" href="${md.utils.escapeHtml(String(tokens[idx]?.attrGet("href")))}">`;
  md.renderer.rules.crossref_close = () => "</a>";
}

/** The children of an inline token with each reference in its text turned into a link. */
function expand(state: { Token: typeof Token }, env: MarkdownEnv, inline: Token, labels: Map<string, FloatEntry>): Token[] {
  const out: Token[] = [];
  let inLink = 0;
  for (const [index, child] of (inline.children ?? []).entries()) {
    if (child.type === "link_open") inLink++;
    if (child.type === "link_close") inLink--;
    if (child.type !== "text" || inLink > 0 || !child.content.includes("@")) {
      out.push(child);
      continue;
    }
    let last = 0;
    const text = (content: string) => {
      if (content === "") return;
      const t = new state.Token("text", "", 0);
      t.content = content;
      out.push(t);
    };
    for (const m of child.content.matchAll(REFERENCE)) {
      const written = m[0];
      const refs = m[1] !== undefined ? [...m[1].matchAll(ONE)] : [[written, "", (m[2] ?? "").toLowerCase(), m[3] ?? ""]];
      const targets = refs.map(([, minus, kind, name]) => ({ minus: minus === "-", label: `${kind}:${name}` }));
      const unknown = targets.find((t) => !labels.has(t.label));
      if (unknown) {
        env.problems.push({
          line: childLine(inline, index),
          message: `the reference @${unknown.label} names no figure or table`,
          hint: `label the figure {#${unknown.label}} (or the table's caption, for tbl:), or correct the reference`,
        });
        continue;
      }
      text(child.content.slice(last, m.index));
      last = (m.index ?? 0) + written.length;
      const entries = targets.map((t) => labels.get(t.label) as FloatEntry);
      const numbersOnly = targets.every((t) => t.minus);
      const kind = entries[0]?.kind ?? "figure";
      const printed = joinReferences(
        kind,
        entries.map((e) => (numbersOnly ? String(e.number) : floatLabel(e.kind, e.number, env.idPrefix))),
        env.idPrefix,
        numbersOnly,
      );
      entries.forEach((entry, i) => {
        if (i > 0) text(referenceSeparator(env.idPrefix));
        const open = new state.Token("crossref_open", "a", 1);
        open.attrSet("href", `#${floatId(env.idPrefix, entry.label ?? "")}`);
        open.meta = { entry };
        out.push(open);
        text(printed[i] ?? "");
        out.push(new state.Token("crossref_close", "a", -1));
      });
    }
    text(child.content.slice(last));
  }
  return out;
}
