import type { MarkdownIt, Token } from "markdown-it";
import { splitAttributes } from "../attributes.ts";
import { envOf, floatOf, type FloatEntry, type MarkdownEnv } from "../env.ts";
import { continuedLabel, floatId, floatLabel } from "../float-labels.ts";
import { englishLine } from "./figures.ts";

/** Pandoc's table caption: a paragraph starting `Table:` or `:`, right before or after the table. */
const CAPTION = /^(?:[Tt]able)?:[ \t]*/;
/** Table notes: paragraphs right after the table (and its caption) that start so. */
const NOTE = /^(?:注|注释|说明|资料来源|数据来源|Notes?|Sources?)\s*[:：]/;

/**
 * Tables as Chinese journals print them (三线表, styles/figures.css): numbered in order
 * (表1 / Table 1) with the caption above, from Pandoc's caption paragraph; the 注：… and
 * 资料来源：… paragraphs after it set as its notes. An attribute block ending the caption
 * labels it and gives an English caption line: `: 成员国人口 {#tbl:pop en="Population"}`.
 * Every row carries its source line, so a row that cannot be set is reported where it is.
 */
export function tables(md: MarkdownIt): void {
  // Before inline: the caption's prefix and attribute block go before its text is parsed.
  md.core.ruler.before("inline", "tables", (state) => {
    const env = envOf(state.env);
    const tokens = state.tokens;
    for (let t = 0; t < tokens.length; t++) {
      if (tokens[t]?.type !== "table_open") continue;
      const c = tokens.findIndex((token, i) => i > t && token.type === "table_close");
      const after = captionAt(tokens, c + 1);
      const before = after ? undefined : captionAt(tokens, t - 3);
      const caption = after ?? before;
      let end = c + 1 + (after ? 3 : 0);
      const notes: Token[] = [];
      while (isNote(tokens, end)) {
        notes.push(...tokens.slice(end, end + 3));
        end += 3;
      }
      const start = before ? t - 3 : t;
      const wrapped = wrap(state, env, tokens.slice(t, c + 1), caption, notes);
      tokens.splice(start, end - start, ...wrapped);
      t = start + wrapped.length - 1;
    }
  });

  md.renderer.rules.table_caption_open = (tokens, idx, _options, rawEnv) => {
    const entry = floatOf(tokens[idx]);
    return `<caption><span class="float-label">${floatLabel("table", entry.number, envOf(rawEnv).idPrefix)}</span>`;
  };
  md.renderer.rules.table_caption_close = (tokens, idx, _options, rawEnv) => {
    const entry = floatOf(tokens[idx]);
    const en = envOf(rawEnv).idPrefix !== "en" && entry.captionEn ? englishLine(md, entry) : "";
    return `${en}</caption>\n`;
  };
}

/** The caption paragraph at `i` (its open token), if there is one. */
function captionAt(tokens: Token[], i: number): Token | undefined {
  const [open, inline, close] = [tokens[i], tokens[i + 1], tokens[i + 2]];
  if (open?.type !== "paragraph_open" || inline?.type !== "inline" || close?.type !== "paragraph_close") return undefined;
  return CAPTION.test(inline.content) ? inline : undefined;
}

function isNote(tokens: Token[], i: number): boolean {
  const [open, inline] = [tokens[i], tokens[i + 1]];
  return open?.type === "paragraph_open" && inline?.type === "inline" && NOTE.test(inline.content);
}

function wrap(state: { Token: typeof Token }, env: MarkdownEnv, table: Token[], caption: Token | undefined, notes: Token[]): Token[] {
  const [tableOpen] = table as [Token];
  const line = tableOpen.map?.[0];
  const number = env.floats.filter((f) => f.kind === "table").length + 1;
  const entry: FloatEntry = { kind: "table", number, line };
  env.floats.push(entry);

  const captionInline = new state.Token("inline", "", 0);
  captionInline.children = [];
  if (caption) {
    const text = caption.content.replace(CAPTION, "");
    const split = splitAttributes(text);
    captionInline.content = split ? split.before : text;
    captionInline.map = caption.map;
    const report = (message: string, hint: string) => env.problems.push({ line: caption.map?.[0], message, hint });
    if (split?.attributes.id !== undefined) {
      if (/^tbl:./.test(split.attributes.id)) entry.label = split.attributes.id;
      else
        report(
          `the table's label '#${split.attributes.id}' does not start with 'tbl:'`,
          "label a table {#tbl:name} and cite it as @tbl:name",
        );
    }
    for (const [key, value] of Object.entries(split?.attributes.values ?? {})) {
      if (key === "en") entry.captionEn = value;
      else report(`a table caption takes no attribute '${key}'`, 'a table caption takes {#tbl:name en="English caption"}');
    }
  }

  const wrapOpen = new state.Token("table_wrap_open", "div", 1);
  wrapOpen.attrSet("class", "table-wrap");
  if (entry.label) wrapOpen.attrSet("id", floatId(env.idPrefix, entry.label));
  wrapOpen.attrSet("data-line", String((env.bodyLine ?? 1) + (line ?? 0)));
  wrapOpen.map = tableOpen.map;
  wrapOpen.meta = { entry };
  tableOpen.attrSet("data-continued", continuedLabel(number, env.idPrefix));
  for (const token of table) {
    if (token.type === "tr_open" && token.map) token.attrSet("data-line", String((env.bodyLine ?? 1) + token.map[0]));
  }
  const captionOpen = new state.Token("table_caption_open", "caption", 1);
  captionOpen.meta = { entry };
  const captionClose = new state.Token("table_caption_close", "caption", -1);
  captionClose.meta = { entry };
  const out = [wrapOpen, tableOpen, captionOpen, captionInline, captionClose, ...table.slice(1)];
  if (notes.length > 0) {
    const notesOpen = new state.Token("table_notes_open", "div", 1);
    notesOpen.attrSet("class", "table-notes");
    out.push(notesOpen, ...notes, new state.Token("table_notes_close", "div", -1));
  }
  out.push(new state.Token("table_wrap_close", "div", -1));
  return out;
}
