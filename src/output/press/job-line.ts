import { type PDFDict, type PDFDocument, PDFName, PDFObjectCopier } from "pdf-lib";
import { applyEdits, formatNumber, parseContent } from "./content-stream.ts";
import { appendContent } from "./marks.ts";
import { compressedStream, pageContent } from "./streams.ts";
import { loadPdf } from "../pdf-file.ts";

/**
 * Draws each page's job line in the slug under its bleed. `strips` holds one page per page
 * of `pdf`, laid out by the browser as wide as the trim and as tall as the slug below the
 * bleed (templates/job-line.hbs); each becomes a form drawn there, as an artifact of the
 * page. The strip's own tags are dropped: the job line is no part of the document.
 */
export async function drawJobLines(pdf: PDFDocument, strips: Uint8Array, sheet: { slug: number }): Promise<void> {
  const source = await loadPdf(strips);
  const copier = PDFObjectCopier.for(source.context, pdf.context);
  const stripPages = source.getPages();
  if (stripPages.length !== pdf.getPageCount()) {
    throw new Error(`${stripPages.length} job lines for ${pdf.getPageCount()} pages`);
  }
  pdf.getPages().forEach((page, i) => {
    const strip = stripPages[i];
    if (!strip) return;
    const { width, height } = strip.getSize();
    const content = pageContent(source, strip.node);
    // Marked-content operators go: the strip's MCIDs point into a tree that is not this document's.
    const unmarked = applyEdits(
      content,
      parseContent(content)
        .filter((op) => op.operator === "BDC" || op.operator === "BMC" || op.operator === "EMC")
        .map((op) => ({ start: op.start, end: op.end, text: "" })),
    );
    const resources = strip.node.Resources();
    const form = compressedStream(pdf.context, unmarked, { Type: "XObject", Subtype: "Form" });
    form.dict.set(PDFName.of("BBox"), pdf.context.obj([0, 0, width, height]));
    if (resources) form.dict.set(PDFName.of("Resources"), copier.copy(resources) as PDFDict);
    const name = "PaibanJobLine";
    const ref = pdf.context.register(form);
    const trim = page.getTrimBox();
    appendContent(
      page,
      `q\n/Artifact <</Type /Page>> BDC\n1 0 0 1 ${formatNumber(trim.x)} ${formatNumber(trim.y - sheet.slug)} cm\n/${name} Do\nEMC\nQ`,
      undefined,
      { [name]: ref },
    );
  });
}
