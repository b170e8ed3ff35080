import { PDFName, type PDFDocument } from "pdf-lib";

/** Page labels that match the printed folios: a viewer's "page 14" is the page numbered 14. */
export function setPageLabels(pdf: PDFDocument, firstFolio: number): void {
  const labels = pdf.context.obj({
    Nums: [0, pdf.context.obj({ S: PDFName.of("D"), St: firstFolio })],
  });
  pdf.catalog.set(PDFName.of("PageLabels"), labels);
}
