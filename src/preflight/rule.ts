import type { SourceTexts } from "../markdown/plugins/source-text.ts";
import type { DocumentLayout } from "../render/layout.ts";
import type { PreflightFinding, PreflightRule } from "./finding.ts";
import type { PageModel } from "./page.ts";
import type { PdfTextPage } from "./pdf.ts";

/** The printed document as every rule of the preflight reads it. */
export interface PrintedDocument {
  /** Each page as a proofreader reads it: its lines, body and notes, its text area, on the sheet. */
  pages: PageModel[];
  /** Each page as the PDF has it: text items, fonts, pictures. */
  pdfPages: PdfTextPage[];
  /** What the layout read from the page: its notes, figures and tables, running heads. */
  layout: DocumentLayout;
  /** The texts of the sources, one per source document, in print order. */
  expected: SourceTexts[];
  /** The font families the PDF may use, matched against PostScript names. */
  fonts: RegExp[];
}

/**
 * One rule of the preflight: the kinds of finding it reports (no other rule reports
 * them), and how it finds them. The rules run in the order of `PAGE_RULES`
 * (rules/index.ts), which is the order of their findings within a page.
 */
export interface PageRule {
  reports: readonly PreflightRule[];
  check(printed: PrintedDocument): PreflightFinding[];
}
