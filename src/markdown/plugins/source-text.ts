import type { MarkdownIt, Token } from "markdown-it";
import { envOf, floatOf, type FloatEntry } from "../env.ts";
import { floatLabel } from "../float-labels.ts";

/** A block of the source as plain text: what the reader should find printed. */
export interface SourceBlock {
  kind: "paragraph" | "heading";
  /** Heading level (1–6); headings only. */
  level?: number;
  text: string;
}

/** A figure or table as the reader should find it printed: its caption (label included) and, for a table, its cells row by row. */
export interface SourceFloat {
  kind: FloatEntry["kind"];
  /** The part (language) it is in, and its line in that part's file. */
  lang: string;
  line: number;
  caption: string;
  cells: string[];
  /** A raster figure's pixels: the PDF must hold the picture at this size. */
  pixels?: { width: number; height: number };
}

/** The plain text of a source's blocks and notes, in source order (notes in call order), and of its figures and tables. */
export interface SourceTexts {
  blocks: SourceBlock[];
  notes: string[];
  floats: SourceFloat[];
}

const KEY = "sourceTexts";

/**
 * Collects the plain text of every paragraph, heading and note body, as the page will
 * print it: after every other core rule (punctuation set full-width, notes cut out of
 * the body by footnote-inline), without markup, note calls or images.
 */
export function sourceText(md: MarkdownIt): void {
  md.core.ruler.push("source_text", (state) => {
    const env = envOf(state.env);
    const blocks: SourceBlock[] = [];
    const floats: SourceFloat[] = [];
    state.tokens.forEach((token, i) => {
      if (token.type === "figure_open" || token.type === "table_wrap_open") {
        const entry = floatOf(token);
        const image = entry.image;
        floats.push({
          kind: entry.kind,
          lang: env.idPrefix,
          line: (env.bodyLine ?? 1) + (entry.line ?? 0),
          caption: "",
          cells: [],
          pixels: image && image.format !== "svg" ? { width: image.width, height: image.height } : undefined,
        });
      }
      const inline = state.tokens[i + 1];
      if (inline?.type !== "inline") return;
      if (token.type === "paragraph_open") blocks.push({ kind: "paragraph", text: plainText(inline) });
      else if (token.type === "heading_open") {
        blocks.push({ kind: "heading", level: Number(token.tag.slice(1)), text: plainText(inline) });
      } else if (token.type === "figure_caption_open" || token.type === "table_caption_open") {
        const { entry } = token.meta as { entry: FloatEntry };
        const float = floats.at(-1);
        const english =
          env.idPrefix !== "en" && entry.captionEn ? `\n${floatLabel(entry.kind, entry.number, "en")} ${entry.captionEn}` : "";
        if (float) float.caption = `${floatLabel(entry.kind, entry.number, env.idPrefix)} ${plainText(inline)}${english}`;
      } else if (token.type === "th_open" || token.type === "td_open") {
        floats.at(-1)?.cells.push(plainText(inline));
      }
    });
    // Note bodies by footnote id, which is the order of their calls; a note's paragraphs are one note.
    const notes = Array.from(env.noteBodies ?? [], (body) =>
      (body ?? [])
        .filter((t) => t.type === "inline")
        .map(plainText)
        .join("\n"),
    );
    const texts: SourceTexts = { blocks: blocks.filter((b) => b.text.trim() !== ""), notes, floats };
    env[KEY] = texts;
  });
}

/** What `sourceText` collected while `env` rendered (empty when the plugin was not used). */
export function sourceTextsOf(env: unknown): SourceTexts {
  const texts = envOf(env)[KEY] as SourceTexts | undefined;
  return texts ?? { blocks: [], notes: [], floats: [] };
}

/** The text an inline token prints: text and code, line breaks as spaces; no calls, no images. */
function plainText(inline: Token): string {
  let text = "";
  for (const child of inline.children ?? []) {
    if (child.type === "text" || child.type === "text_special" || child.type === "code_inline") text += child.content;
    else if (child.type === "softbreak" || child.type === "hardbreak") text += "\n";
  }
  return text;
}
