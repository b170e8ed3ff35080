import { readFile, stat } from "node:fs/promises";
import { packagedCoverage } from "./packaged-coverage.ts";
import { readFontFacts, type FontFacts } from "./sfnt.ts";

/**
 * Every font a page may print with, and which characters each has. In the order a
 * character looks for its glyph:
 *
 * 1. the faces the styles name (Noto Serif SC for Chinese, Noto Serif for Latin and Greek),
 *    from Fontsource packages, loaded slice by slice as the text needs them;
 * 2. Source Han Serif CN for the ideographs Noto Serif SC's slices leave out (traditional
 *    characters, Extension A…): the same design, mainland glyph forms. Its package holds a
 *    variable font, which Chromium would write to the PDF as Type 3 fonts, so each slice a
 *    document needs is cut down to its characters and pinned to a weight (./fallback.ts);
 * 3. the journal's own font files (`fonts` in journal.yaml), for what no package has.
 *
 * The machine's own fonts are never among them (../render/fontconfig.ts).
 */
export interface FontLibrary {
  /** Whether some font of ours has a glyph for the character (or it needs none). */
  covers(codePoint: number): boolean;
  /** Whether the faces the styles name have it, so that nothing needs to be added for it. */
  inStyles(codePoint: number): boolean;
  /** The font file a character outside the styles' faces is printed from, if any. */
  fallbackFor(codePoint: number): FallbackFont | undefined;
  /** PostScript names of every font a PDF of ours may hold (the preflight names any other). */
  postScriptNames: RegExp[];
}

/** A font file a character is taken from when the styles' faces lack it. */
export interface FallbackFont {
  /** `han`: Source Han Serif CN; `journal`: a file the journal names. */
  kind: "han" | "journal";
  file: string;
  facts: Pick<FontFacts, "axes" | "postScriptName">;
}

/** PostScript names of the packaged fonts, as Chromium writes them into a PDF. */
export const PACKAGED_FONT_NAMES = [/^NotoSerifSC(ExtraLight)?-/, /^NotoSerif-/, /^SourceHanSerifCNVF-/];

/**
 * Characters that print no glyph and ask none of a font: controls, soft hyphens, zero-width
 * spaces and joiners, the word joiner, variation selectors, the byte order mark.
 */
const NEEDS_NO_GLYPH = /[\p{Cc}\u00ad\u200b-\u200f\u2028\u2029\u2060-\u2064\ufeff]/u;

export function needsNoGlyph(char: string): boolean {
  const c = char.codePointAt(0) ?? 0;
  // Variation selectors pick a glyph of the character before them.
  return NEEDS_NO_GLYPH.test(char) || (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0xe0100 && c <= 0xe01ef);
}

/** A font file the journal names, read and checked: what it covers and what Chromium can embed of it. */
export interface JournalFont {
  file: string;
  facts: FontFacts;
}

export async function readJournalFont(file: string): Promise<JournalFont> {
  return { file, facts: readFontFacts(await readFile(file)) };
}

/** The fonts of a build: the packaged ones, then the journal's own files in the order it lists them. */
export async function loadFontLibrary(journalFonts: JournalFont[] = []): Promise<FontLibrary> {
  const { styles, hanSlice } = await packagedCoverage();
  const hanFacts = { axes: ["wght"], postScriptName: "SourceHanSerifCN" };
  const fallbackFor = (c: number): FallbackFont | undefined => {
    if (styles.has(c)) return undefined;
    const slice = hanSlice(c);
    if (slice) return { kind: "han", file: slice, facts: hanFacts };
    const own = journalFonts.find((f) => f.facts.coverage.has(c));
    return own && { kind: "journal", file: own.file, facts: own.facts };
  };
  return {
    inStyles: (c) => styles.has(c),
    covers: (c) => styles.has(c) || needsNoGlyph(String.fromCodePoint(c)) || fallbackFor(c) !== undefined,
    fallbackFor,
    postScriptNames: [...PACKAGED_FONT_NAMES, ...journalFonts.map((f) => new RegExp(`^${escapeRegExp(f.facts.postScriptName)}$`))],
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Size and modification time: enough to tell that a font file changed since a subset was cut from it. */
export async function fileStamp(file: string): Promise<string> {
  const s = await stat(file);
  return `${s.size}:${Math.round(s.mtimeMs)}`;
}
