import type { PDFPageProxy, TextItem } from "pdfjs-dist/types/src/display/api.js";
import { PDFDict, type PDFDocument, PDFName, PDFRef, type PDFObject, type PDFPage } from "pdf-lib";
import { setPrintBoxes, type PrintBoxes } from "../output/boxes.ts";
import { asArray, asDict, asStream } from "../output/pdf-objects.ts";
import { pageContent } from "../output/press/streams.ts";
import { loadPdf } from "../output/pdf-file.ts";
import { readTextFont, type TextFont } from "./text-layer/fonts.ts";
import { readPageText, type PageResources } from "./text-layer/page-text.ts";

/**
 * Reading a PDF back the way a reader's tools do (pdf.js's text layer, given by our own for
 * Chromium's fonts; pdf-lib for the objects): text with positions, sizes and fonts, the
 * fonts themselves, page boxes.
 */

/**
 * pdf.js, loaded when a page first needs it (a third of a second): the pages the text
 * layer of our own (text-layer/) cannot read, and those whose fonts must be interpreted.
 */
type PdfJs = typeof import("./pdfjs/index.ts");
let pdfjsModule: Promise<PdfJs> | undefined;
function loadPdfReader(): Promise<PdfJs> {
  pdfjsModule ??= import("./pdfjs/index.ts");
  return pdfjsModule;
}

/** One piece of text as the PDF draws it: one font, one baseline (a pdf.js text item). */
export interface PdfTextItem {
  text: string;
  /** Left edge, in points from the page's left edge. */
  x: number;
  right: number;
  /** Baseline, in points from the page's top edge. */
  top: number;
  /** Font size in points (0 for the spaces pdf.js infers between pieces). */
  size: number;
  /** Key of the font in the page's `fonts`. */
  font: string;
}

/** A font a page draws with. */
export interface PdfFont {
  /** PostScript name as written in the PDF (subset tag included), or "" when it has none. */
  name: string;
  type3: boolean;
  embedded: boolean;
}

export interface PdfTextPage {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  /** Where the trim's top-left corner sits on the sheet (points; non-zero with a bleed). */
  trimOrigin: { left: number; top: number };
  /** In content order. */
  items: PdfTextItem[];
  /** Every font the page's content selects, by key (empty unless asked for). */
  fonts: Map<string, PdfFont>;
  /** Glyphs drawn as .notdef (the font has no glyph for the character), with the text around them (unless asked for fonts). */
  notdef: { font: string; text: string }[];
  /** The pictures the page draws (image XObjects, in forms too), at the pixels they are stored with. */
  images: { width: number; height: number }[];
}

export interface PdfText {
  pages: PdfTextPage[];
}

export interface ReadOptions {
  /** Also resolve the fonts each page draws with (slower: the pages' content is interpreted). */
  fonts?: boolean;
  /**
   * With `fonts`: the fonts that are ours (PostScript names). A page whose fonts are all ours,
   * embedded and none a Type 3, and whose text draws no glyph 0, is not interpreted: its
   * `fonts` and `notdef` stay empty, there being nothing in them to report.
   */
  ours?: RegExp[];
  /**
   * The print boxes finishing will give the pages (output/boxes.ts), for a PDF read as it was
   * printed, before it is finished: each page's trim is then where it will be. Nothing else
   * that is read changes in finishing (the pages' content, their top edge).
   */
  printBoxes?: PrintBoxes;
  /** Every page read by pdf.js, none by the text layer of our own (to compare the two). */
  pdfjsOnly?: boolean;
}

/**
 * The text layer of every page, as readers that honour /ActualText read it (Acrobat,
 * poppler): Chromium maps a ligature that spans a soft hyphen (the ff of dif­fer­ent) to
 * U+0000 and gives its text in an ActualText span, which pdf.js's text layer ignores.
 *
 * The items are pdf.js's. A page whose text is all in the fonts Chromium writes is read
 * by `readPageText` (text-layer/), which gives the items pdf.js would, without parsing
 * the fonts' programs; pdf.js reads the others (and loads only when one needs it).
 */
