import type { PdfTextItem, PdfTextPage } from "../../../src/preflight/pdf.ts";

// Pages as pdf.js reads Chromium's PDFs, for the preflight's rules: one item per ideograph,
// calls raised in small type on a baseline of their own. A 524 × 737 pt page whose text
// area runs from 60 to 680 pt.

export const AREA = { left: 50, top: 60, right: 470, bottom: 680 };

/** One item per character of `text` from x, `size` pt apart (10.5 pt ideographs by default). */
export function run(text: string, x: number, top: number, size = 10.5): PdfTextItem[] {
  return [...text].map((ch, i) => ({ text: ch, x: x + i * size, right: x + (i + 1) * size, top, size, font: "f1" }));
}

/** A raised call: 0.6 em, its baseline 4.5 pt above the line's. */
export const call = (n: number, x: number, top: number, width = 7.3): PdfTextItem => ({
  text: `[${n}]`,
  x,
  right: x + width,
  top: top - 4.5,
  size: 6.3,
  font: "f2",
});

/** A page of the PDF holding `items`, with no fonts, images or missing glyphs of note. */
export function pdfPage(number: number, items: PdfTextItem[]): PdfTextPage {
  return { number, width: 524, height: 737, trimOrigin: { left: 0, top: 0 }, items, fonts: new Map(), notdef: [], images: [] };
}
