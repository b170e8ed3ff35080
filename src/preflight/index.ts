import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SourceTexts } from "../markdown/plugins/source-text.ts";
import type { PrintBoxes } from "../output/boxes.ts";
import type { DocumentLayout } from "../render/layout.ts";
import type { PreflightFinding } from "./finding.ts";
import { checkApart, dropReadings, readAndKeep } from "./reading/thread.ts";
import { DEFAULT_FONTS } from "./rules/fonts.ts";

export { formatFinding, type PreflightFinding, type PreflightRule } from "./finding.ts";
export { DEFAULT_FONTS } from "./rules/fonts.ts";
export type { PdfText } from "./pdf.ts";
export { checkText, joinTexts, type CheckInput } from "./check.ts";
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
  read?: PdfReading;
}

/**
 * Reads the printed PDF back and reports, page by page, what a proofreader would mark:
 * notes away from their calls or misnumbered, notes that leave the body less than a third
 * of the page, lines breaking against 避头尾, text outside the text area, Type 3 or unembedded fonts, missing glyphs and foreign fonts, headings
 * at a page's foot, source text missing from the print (captions and table cells too),
 * and figures missing or not at their own pixels. The pages are read and checked on the
 * reading thread (./reading/), where they stay: only the findings come back.
 */
export function preflight(input: PreflightInput): Promise<PreflightFinding[]> {
  const fonts = input.fonts ?? DEFAULT_FONTS;
  const reading = input.read ?? readPages(input.pdf, { fonts });
  return checkApart(reading.parts, { layout: input.layout, expected: input.expected, fonts });
}

/** PDFs read back on the reading thread and kept there, to be checked as one document (`preflight`'s `read`). */
export interface PdfReading {
  /** The thread's readings, in page order. */
  parts: number[];
}

/**
 * Reads a PDF's pages back as the preflight needs them (its fonts too), on the reading
 * thread, now: they are kept there until checked (`preflight`) or let go (`dropReading`).
 * `printBoxes`: a PDF not yet finished, read as it will be (see ReadOptions).
 */
export function readPages(pdf: Uint8Array, options: { fonts?: RegExp[]; printBoxes?: PrintBoxes } = {}): PdfReading {
  return { parts: [readAndKeep(pdf, { fonts: true, ours: options.fonts ?? DEFAULT_FONTS, printBoxes: options.printBoxes })] };
}

/** Documents read apart, to be checked as the one they are joined into: their pages one after the other, numbered on. */
export function joinReadings(readings: PdfReading[]): PdfReading {
  return { parts: readings.flatMap((reading) => reading.parts) };
}

/** A reading no one will check (its findings were in the cache): the thread lets it go. */
export function dropReading(reading: PdfReading): void {
  dropReadings(reading.parts);
}