export async function readPdfText(bytes: Uint8Array, options: ReadOptions = {}): Promise<PdfText> {
  const objects = await loadPdf(bytes);
  const pdfPages = objects.getPages();
  // Where pdf.js would clip the text: the boxes as printed, before any are set here.
  const views = pdfPages.map(viewBox);
  if (options.printBoxes) setPrintBoxes(objects, options.printBoxes);
  // Decoded once: read for the text, and (as Latin-1 text) for the glyphs when the fonts are asked for.
  const contents = pdfPages.map((page) => pageContent(objects, page.node));
  const latin1 = new TextDecoder("latin1");
  const fonts = new TextFonts(objects);
  const pdfjs = lazyPdfJs(bytes);
  try {
    const pages: PdfTextPage[] = [];
    for (const [i, pdfPage] of pdfPages.entries()) {
      const drawn = contents[i] as Uint8Array;
      const content = latin1.decode(drawn);
      const interpret = options.fonts && !(options.ours && drawsOnlyWith(objects, pdfPage, content, options.ours));
      const own =
        interpret || options.pdfjsOnly ? undefined : readPageText(drawn, pageResources(objects, pdfPage, fonts), views[i] as number[]);
      const read = own
        ? { items: own, fonts: new Map<string, PdfFont>(), notdef: [], view: views[i] as number[] }
        : await (await pdfjs.open()).page(i + 1, content, interpret ?? false);
      const [x0 = 0, , , y1 = 0] = read.view;
      // The sheet as pdf-lib has it: with `printBoxes`, as it will be once finished.
      const sheet = pdfPage.getCropBox();
      pages.push({
        number: i + 1,
        width: sheet.width,
        height: sheet.height,
        trimOrigin: trimOrigin(pdfPage),
        items: textItems(read.items, x0, y1),
        fonts: read.fonts,
        notdef: read.notdef,
        images: pageImages(objects, pdfPage),
      });
    }
    return { pages };
  } finally {
    await pdfjs.close();
  }
}

/** pdf.js's reading of a page: its text items and marks, its fonts and .notdef glyphs when asked, its view box. */
interface PdfJsPage {
  items: unknown[];
  fonts: Map<string, PdfFont>;
  notdef: PdfTextPage["notdef"];
  view: number[];
}

/** pdf.js on a PDF, opened when a page first needs it. */
function lazyPdfJs(bytes: Uint8Array) {
  let opened: Promise<{ page: (n: number, content: string, fonts: boolean) => Promise<PdfJsPage>; close: () => Promise<void> }> | undefined;
  const open = async () => {
    const { getDocument, OPS, VerbosityLevel } = await loadPdfReader();
    // pdf.js takes the buffer over: give it a copy (a Uint8Array, which it requires, even of a Buffer).
    const doc = await getDocument({
      data: new Uint8Array(bytes),
      disableFontFace: true,
      useSystemFonts: false,
      // The pictures' sizes come from pdf-lib (pageImages): pdf.js would decode every one of
      // them to list the fonts, a tenth of a second a figure. It leaves them out instead.
      maxImageSize: 0,
      verbosity: VerbosityLevel.ERRORS,
    }).promise;
    return {
      async page(n: number, content: string, fonts: boolean): Promise<PdfJsPage> {
        const page = await doc.getPage(n);
        const text = await page.getTextContent({ includeMarkedContent: true });
        const read = fonts ? await pageFonts(page, OPS) : { fonts: new Map<string, PdfFont>(), notdef: [] };
        page.cleanup();
        return { items: withActualText(text.items, markedSpans(content)), ...read, view: page.view as number[] };
      },
      close: () => doc.destroy(),
    };
  };
  return {
    open: () => (opened ??= open()),
    close: async () => {
      if (opened) await (await opened).close();
    },
  };
}

