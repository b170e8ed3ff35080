import { PDFName, PDFNumber, type PDFDocument } from "pdf-lib";
import { asArray, asDict } from "./pdf-objects.ts";

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

/** Each page's label, as a viewer shows it (decimal or roman, with its prefix). */
export function readPageLabels(pdf: PDFDocument): string[] {
  const labels = asDict(pdf, pdf.catalog.get(PDFName.of("PageLabels")));
  const nums = asArray(pdf, labels?.get(PDFName.of("Nums")))?.asArray() ?? [];
  const ranges: { start: number; style: string; first: number; prefix: string }[] = [];
  for (let i = 0; i + 1 < nums.length; i += 2) {
    const start = nums[i];
    const dict = asDict(pdf, nums[i + 1]);
    const st = dict?.get(PDFName.of("St"));
    ranges.push({
      start: start instanceof PDFNumber ? start.asNumber() : 0,
      style: dict?.get(PDFName.of("S"))?.toString() ?? "",
      first: st instanceof PDFNumber ? st.asNumber() : 1,
      prefix: dict?.get(PDFName.of("P"))?.toString() ?? "",
    });
  }
  return pdf.getPages().map((_, index) => {
    const range = [...ranges].reverse().find((r) => r.start <= index);
    if (!range) return String(index + 1);
    const n = range.first + index - range.start;
    const number = range.style === "/r" ? roman(n) : range.style === "/R" ? roman(n).toUpperCase() : range.style === "/D" ? String(n) : "";
    return `${range.prefix}${number}`;
  });
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, "m"],
    [900, "cm"],
    [500, "d"],
    [400, "cd"],
    [100, "c"],
    [90, "xc"],
    [50, "l"],
    [40, "xl"],
    [10, "x"],
    [9, "ix"],
    [5, "v"],
    [4, "iv"],
    [1, "i"],
  ];
  let out = "";
  for (const [value, letters] of table) {
    while (n >= value) {
      out += letters;
      n -= value;
    }
  }
  return out;
}
