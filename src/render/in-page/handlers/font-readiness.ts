import { FONT_LOAD_ERROR } from "../contract.ts";
import { paged } from "../paged.ts";

/**
 * Fontsource splits each face into unicode-range slices that load only when a glyph is
 * first drawn; Paged.js measures text as it paginates, so a slice arriving late would
 * change line breaks after pages were cut. Every slice this document needs is loaded first.
 *
 * A face that fails to load (a file missing or unreadable) would leave its characters to
 * another face without a word, and the lines would break differently: the layout stops
 * instead, before it starts and again at its end. By then every face of the page has been
 * tried: Paged.js loads them all before laying out (Chunker.loadFonts).
 */
export class FontReadiness extends paged().Handler {
  async beforeParsed(content: DocumentFragment): Promise<void> {
    const text = content.textContent || "";
    const faces = new Set<string>();
    for (const face of document.fonts) faces.add(`${face.style} ${face.weight} 16px "${face.family.replace(/"/g, "")}"`);
    await Promise.all([...faces].map((font) => document.fonts.load(font, text).catch(() => [])));
    await document.fonts.ready;
    stopOnFailedFaces();
  }

  async afterRendered(): Promise<void> {
    await document.fonts.ready;
    stopOnFailedFaces();
  }
}

function stopOnFailedFaces(): void {
  const failed = [...document.fonts].filter((face) => face.status === "error");
  if (failed.length === 0) return;
  const error = new Error(failed.map(describe).join("\n"));
  error.name = FONT_LOAD_ERROR;
  throw error;
}

/** The face as its @font-face rule declares it, with the files it names. */
function describe(face: FontFace): string {
  const declared = `"${face.family.replace(/"/g, "")}" ${face.weight} ${face.style}`;
  const declares = (rule: CSSFontFaceRule, name: string, value: string, initial: string) =>
    normal(rule.style.getPropertyValue(name) || initial) === normal(value);
  const src = fontFaceRules().find(
    (rule) =>
      declares(rule, "font-family", face.family, "") &&
      declares(rule, "font-weight", face.weight, "normal") &&
      declares(rule, "font-style", face.style, "normal") &&
      declares(rule, "unicode-range", face.unicodeRange, "U+0-10FFFF"),
  );
  return `${declared} (${face.unicodeRange}) from ${src?.style.getPropertyValue("src") ?? "a file that could not be read"}`;
}

/** A descriptor as written or as the browser serialises it: quotes and case aside, normal weight is 400, bold 700. */
function normal(value: string): string {
  const bare = value.replace(/["']/g, "").trim().toLowerCase();
  return bare === "normal" ? "400" : bare === "bold" ? "700" : bare;
}

function fontFaceRules(): CSSFontFaceRule[] {
  const rules: CSSFontFaceRule[] = [];
  for (const sheet of document.styleSheets) {
    let list: CSSRuleList;
    try {
      list = sheet.cssRules;
    } catch {
      continue; // a stylesheet the page may not read
    }
    for (const rule of list) if (rule instanceof CSSFontFaceRule) rules.push(rule);
  }
  return rules;
}
