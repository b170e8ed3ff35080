import type { SourceTexts } from "../markdown/plugins/source-text.ts";
import type { DocumentLayout } from "../render/layout.ts";
import type { PreflightFinding } from "./finding.ts";
import { modelPage, type Box, type PageModel } from "./page.ts";
import type { PdfText } from "./pdf.ts";
import type { PageRule, PrintedDocument } from "./rule.ts";
import { PAGE_RULES } from "./rules/index.ts";

/** What a document's pages are checked against: its layout, its sources' texts, the fonts it may use. */
export interface CheckInput {
  /** The layout read from the page it was printed from (its text areas, its notes). */
  layout: DocumentLayout;
  /** The texts of the sources, one per source document, in print order (the Chinese body, then the English). */
  expected: SourceTexts[];
  /** The font families the PDF may use, matched against PostScript names. */
  fonts: RegExp[];
}

/**
 * What a proofreader would mark on the pages read back (see `preflight`), page by page, in
 * the order of the rules within a page; document-wide findings last. Run on the reading
 * thread, where the pages were read.
 */
export function checkText(text: PdfText, input: CheckInput): PreflightFinding[] {
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
    fonts: input.fonts,
  };
  const findings = PAGE_RULES.flatMap((rule) => rule.check(printed).map((finding) => owned(rule, finding)));
  return findings
    .map((finding, order) => ({ finding, order }))
    .sort((a, b) => (a.finding.page ?? Infinity) - (b.finding.page ?? Infinity) || a.order - b.order)
    .map((f) => f.finding);
}

/**
 * The pages of documents read apart, as read from the one they are joined into: one after
 * the other, numbered on.
 */
export function joinTexts(texts: PdfText[]): PdfText {
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