/**
 * pdf.js's items with the /ActualText of the spans that carry one put on their markers:
 * its markers do not give it, so the page's spans without an MCID, parsed from its content
 * in order, are matched to those markers (when they line up, tag for tag).
 */
function withActualText(items: unknown[], spans: MarkedSpan[]): unknown[] {
  const unnamed = items.map(asMarker).filter((m) => m?.type === "beginMarkedContentProps" && !m.id);
  const aligned = unnamed.length === spans.length && unnamed.every((m, i) => m?.tag === spans[i]?.tag);
  if (!aligned) return items;
  let next = 0;
  return items.map((item) => {
    const marker = asMarker(item);
    return marker?.type === "beginMarkedContentProps" && !marker.id ? { ...marker, actualText: spans[next++]?.actualText } : item;
  });
}

/**
 * Text items as the preflight places them (from the page's top-left corner, `x0` and `y1`
 * its view box's left and top), each span's items read as its /ActualText where it has one.
 */
function textItems(raw: unknown[], x0: number, y1: number): PdfTextItem[] {
  const open: { actualText?: string; start: number }[] = [];
  const items: PdfTextItem[] = [];
  for (const item of raw) {
    const marker = asMarker(item);
    if (marker) {
      if (marker.type === "beginMarkedContent" || marker.type === "beginMarkedContentProps") {
        open.push({ actualText: marker.id ? undefined : marker.actualText, start: items.length });
      } else if (marker.type === "endMarkedContent") {
        const span = open.pop();
        if (span?.actualText !== undefined) replaceText(items, span.start, span.actualText);
      }
      continue;
    }
    if (!isTextItem(item) || item.str.length === 0) continue;
    const [, , c, d, x, y] = item.transform as [number, number, number, number, number, number];
    items.push({
      text: item.str,
      x: x - x0,
      right: x - x0 + item.width,
      top: y1 - y,
      size: item.height === 0 ? 0 : Math.round(Math.hypot(c, d) * 100) / 100,
      font: item.fontName,
    });
  }
  return items;
}

/** The page's box as pdf.js views it: the crop box within the media box, corners ordered. */
function viewBox(page: PDFPage): number[] {
  const box = (b: { x: number; y: number; width: number; height: number }) => [
    Math.min(b.x, b.x + b.width),
    Math.min(b.y, b.y + b.height),
    Math.max(b.x, b.x + b.width),
    Math.max(b.y, b.y + b.height),
  ];
  const media = box(page.getMediaBox()) as [number, number, number, number];
  const crop = box(page.getCropBox()) as [number, number, number, number];
  const cut = [Math.max(media[0], crop[0]), Math.max(media[1], crop[1]), Math.min(media[2], crop[2]), Math.min(media[3], crop[3])] as const;
  return cut[2] > cut[0] && cut[3] > cut[1] ? [...cut] : media;
}

/** The documents' fonts as the text layer reads them, each read once. */
class TextFonts {
  private readonly read = new Map<PDFRef | PDFDict, TextFont | undefined>();
  constructor(private readonly pdf: PDFDocument) {}
  get(ref: PDFRef | PDFDict): TextFont | undefined {
    if (!this.read.has(ref)) this.read.set(ref, readTextFont(this.pdf, ref));
    return this.read.get(ref);
  }
}

/** A page's resources as the text layer asks for them. */
function pageResources(pdf: PDFDocument, page: PDFPage, fonts: TextFonts): PageResources {
  const resources = page.node.Resources();
  const entry = (category: string, name: string) => asDict(pdf, resources?.get(PDFName.of(category)))?.get(PDFName.of(name));
  // Chromium selects a page's font again at every text object: looked up once a name.
  const byName = new Map<string, TextFont | undefined>();
  return {
    font(name) {
      if (!byName.has(name)) {
        const ref = entry("Font", name);
        byName.set(name, ref instanceof PDFRef || ref instanceof PDFDict ? fonts.get(ref) : undefined);
      }
      return byName.get(name);
    },
    isForm(name) {
      const stream = asStream(pdf, entry("XObject", name));
      return !stream || String(stream.dict.get(PDFName.of("Subtype"))) !== "/Image";
    },
    setsFont(name) {
      const state = asDict(pdf, entry("ExtGState", name));
      return !state || state.has(PDFName.of("Font"));
    },
  };
}

