import { PDFHexString, PDFName, type PDFDocument } from "pdf-lib";
import { pageTop } from "./outline.ts";

export interface PageLink {
  /** Index of the page the link is on. */
  page: number;
  /** Its box in points from the trim's top-left corner (as the layout readout gives it). */
  area: { left: number; top: number; right: number; bottom: number };
  /** Index of the page it leads to. */
  targetPage: number;
  /** What it leads to, for a reader that cannot see it (the annotation's /Contents). */
  description?: string;
}

/** Link annotations to other pages of the same document (contents and ABSTRACTS entries to their articles). */
export function addPageLinks(pdf: PDFDocument, links: PageLink[]): void {
  for (const link of links) {
    const page = pdf.getPage(link.page);
    const trim = page.getTrimBox();
    const top = trim.y + trim.height;
    const annot = pdf.context.obj({
      Type: "Annot",
      Subtype: "Link",
      F: 4,
      Border: [0, 0, 0],
      Rect: [trim.x + link.area.left, top - link.area.bottom, trim.x + link.area.right, top - link.area.top],
      Dest: pageTop(pdf, link.targetPage),
      ...(link.description ? { Contents: PDFHexString.fromText(link.description) } : {}),
    });
    const annots = page.node.Annots() ?? pdf.context.obj([]);
    annots.push(pdf.context.register(annot));
    page.node.set(PDFName.of("Annots"), annots);
  }
}
