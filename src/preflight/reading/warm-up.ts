import { PDFDocument, PDFName, type PDFRef, PDFString } from "pdf-lib";
import { type CheckInput, checkText } from "../check.ts";
import { type PdfText, readPdfText } from "../pdf.ts";

/**
 * Pages in the shape Chromium prints them, for the reading thread to read while it has
 * nothing else to do (./thread.ts `warmUpReader`), and check: the reader's and the rules'
 * code is then compiled and optimised when the first real PDF comes. Gives the text items read.
 *
 * What is drawn: a composite font (Identity-H, a ToUnicode map, widths), glyphs set one
 * by one with Td and Tj inside marked content, rules, a clip and the scale Chromium puts
 * first. Nothing of it is kept.
 */
export async function readWarmUpPages(): Promise<number> {
  warmUpBytes ??= warmUpPdf(WARM_UP_PAGES);
  const text = await readPdfText(await warmUpBytes, { fonts: true, ours: [/^WarmUpSerif$/] });
  // Checked too, against a layout and sources of the same shape: the rules are the rest of a reading's work.
  checkText(text, warmUpCheck(text));
  return text.pages.reduce((sum, page) => sum + page.items.length, 0);
}

/** What the warm-up pages are checked against: each page's text area, no notes, a paragraph of the sources. */
function warmUpCheck(text: PdfText): CheckInput {
  const area = { left: 48, top: 70, right: 475, bottom: 690 };
  const pages = text.pages.map((_, i) => ({
    index: i + 1,
    side: i % 2 === 0 ? ("right" as const) : ("left" as const),
    notes: [],
    area,
  }));
  const blocks = [{ kind: "paragraph" as const, text: text.pages[0]?.items.map((item) => item.text).join("") ?? "" }];
  return {
    layout: { pages, links: [], floats: [], problems: [] },
    expected: [{ blocks, notes: [], floats: [] }],
    fonts: [/^WarmUpSerif$/],
  };
}

/** Made once, read as many times as the thread has time for. */
let warmUpBytes: Promise<Uint8Array> | undefined;
const WARM_UP_PAGES = 6;

const LINES = 32;
const GLYPHS_A_LINE = 36;
/** Codes 1–94 read as ASCII, 95–254 as Han: Chromium's subsets number their glyphs from 1. */
const CODES = 254;

function unicodeOf(code: number): number {
  return code <= 94 ? 0x20 + code : 0x4e00 + code * 7;
}

function toUnicodeMap(): string {
  const entries: string[] = [];
  for (let code = 1; code <= CODES; code++) entries.push(`<${hex(code)}> <${hex(unicodeOf(code))}>`);
  const chunks: string[] = [];
  // A map holds at most 100 entries a block.
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    chunks.push(`${block.length} beginbfchar\n${block.join("\n")}\nendbfchar`);
  }
  return `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Adobe-Identity-UCS def 1 begincodespacerange <0000> <FFFF> endcodespacerange
${chunks.join("\n")}
endcmap CMapName currentdict /CMap defineresource pop end end`;
}

function hex(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, "0");
}

function widthOf(code: number): number {
  return code <= 94 ? 400 + ((code * 37) % 300) : 1000;
}

/** One page's content: a scale and clip, then lines of glyphs, each glyph its own Tj, in marked content. */
function pageContent(page: number): string {
  const out = [".23999999 0 0 -.23999999 0 737.03998 cm", "q", "0 0 2184 3070.8496 re", "W* n", "q", "3.125 0 0 3.125 0 -3071.875 cm"];
  out.push("0 0 0 RG 0 0 0 rg", "/G3 gs", "/Artifact BMC", "67 1073 46 1 re", "f", "EMC");
  for (let line = 0; line < LINES; line++) {
    out.push(`/P <</MCID ${line}>> BDC`, "BT", `/F4 ${line % 5 === 4 ? "9.3299999" : "11.3299999"} Tf`);
    out.push(`1 0 0 -1 ${(67.375 + (line % 3) * 22.66).toFixed(5)} ${(1062 + line * 26 + page).toFixed(5)} Tm`);
    for (let g = 0; g < GLYPHS_A_LINE; g++) {
      const code = 1 + ((line * GLYPHS_A_LINE + g * 13 + page) % CODES);
      const advance = (widthOf(code) * (line % 5 === 4 ? 9.33 : 11.33)) / 1000;
      out.push(g === 0 ? `<${hex(code)}> Tj` : `${advance.toFixed(7)} 0 Td <${hex(code)}> Tj`);
    }
    out.push("ET", "EMC");
  }
  out.push("Q", "Q");
  return out.join("\n");
}

/** The warm-up pages as a PDF. */
export async function warmUpPdf(pages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const { context } = pdf;
  const widths: (number | number[])[] = [1, Array.from({ length: 94 }, (_, i) => widthOf(i + 1)), 95, CODES, 1000];
  const font = addCompositeFont(pdf, { name: "AAAAAA+WarmUpSerif", toUnicode: toUnicodeMap(), widths, embedded: true });
  const graphicsState = context.register(context.obj({ Type: "ExtGState", ca: 1, CA: 1 }));
  for (let i = 0; i < pages; i++) {
    const page = pdf.addPage([521.57, 737.04]);
    page.node.setFontDictionary(PDFName.of("F4"), font);
    page.node.setExtGState(PDFName.of("G3"), graphicsState);
    page.node.set(PDFName.of("Contents"), context.register(context.flateStream(pageContent(i))));
  }
  return pdf.save();
}

/**
 * A composite font as Chromium writes one (Type 0, Identity-H, a ToUnicode map, a CID font's
 * widths), added to `pdf`: its reference. `embedded`: with a placeholder for its program, which
 * the text layer never reads (a page whose fonts are not all embedded is pdf.js's to read).
 */
export function addCompositeFont(
  pdf: PDFDocument,
  font: { name: string; toUnicode: string; widths: (number | number[])[]; embedded: boolean },
): PDFRef {
  const { context } = pdf;
  const { name } = font;
  const descriptor = context.register(
    context.obj({
      Type: "FontDescriptor",
      FontName: name,
      Flags: 4,
      FontBBox: [0, -200, 1000, 800],
      ItalicAngle: 0,
      Ascent: 800,
      Descent: -200,
      CapHeight: 700,
      StemV: 80,
      ...(font.embedded ? { FontFile2: context.register(context.flateStream(new Uint8Array(16))) } : {}),
    }),
  );
  const descendant = context.register(
    context.obj({
      Type: "Font",
      Subtype: "CIDFontType2",
      BaseFont: name,
      CIDSystemInfo: { Registry: PDFString.of("Adobe"), Ordering: PDFString.of("Identity"), Supplement: 0 },
      FontDescriptor: descriptor,
      DW: 1000,
      W: font.widths,
    }),
  );
  return context.register(
    context.obj({
      Type: "Font",
      Subtype: "Type0",
      BaseFont: name,
      Encoding: "Identity-H",
      DescendantFonts: [descendant],
      ToUnicode: context.register(context.flateStream(font.toUnicode)),
    }),
  );
}