function isTextItem(item: unknown): item is TextItem {
  return typeof item === "object" && item !== null && "str" in item;
}

/** What pdf.js reports of marked content (its types leave out the tag, and the id may be null), with a span's /ActualText. */
interface Marker {
  type: string;
  id?: string | null;
  tag?: string | null;
  actualText?: string;
}

function asMarker(item: unknown): Marker | undefined {
  return typeof item === "object" && item !== null && !("str" in item) && "type" in item ? (item as Marker) : undefined;
}

/** The items from `start` on read as `text`: the first carries it over their whole width, the rest go. */
function replaceText(items: PdfTextItem[], start: number, text: string): void {
  const covered = items.splice(start);
  const first = covered.find((i) => i.size > 0) ?? covered[0];
  if (!first) return;
  items.push({ ...first, text, right: Math.max(...covered.map((i) => i.right)) });
}

/** A marked-content span with inline properties and no MCID, with its /ActualText when it has one. */
interface MarkedSpan {
  tag: string;
  actualText?: string;
}

const INLINE_SPAN = /\/([^\s/<>[\]()]+)\s*<<((?:[^>]|>(?!>))*)>>\s*BDC/g;
const ACTUAL_TEXT = /\/ActualText\s*(<[0-9A-Fa-f\s]*>|\((?:\\[\s\S]|[^\\)])*\))/;

/** The page's spans `/Tag <<…>> BDC` without an MCID, in content order (`content`: its content streams, decoded). */
function markedSpans(content: string): MarkedSpan[] {
  const spans: MarkedSpan[] = [];
  for (const m of content.matchAll(INLINE_SPAN)) {
    const dict = m[2] ?? "";
    if (/\/MCID\s/.test(dict)) continue;
    const actual = ACTUAL_TEXT.exec(dict)?.[1];
    spans.push({ tag: m[1] ?? "", actualText: actual === undefined ? undefined : decodePdfString(actual) });
  }
  return spans;
}

