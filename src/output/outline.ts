import { PDFHexString, PDFName, type PDFDict, type PDFDocument, type PDFObject } from "pdf-lib";
import { asDict } from "./pdf-objects.ts";

/**
 * Chromium builds the outline from the headings but takes their text line by line, so a
 * heading that wraps loses the space at the break ("SCO'sSecurity"). The titles are set
 * again from the sources, in document order.
 */
export function setOutlineTitles(pdf: PDFDocument, titles: string[]): void {
  const items = outlineItems(pdf);
  if (items.length !== titles.length) {
    throw new Error(`the PDF outline has ${items.length} entries for ${titles.length} headings`);
  }
  items.forEach((item, i) => item.set(PDFName.of("Title"), PDFHexString.fromText(titles[i] ?? "")));
}

/** Outline entries in document order (depth first). */
export function outlineItems(pdf: PDFDocument): PDFDict[] {
  const dict = (obj: PDFObject | undefined) => asDict(pdf, obj);
  const items: PDFDict[] = [];
  const walk = (first: PDFDict | undefined) => {
    for (let item = first; item; item = dict(item.get(PDFName.of("Next")))) {
      items.push(item);
      walk(dict(item.get(PDFName.of("First"))));
    }
  };
  walk(dict(dict(pdf.catalog.get(PDFName.of("Outlines")))?.get(PDFName.of("First"))));
  return items;
}
