import { readFile } from "node:fs/promises";
import path from "node:path";

/** One `@font-face` rule of a font package's stylesheet: a file and the characters it is declared for. */
export interface FontFaceRule {
  family: string;
  style: string;
  weight: string;
  /** The font file, as an absolute path (the woff2 when the rule offers several formats). */
  file: string;
  /** Its `unicode-range`, as code points. */
  range: Set<number>;
}

const RULE = /@font-face\s*{([^}]*)}/g;

/** The `@font-face` rules of a stylesheet (Fontsource's, or a package's like it), with their files resolved. */
export async function readFontFaceRules(stylesheet: string): Promise<FontFaceRule[]> {
  const css = await readFile(stylesheet, "utf8");
  const rules: FontFaceRule[] = [];
  for (const [, body = ""] of css.matchAll(RULE)) {
    const value = (name: string) => new RegExp(`(?:^|;|\\s)${name}\\s*:\\s*([^;]+)`).exec(body)?.[1]?.trim();
    const url = /url\(\s*["']?([^"')]+?\.woff2)["']?\s*\)/.exec(body)?.[1] ?? /url\(\s*["']?([^"')]+)["']?\s*\)/.exec(body)?.[1];
    if (!url) continue;
    rules.push({
      family: (value("font-family") ?? "").replace(/^["']|["']$/g, ""),
      style: value("font-style") ?? "normal",
      weight: value("font-weight") ?? "400",
      file: path.resolve(path.dirname(stylesheet), url),
      range: parseUnicodeRange(value("unicode-range") ?? "U+0-10FFFF"),
    });
  }
  return rules;
}

/** `U+4E00-9FFF,U+3001` as the code points it names. */
export function parseUnicodeRange(text: string): Set<number> {
  const points = new Set<number>();
  for (const part of text.split(",")) {
    const [from = "", to] = part.trim().replace(/^U\+/i, "").split("-");
    const start = Number.parseInt(from.replace(/\?/g, "0"), 16);
    const end = to === undefined ? Number.parseInt(from.replace(/\?/g, "F"), 16) : Number.parseInt(to, 16);
    for (let c = start; c <= end; c++) points.add(c);
  }
  return points;
}

/** Code points as a `unicode-range` value, consecutive ones as ranges. */
export function formatUnicodeRange(points: Iterable<number>): string {
  const sorted = [...new Set(points)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i] as number;
    let end = start;
    while (sorted[i + 1] === end + 1) end = sorted[++i] as number;
    const hex = (n: number) => n.toString(16).toUpperCase();
    parts.push(end === start ? `U+${hex(start)}` : `U+${hex(start)}-${hex(end)}`);
  }
  return parts.join(", ");
}