/** A PDF string token, `<FEFF…>` or `(…)`, as text (UTF-16BE with its mark, else PDFDocEncoding as Latin-1). */
function decodePdfString(token: string): string {
  let bytes: number[];
  if (token.startsWith("<")) {
    const hex = token.slice(1, -1).replace(/\s+/g, "");
    bytes = (hex.length % 2 ? `${hex}0` : hex).match(/../g)?.map((h) => parseInt(h, 16)) ?? [];
  } else {
    const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
    const body = token.slice(1, -1);
    bytes = [];
    for (let i = 0; i < body.length; i++) {
      const ch = body[i] as string;
      if (ch !== "\\") {
        bytes.push(ch.charCodeAt(0));
        continue;
      }
      const next = body[++i] ?? "";
      const octal = /^[0-7]{1,3}/.exec(body.slice(i))?.[0];
      if (octal) {
        bytes.push(parseInt(octal, 8) & 0xff);
        i += octal.length - 1;
      } else if (next in escapes) bytes.push(escapes[next] as number);
      else if (next !== "\n" && next !== "\r") bytes.push(next.charCodeAt(0));
    }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let text = "";
    for (let i = 2; i + 1 < bytes.length; i += 2) text += String.fromCharCode(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
    return text;
  }
  return String.fromCharCode(...bytes);
}

/**
 * The fonts the page's content selects (text items name the same keys), and the glyphs
 * it draws as .notdef: code 0 of a CID font (Chromium's fonts are all Identity-H, so the
 * code is the glyph id, and glyph 0 is .notdef).
 */
async function pageFonts(page: PDFPageProxy, OPS: PdfJs["OPS"]): Promise<Pick<PdfTextPage, "fonts" | "notdef">> {
  const operators = await page.getOperatorList();
  const fonts = new Map<string, PdfFont>();
  const notdef: PdfTextPage["notdef"] = [];
  let current: string | undefined;
  operators.fnArray.forEach((fn, i) => {
    const args = operators.argsArray[i] as unknown[] | undefined;
    if (fn === OPS.setFont) {
      const key: unknown = args?.[0];
      current = typeof key === "string" ? key : undefined;
      if (current === undefined || fonts.has(current) || !page.commonObjs.has(current)) return;
      const font: unknown = page.commonObjs.get(current);
      fonts.set(current, describeFont(font));
    } else if (fn === OPS.showText && current !== undefined && fonts.get(current)?.type3 === false) {
      const glyphs = (Array.isArray(args?.[0]) ? (args[0] as unknown[]) : []).filter(isGlyph);
      const text = glyphs.map((g) => (g.originalCharCode === 0 ? "\u25a1" : g.unicode)).join("");
      if (glyphs.some((g) => g.originalCharCode === 0)) notdef.push({ font: current, text });
    }
  });
  return { fonts, notdef };
}

interface Glyph {
  unicode: string;
  originalCharCode: number;
}

function isGlyph(value: unknown): value is Glyph {
  return typeof value === "object" && value !== null && "originalCharCode" in value && "unicode" in value;
}

function describeFont(font: unknown): PdfFont {
  const field = (name: string): unknown =>
    typeof font === "object" && font !== null ? (font as Record<string, unknown>)[name] : undefined;
  const name = field("name");
  const type3 = field("isType3Font") === true;
  return {
    name: typeof name === "string" ? name : "",
    type3,
    // pdf.js draws a font with no program of its own from a substitute: missingFile.
    embedded: type3 || field("missingFile") !== true,
  };
}

/** A font resource of the document, as pdffonts lists it. */
export interface FontRecord {
  name: string;
  subtype: string;
  embedded: boolean;
}

/** Every font the pages' resources hold, with whether its program is embedded. */
export async function listFonts(bytes: Uint8Array): Promise<FontRecord[]> {
  const pdf = await loadPdf(bytes);
  const seen = new Map<string, FontRecord>();
  for (const page of pdf.getPages()) for (const font of fontsIn(pdf, page)) seen.set(`${font.name}${font.subtype}`, font);
  return [...seen.values()];
}

/** A font of a page, with what the preflight's quick look needs besides. */
interface PageFont extends FontRecord {
  /** The composite font's descendant's name (its own name for a simple font). */
  descendant: string;
  encoding: string;
  /** Held by a form's or a Type 3 font's resources, not the page's own. */
  inForm: boolean;
}

/** The fonts a page's resources hold (a form's and a Type 3 font's own too). */
function fontsIn(pdf: PDFDocument, page: PDFPage): PageFont[] {
  const found: PageFont[] = [];
  const dict = (obj: PDFObject | undefined) => asDict(pdf, obj);
  const stream = (obj: PDFObject | undefined) => asStream(pdf, obj);
  const visited = new Set<PDFDict>();
  const visitResources = (resources: PDFDict | undefined, inForm: boolean) => {
    if (!resources || visited.has(resources)) return;
    visited.add(resources);
    const fonts = dict(resources.get(PDFName.of("Font")));
    for (const [key, ref] of fonts?.entries() ?? []) {
      const font = dict(ref);
      if (!font) continue;
      const subtype = String(font.get(PDFName.of("Subtype")));
      const descendant = dict(asArray(pdf, font.get(PDFName.of("DescendantFonts")))?.get(0)) ?? font;
      const descriptor = dict(descendant.get(PDFName.of("FontDescriptor")));
      const embedded =
        subtype === "/Type3" || ["FontFile", "FontFile2", "FontFile3"].some((k) => stream(descriptor?.get(PDFName.of(k))) !== undefined);
      const name = String(font.get(PDFName.of("BaseFont")) ?? key);
      const encoding = String(font.get(PDFName.of("Encoding")) ?? "");
      found.push({ name, subtype, embedded, encoding, descendant: String(descendant.get(PDFName.of("BaseFont")) ?? name), inForm });
      // Type 3 glyphs and form XObjects can carry fonts of their own.
      visitResources(dict(font.get(PDFName.of("Resources"))), true);
    }
    const xobjects = dict(resources.get(PDFName.of("XObject")));
    for (const [, ref] of xobjects?.entries() ?? []) {
      visitResources(dict(stream(ref)?.dict.get(PDFName.of("Resources"))), true);
    }
  };
  visitResources(page.node.Resources(), false);
  return found;
}

/** A string of glyph ids in the page's text: `<…>` (not a dictionary's `<<`), or `(…)`. */
const TEXT_STRING = /<([0-9A-Fa-f\s]*)>|\((?:\\[\s\S]|[^\\)])*\)\s*(?:Tj|'|")|\[[^\]]*\(/g;

/**
 * Whether a page draws only with fonts of ours, every one embedded and none a Type 3, and
 * never glyph 0 (.notdef: Chromium's fonts are Identity-H, two bytes a glyph id). Anything
 * the scan of its content cannot read for sure (text in a form, a literal string) says no,
 * and the page's fonts are then read the slow way.
 */
function drawsOnlyWith(pdf: PDFDocument, page: PDFPage, content: string, ours: RegExp[]): boolean {
  const isOurs = (name: string) => ours.some((pattern) => pattern.test(name.replace(/^\/?([A-Z]{6}\+)?/, "")));
  const fonts = fontsIn(pdf, page);
  const plain = fonts.every(
    (f) => !f.inForm && f.subtype === "/Type0" && f.encoding === "/Identity-H" && f.embedded && isOurs(f.name) && isOurs(f.descendant),
  );
  if (!plain) return false;
  for (const match of content.matchAll(TEXT_STRING)) {
    const hex = match[1];
    if (hex === undefined) return false;
    const ids = hex.replace(/\s+/g, "");
    for (let i = 0; i + 4 <= ids.length; i += 4) if (ids.slice(i, i + 4) === "0000") return false;
  }
  return true;
}

/** The image XObjects a page's resources hold, and those of the forms it draws, with their stored size in pixels. */
function pageImages(pdf: PDFDocument, page: PDFPage): { width: number; height: number }[] {
  const found: { width: number; height: number }[] = [];
  const visited = new Set<PDFDict>();
  const visit = (resources: PDFDict | undefined) => {
    if (!resources || visited.has(resources)) return;
    visited.add(resources);
    for (const [, ref] of asDict(pdf, resources.get(PDFName.of("XObject")))?.entries() ?? []) {
      const stream = asStream(pdf, ref);
      if (!stream) continue;
      const subtype = String(stream.dict.get(PDFName.of("Subtype")));
      if (subtype === "/Image") {
        const number = (key: string) => Number(String(stream.dict.get(PDFName.of(key))));
        found.push({ width: number("Width"), height: number("Height") });
      } else visit(asDict(pdf, stream.dict.get(PDFName.of("Resources"))));
    }
  };
  visit(page.node.Resources());
  return found;
}

/** Where a page's trim sits on its sheet: its top-left corner from the sheet's (points). */
function trimOrigin(page: PDFPage): { left: number; top: number } {
  const sheet = page.getCropBox();
  const trim = page.getTrimBox();
  return { left: trim.x - sheet.x, top: sheet.y + sheet.height - (trim.y + trim.height) };
}
