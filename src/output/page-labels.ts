import { PDFName, type PDFDocument } from "pdf-lib";

/** A run of pages numbered alike: decimal folios, or lower-case roman for front matter. */
export interface LabelRange {
  /** Index of the run's first page in the document. */
  startPage: number;
  style: "decimal" | "roman";
  /** Number of the run's first page. */
  first: number;
}

/** Page labels that match the printed folios: a viewer's "page 14" is the page numbered 14. */
export function setPageLabels(pdf: PDFDocument, ranges: LabelRange[] | number): void {
  const runs = typeof ranges === "number" ? [{ startPage: 0, style: "decimal" as const, first: ranges }] : ranges;
  const nums = runs.flatMap((run) => [run.startPage, pdf.context.obj({ S: PDFName.of(run.style === "roman" ? "r" : "D"), St: run.first })]);
  pdf.catalog.set(PDFName.of("PageLabels"), pdf.context.obj({ Nums: nums }));
}
