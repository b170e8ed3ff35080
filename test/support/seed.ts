/**
 * The sample article as printed: test/fixtures/seed.txt, the text extracted from the printed
 * issue (the same file as /work/shared/seed). It carries print artifacts (page breaks,
 * per-page footnote numbering, footnote texts at each page foot, doubled URLs), which are
 * taken apart here, so that tests compare what paiban makes with the print itself, never
 * with paiban's own reading of the sources.
 */
import { readFileSync } from "node:fs";

/** The extract, line ends normalised. */
export const seed = readFileSync(new URL("../fixtures/seed.txt", import.meta.url), "utf8").replace(/\r\n?/g, "\n");

export function group(match: RegExpExecArray | RegExpMatchArray | null, index: number, what: string): string {
  const value = match?.[index];
  if (value === undefined) throw new Error(`could not find ${what}`);
  return value;
}

export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`index ${index} out of range (length ${items.length})`);
  return item;
}

const FULL_WIDTH: Readonly<Record<string, string>> = { ",": "，", "(": "（", ")": "）", ":": "：", ";": "；" };

/** Both sides go through this: markup and whitespace out, half-width , ( ) : ; to full width. */
export function normalise(source: string): string {
  return source
    .replace(/\[([^\]\n]*)\]\((https?:\/\/[^)\s]+)\)/g, "$2") // the extract writes URLs twice
    .replace(/\[\^\d+\]/g, "")
    .replace(/\*\*/g, "")
    .replace(/[<>\\]/g, "")
    .replace(/\s+/g, "")
    .replace(/[,():;]/g, (c) => FULL_WIDTH[c] ?? c);
}

