import type { PDFDocument } from "pdf-lib";

/**
 * Print boxes. Chromium rounds the page to whole CSS pixels (185 mm comes out 184.8 mm)
 * and pagedjs-cli's TrimBox is wrong, so each page gets its boxes set from the trim size.
 */
export function setPrintBoxes(pdf: PDFDocument, trim: { width: number; height: number }): void {
  for (const page of pdf.getPages()) {
    const media = page.getMediaBox();
    // Content is anchored at the top-left corner: keep the top edge where Chromium put it.
    const top = media.y + media.height;
    page.setMediaBox(0, top - trim.height, trim.width, trim.height);
    page.setCropBox(0, top - trim.height, trim.width, trim.height);
    page.setBleedBox(0, top - trim.height, trim.width, trim.height);
    page.setTrimBox(0, top - trim.height, trim.width, trim.height);
  }
}

const POINTS_PER: Record<string, number> = { mm: 72 / 25.4, cm: 72 / 2.54, in: 72, pt: 1 };

/** A CSS length (185mm, 7.25in…) in PDF points. */
export function toPoints(length: string): number {
  const m = /^(\d+(?:\.\d+)?)(mm|cm|in|pt)$/.exec(length);
  if (!m) throw new Error(`not a length: ${length}`);
  return Number(m[1]) * (POINTS_PER[m[2] as string] ?? 1);
}
