import type { MarkdownIt, Token } from "markdown-it";
import { envOf } from "../env.ts";

/** A block of the source as plain text: what the reader should find printed. */
export interface SourceBlock {
  kind: "paragraph" | "heading";
  /** Heading level (1–6); headings only. */
  level?: number;
  text: string;
}

/** The plain text of a source's blocks and notes, in source order (notes in call order). */
export interface SourceTexts {
  blocks: SourceBlock[];
  notes: string[];
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
    state.tokens.forEach((token, i) => {
      const inline = state.tokens[i + 1];
      if (inline?.type !== "inline") return;
      if (token.type === "paragraph_open") blocks.push({ kind: "paragraph", text: plainText(inline) });
      else if (token.type === "heading_open") {
        blocks.push({ kind: "heading", level: Number(token.tag.slice(1)), text: plainText(inline) });
      }
    });
    // Note bodies by footnote id, which is the order of their calls; a note's paragraphs are one note.
    const notes = Array.from(env.noteBodies ?? [], (body) =>
      (body ?? [])
        .filter((t) => t.type === "inline")
        .map(plainText)
        .join("\n"),
    );
    const texts: SourceTexts = { blocks: blocks.filter((b) => b.text.trim() !== ""), notes };
    env[KEY] = texts;
  });
}

/** What `sourceText` collected while `env` rendered (empty when the plugin was not used). */
export function sourceTextsOf(env: unknown): SourceTexts {
  const texts = envOf(env)[KEY] as SourceTexts | undefined;
  return texts ?? { blocks: [], notes: [] };
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
