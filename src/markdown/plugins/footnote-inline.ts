import type { MarkdownIt } from "markdown-it";
import type { Token } from "markdown-it";
import { envOf } from "../env.ts";

/**
 * Paged.js sets a note at the foot of the page where its body sits in the flow
 * (`float: footnote`). markdown-it-footnote collects notes at the end of the document;
 * this moves each body back to its call and drops the end-of-document list.
 */
export function footnoteInline(md: MarkdownIt): void {
  // Last of the core rules, so the bodies went through every inline rule (text_join included).
  md.core.ruler.push("footnote_inline_bodies", (state) => {
    const env = envOf(state.env);
    const start = state.tokens.findIndex((t) => t.type === "footnote_block_open");
    if (start < 0) return;
    const end = state.tokens.findIndex((t, i) => i > start && t.type === "footnote_block_close");
    const bodies: Token[][] = [];
    let current: Token[] | undefined;
    for (const token of state.tokens.slice(start + 1, end)) {
      if (token.type === "footnote_open") {
        current = [];
        bodies[(token.meta as { id: number }).id] = current;
      } else if (token.type === "footnote_close") {
        current = undefined;
      } else if (token.type !== "footnote_anchor") {
        current?.push(token);
      }
    }
    env.noteBodies = bodies;
    state.tokens.splice(start, end - start + 1);
  });

  md.renderer.rules.footnote_ref = (tokens, idx, options, rawEnv, self) => {
    const env = envOf(rawEnv);
    const { id, label } = (tokens[idx] as Token).meta as { id: number; label?: string };
    const body = env.noteBodies?.[id] ?? [];
    const paragraphs = body.filter((t) => t.type === "inline").map((t) => self.renderInline(t.children ?? [], options, env));
    const others = body.filter((t) => !/^(paragraph_open|paragraph_close|inline)$/.test(t.type));
    if (others.length > 0) {
      env.problems.push({
        line: others[0]?.map?.[0],
        message: `note [^${label ?? id + 1}] holds a ${others[0]?.type.replace(/_open$/, "")}`,
        hint: "a footnote holds text only: put lists, tables and quotations in the body",
      });
    }
    // U+2060 WORD JOINER keeps the call on the line of the character it follows (避头尾).
    // Set at the page's foot, away from the English part, an English note carries its language.
    const lang = env.idPrefix === "en" ? ' lang="en"' : "";
    return `\u2060<span class="footnote"${lang}>${paragraphs.join("<br>")}</span>`;
  };
}
