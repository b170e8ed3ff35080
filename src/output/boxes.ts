import type { PDFDocument } from "pdf-lib";

/** The print boxes of every page, in points: the trim's size, and the bleed on each side of it (0: none). */
export interface PrintBoxes {
  trim: { width: number; height: number };
  bleed: number;
}

/** The print boxes for a trim and a bleed given as CSS lengths. */
export function printBoxes(trim: { width: string; height: string }, bleed?: string): PrintBoxes {
  return { trim: { width: toPoints(trim.width), height: toPoints(trim.height) }, bleed: bleed ? toPoints(bleed) : 0 };
}

/**
 * Print boxes, in points. Chromium rounds the page to whole CSS pixels (185 mm comes out
 * 184.8 mm) and pagedjs-cli's TrimBox is wrong, so every page gets its boxes from the trim
 * size: MediaBox = CropBox = BleedBox = trim plus bleed on each side, TrimBox = the trim.
 */
export function setPrintBoxes(pdf: PDFDocument, { trim, bleed }: PrintBoxes): void {
  const width = trim.width + 2 * bleed;
  const height = trim.height + 2 * bleed;
  for (const page of pdf.getPages()) {
    const media = page.getMediaBox();
    // Content is anchored at the top-left corner: keep the top edge where Chromium put it.
    const bottom = media.y + media.height - height;
    page.setMediaBox(0, bottom, width, height);
    page.setCropBox(0, bottom, width, height);
    page.setBleedBox(0, bottom, width, height);
    page.setTrimBox(bleed, bottom + bleed, trim.width, trim.height);
  }
}

const POINTS_PER: Record<string, number> = { mm: 72 / 25.4, cm: 72 / 2.54, in: 72, pt: 1 };

/** A CSS length (185mm, 7.25in…) in PDF points. */
export function toPoints(length: string): number {
  const m = /^(\d+(?:\.\d+)?)(mm|cm|in|pt)$/.exec(length);
  if (!m) throw new Error(`not a length: ${length}`);
  return Number(m[1]) * (POINTS_PER[m[2] as string] ?? 1);
}
