import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SourceTexts } from "../markdown/plugins/source-text.ts";
import type { PrintBoxes } from "../output/boxes.ts";
import type { DocumentLayout } from "../render/layout.ts";
import type { PreflightFinding } from "./finding.ts";
import { modelPage, type Box, type PageModel } from "./page.ts";
import type { PdfText } from "./pdf.ts";
import { readPdfTextApart } from "./reading/thread.ts";
import type { PageRule, PrintedDocument } from "./rule.ts";
import { DEFAULT_FONTS } from "./rules/fonts.ts";
import { PAGE_RULES } from "./rules/index.ts";

export { formatFinding, type PreflightFinding, type PreflightRule } from "./finding.ts";
export { DEFAULT_FONTS } from "./rules/fonts.ts";
export type { PdfText } from "./pdf.ts";
export { startReader } from "./reading/thread.ts";
export { checkStandard, type Standard, type StandardInput } from "./standards/index.ts";
export type { SourceTexts } from "../markdown/plugins/source-text.ts";

/** The preflight's own code (its folder, wherever it is): its findings are cached under a key that includes it. */
export const PREFLIGHT_CODE = path.dirname(fileURLToPath(import.meta.url));

export interface PreflightInput {
  /** The PDF as printed. */
  pdf: Uint8Array;
  /** The layout read from the page it was printed from (its text areas, its notes). */
  layout: DocumentLayout;
  /** The texts of the sources, one per source document, in print order (the Chinese body, then the English). */
  expected: SourceTexts[];
  /** The font families the PDF may use, matched against PostScript names (default: Noto Serif SC, Noto Serif). */
  fonts?: RegExp[];
  /**
   * Its pages already read back, or being read (a placed document as it was printed, part by
   * part: each read with `readPages` as soon as it was printed, then `joinReadings`); else
   * `pdf` is read.
   */
  read?: Promise<PdfText>;
}

/**
 * Reads the printed PDF back and reports, page by page, what a proofreader would mark:
 * notes away from their calls or misnumbered, notes that leave the body less than a third
 * of the page, lines breaking against 避头尾, text outside the text area, Type 3 or unembedded fonts, missing glyphs and foreign fonts, headings
 * at a page's foot, source text missing from the print (captions and table cells too),
 * and figures missing or not at their own pixels.
 */
export async function preflight(input: PreflightInput): Promise<PreflightFinding[]> {
  const fonts = input.fonts ?? DEFAULT_FONTS;
  const text = await (input.read ?? readPages(input.pdf, { fonts }));
  if (text.pages.length !== input.layout.pages.length) {
    throw new Error(`the PDF has ${text.pages.length} pages but the layout ${input.layout.pages.length}`);
  }
  const pages: PageModel[] = text.pages.map((page, i) => {
    const { area, notesTop, continued = [] } = input.layout.pages[i] as DocumentLayout["pages"][number];
    // The layout measures from the trim's corner; the PDF from the sheet's (they differ by the bleed).
    const origin = page.trimOrigin;
    const onSheet = (box: Box): Box => ({
      left: box.left + origin.left,
      right: box.right + origin.left,
      top: box.top + origin.top,
      bottom: box.bottom + origin.top,
    });
    const figures = (input.layout.floats ?? []).filter((f) => f.kind === "figure" && f.page === i + 1).map((f) => onSheet(f.area));
    const notes =
      notesTop === undefined ? undefined : { top: notesTop + origin.top, continued: continued.map((part) => part.top + origin.top) };
    return modelPage(page, onSheet(area), figures, notes);
  });
  const printed: PrintedDocument = {
    pages,
    pdfPages: text.pages,
    layout: input.layout,
    expected: input.expected,
    fonts,
  };
  const findings = PAGE_RULES.flatMap((rule) => rule.check(printed).map((finding) => owned(rule, finding)));
  // Page by page, in the order of the rules above within a page; document-wide ones last.
  return findings
    .map((finding, order) => ({ finding, order }))
    .sort((a, b) => (a.finding.page ?? Infinity) - (b.finding.page ?? Infinity) || a.order - b.order)
    .map((f) => f.finding);
}

/**
 * Reads a PDF's pages back as the preflight needs them, on the reading thread: its fonts
 * too. `printBoxes`: a PDF not yet finished, read as it will be (see ReadOptions).
 */
export function readPages(pdf: Uint8Array, options: { fonts?: RegExp[]; printBoxes?: PrintBoxes } = {}): Promise<PdfText> {
  return readPdfTextApart(pdf, { fonts: true, ours: options.fonts ?? DEFAULT_FONTS, printBoxes: options.printBoxes });
}

/**
 * The pages of documents read apart, as read from the one they are joined into: one after
 * the other, numbered on.
 */
export function joinReadings(texts: PdfText[]): PdfText {
  let before = 0;
  const pages = texts.flatMap((text) => {
    const numbered = text.pages.map((page) => ({ ...page, number: before + page.number }));
    before += text.pages.length;
    return numbered;
  });
  return { pages };
}

/** A finding of the kind its rule reports: a rule reporting another's kind is a fault of the preflight. */
function owned(rule: PageRule, finding: PreflightFinding): PreflightFinding {
  if (!rule.reports.includes(finding.rule)) {
    throw new Error(`paiban: a preflight rule reported '${finding.rule}', which is not among its kinds (${rule.reports.join(", ")})`);
  }
  return finding;
}
