import { FONT_LOAD_ERROR } from "../contract.ts";
import { paged, type PagedChunker } from "../paged.ts";

/**
 * Fontsource splits each face into unicode-range slices that load only when a glyph is
 * first drawn; Paged.js measures text as it paginates, so a slice arriving late would
 * change line breaks after pages were cut. Every slice this document draws with is loaded
 * first, and only those: Paged.js would then load every face of every stylesheet
 * (Chunker.loadFonts), some 240 slices of which an article draws with about 70, and that
 * took longer than the sample's whole layout.
 *
 * A face that fails to load (a file missing or unreadable) would leave its characters to
 * another face without a word, and the lines would break differently: the layout stops
 * instead, before it starts and again at its end. (Every file our stylesheets name is known
 * to be there before the page opens: compose/assets.ts.)
 */
export class FontReadiness extends paged().Handler {
  async beforeParsed(content: DocumentFragment, chunker: PagedChunker): Promise<void> {
    chunker.loadFonts = () => document.fonts.ready;
    const text = textDrawn(content);
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

/**
 * Every character the layout may draw: the text, what handlers print from attributes
 * (续表N from data-continued), the strings the styles generate (note numbers' brackets),
 * and the figures of folios and note numbers, each once.
 */
function textDrawn(content: DocumentFragment): string {
  const parts = [content.textContent || "", "0123456789"];
  for (const element of content.querySelectorAll("*")) for (const attribute of element.attributes) parts.push(attribute.value);
  for (const sheet of document.styleSheets) parts.push(...generatedStrings(rulesOf(sheet)));
  // Each character once: the browser matches the text against every face's unicode-range,
  // and a picture's data: URL alone is some hundred thousand characters.
  return [...new Set(parts.join(""))].join("");
}

/** The quoted strings of every `content` declaration among the rules (nested ones too), unescaped. */
function generatedStrings(rules: CSSRule[]): string[] {
  const strings: string[] = [];
  for (const rule of rules) {
    if (rule instanceof CSSStyleRule || rule instanceof CSSPageRule) {
      for (const [, quoted = ""] of rule.style.getPropertyValue("content").matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
        strings.push(
          quoted.replace(/\\([0-9a-fA-F]{1,6})\s?|\\(.)/g, (_, hex: string | undefined, char: string | undefined) =>
            hex ? String.fromCodePoint(parseInt(hex, 16)) : (char ?? ""),
          ),
        );
      }
    }
    if (rule instanceof CSSGroupingRule) strings.push(...generatedStrings([...rule.cssRules]));
  }
  return strings;
}

function rulesOf(sheet: CSSStyleSheet): CSSRule[] {
  try {
    return [...sheet.cssRules];
  } catch {
    return []; // a stylesheet the page may not read
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
  for (const sheet of document.styleSheets) for (const rule of rulesOf(sheet)) if (rule instanceof CSSFontFaceRule) rules.push(rule);
  return rules;
}