export const HEADING = /^#+\s+/;
const SEED_NOTE_LINE = /^\[(\d+)\]\s*(.*)$/;
const SEED_CALL = /<sup>\[(\d+)\]<\/sup>/g;
export const MD_DEFINITION = /^\[\^(\d+)\]:[ \t]*/;
export const MD_REFERENCE = /\[\^(\d+)\](?!:)/g;
export const ZH_PARAGRAPH_END = /[。！？”]$/;
export const EN_PARAGRAPH_END = /[.”"]$/;
export const CALL_MARK = (n: number): string => `⟦${n}⟧`;

// ---------------------------------------------------------------------------
// The extract, taken apart
// ---------------------------------------------------------------------------

export const seedLines = seed.split("\n");

export function lineIndex(predicate: (line: string) => boolean, what: string, from = 0): number {
  const index = seedLines.findIndex((line, i) => i >= from && predicate(line));
  if (index < 0) throw new Error(`seed: could not find ${what}`);
  return index;
}

export function labelled(label: string): string {
  const prefix = `**【${label}】**`;
  const line = seedLines[lineIndex((l) => l.startsWith(prefix), label)];
  if (line === undefined) throw new Error(`seed: no ${label}`);
  return line.slice(prefix.length).trim();
}

export const zhTitleAt = lineIndex((l) => l.startsWith("# "), "Chinese title");
export const zhStart = lineIndex((l) => l.startsWith("近年来"), "start of the Chinese body");
export const zhEnd = lineIndex((l) => l.startsWith("【收稿日期"), "【收稿日期】");
export const abstractsAt = lineIndex((l) => l.trim() === "## ABSTRACTS", "ABSTRACTS");
export const enTitleAt = lineIndex((l) => l.startsWith("# **China's New Security"), "English title", abstractsAt);
export const byLineAt = lineIndex((l) => /^\*By .+\*$/.test(l), "English by-line", enTitleAt);
export const closingAt = lineIndex((l) => l.startsWith("(The author is"), "English closing line", byLineAt);

export interface SeedBlock {
  kind: "heading" | "text";
  text: string;
}

interface SeedPage {
  calls: number[];
  notes: number[];
}

/**
 * Walks the Chinese region page by page. Body text gets a global mark in place of
 * each <sup>[n]</sup>; note lines are collected in print order; pages are checked
 * for matching call / note numbering.
 */
function readChineseRegion(): {
  blocks: SeedBlock[];
  notes: string[];
  pages: SeedPage[];
  callCount: number;
} {
  const blocks: SeedBlock[] = [];
  const notes: string[] = [];
  const pages: SeedPage[] = [];
  let page: SeedPage = { calls: [], notes: [] };
  let callCount = 0;
  for (let i = zhStart; i < abstractsAt; i += 1) {
    const line = at(seedLines, i).trim();
    if (line === "" || line === "---") continue;
    const note = SEED_NOTE_LINE.exec(line);
    if (note !== null) {
      page.notes.push(Number(group(note, 1, "note number")));
      notes.push(group(note, 2, "note text"));
      continue;
    }
    if (i >= zhEnd) continue; // 【收稿日期】 and （责任编辑）: front matter material
    if (page.notes.length > 0) {
      pages.push(page);
      page = { calls: [], notes: [] };
    }
    const marked = line.replace(SEED_CALL, (_whole: string, n: string) => {
      page.calls.push(Number(n));
      callCount += 1;
      return CALL_MARK(callCount);
    });
    if (HEADING.test(marked)) {
      blocks.push({ kind: "heading", text: marked.replace(HEADING, "") });
    } else {
      blocks.push({ kind: "text", text: marked });
    }
  }
  pages.push(page);
  return { blocks, notes, pages, callCount };
}

export const zhSeed = readChineseRegion();

/** Page-split fragments are rejoined: a text block continues the previous one if that did not end a sentence. */
export function paragraphsOf(blocks: readonly SeedBlock[], ends: RegExp, clean: (s: string) => string, glue: string): string[] {
  const out: string[] = [];
  let previous: SeedBlock | undefined;
  for (const block of blocks) {
    const last = out.length - 1;
    if (block.kind === "text" && previous?.kind === "text" && !ends.test(clean(previous.text)) && last >= 0) {
      out[last] = `${at(out, last)}${glue}${block.text}`;
      previous = { kind: "text", text: at(out, last) };
    } else {
      out.push(block.kind === "heading" ? `# ${block.text}` : block.text);
      previous = block;
    }
  }
  return out;
}

export const stripMarks = (s: string): string => s.replace(/⟦\d+⟧/g, "");
export const zhSeedParagraphs = paragraphsOf(zhSeed.blocks, ZH_PARAGRAPH_END, (s) => stripMarks(s).replace(/\*\*/g, ""), "");
export const zhSeedHeadings = zhSeed.blocks.filter((b) => b.kind === "heading").map((b) => `## ${b.text}`);
export const zhSeedBodyMarked = normalise(zhSeed.blocks.map((b) => b.text).join(""));
export const zhSeedBody = stripMarks(zhSeedBodyMarked);

export const enSeedBlocks: SeedBlock[] = seedLines
  .slice(byLineAt + 1, closingAt)
  .map((l) => l.trim())
  .filter((l) => l !== "")
  .map(
    (l): SeedBlock =>
      HEADING.test(l) ? { kind: "heading", text: l.replace(HEADING, "").replace(/\*\*/g, "") } : { kind: "text", text: l },
  );
export const enSeedParagraphs = paragraphsOf(enSeedBlocks, EN_PARAGRAPH_END, (s) => s.replace(/\*+/g, ""), " ");
export const enSeedText = enSeedBlocks
  .map((b) => b.text)
  .join(" ")
  .replace(/\*/g, "");

/**
 * English as a typesetter sets it from the extract's typewriter marks: " opening before a word,
 * closing elsewhere; ' after a letter an apostrophe (the extract's English has no ' opening a
 * quotation: one would need a rule this does not have, so it throws).
 */
export function curled(text: string): string {
  if (/(?<![\p{L}\p{N}])'/u.test(text)) throw new Error("a ' that opens a quotation: curled() knows only apostrophes");
  return text
    .replace(/"(?=[\p{L}\p{N}])/gu, "\u201c")
    .replace(/"/g, "\u201d")
    .replace(/'/g, "\u2019");
}

/** The Chinese metadata block as the journal printed it: each 【label】 with its text, in order. */
export const zhMetadata: { label: string; text: string }[] = seedLines.slice(zhTitleAt, zhStart).flatMap((line) => {
  const m = /^\*\*【(.+?)】\*\*(.*)$/.exec(line.trim());
  return m ? [{ label: group(m, 1, "label"), text: group(m, 2, "text").trim() }] : [];
});

/** The Chinese title as printed (its line break gone). */
export const zhTitle = at(seedLines, zhTitleAt).replace(/^#\s+/, "").replace(/\s+/g, "");

/**
 * Printed text, lines joined by "\n", made comparable with the print's `expected` (both
 * `normalise`d): whitespace goes, and a hyphen that ends a line is kept only where `expected`
 * has one there (else the line broke a word at a soft hyphen).
 */
export function asPrinted(printed: string, expected: string): string {
  const BREAK = "\u0001";
  const text = normalise(printed.replace(/[-\u2010\u2011]\n/g, BREAK));
  const target = normalise(expected);
  let out = "";
  for (const ch of text) {
    if (ch !== BREAK) out += ch;
    else if (target[out.length] === "-") out += "-";
  }
  return out;
}
