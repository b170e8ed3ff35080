import type { PDFDocument } from "pdf-lib";
import { printBoxes, setPrintBoxes } from "./boxes.ts";
import { setDocumentInfo, type DocumentInfo } from "./document-info.ts";
import { saveWithContentId } from "./identity.ts";
import { joinDocuments } from "./join.ts";
import { addPageLinks, type PageLink } from "./links.ts";
import { setOutlineTitles, writeOutline, type OutlineEntry } from "./outline.ts";
import { setPageLabels, type LabelRange } from "./page-labels.ts";
import { setXmp } from "./xmp.ts";
import { loadPdf } from "./pdf-file.ts";

export { printBoxes, type PrintBoxes } from "./boxes.ts";
export { buildDate, type DocumentInfo } from "./document-info.ts";
export { joinDocuments } from "./join.ts";
export { mergeDocuments, type MergePart, type MergedDocument, type PlacedPage } from "./merge.ts";
export { overlayPages } from "./overlay.ts";
export { pageTop, type OutlineEntry } from "./outline.ts";
export type { LabelRange } from "./page-labels.ts";
export type { PageLink } from "./links.ts";

export interface FinishOptions {
  info: DocumentInfo;
  trim: { width: string; height: string };
  /** CSS length of the bleed on each side (none: 0). */
  bleed?: string;
  /** Folio of the first page, for page labels. */
  firstFolio: number;
  /** Bookmark titles, in document order, from the sources. */
  outlineTitles: string[];
  /** XMP metadata packet. */
  xmp: string;
}

/**
 * PDF post-processing: document info and XMP, language, page labels, bookmarks, print boxes, ID.
 * A document printed in parts is joined first (joinDocuments).
 */
export async function finishPdf(printed: Uint8Array | Uint8Array[], options: FinishOptions): Promise<Uint8Array> {
  return (await finishDocument(printed, options)).pdf;
}

/**
 * finishPdf, and the finished document as pdf-lib holds it: an issue merges it from there
 * rather than reading its bytes again (a third of a second for a 150-page article).
 */
export async function finishDocument(
  printed: Uint8Array | Uint8Array[],
  options: FinishOptions,
): Promise<{ pdf: Uint8Array; document: PDFDocument }> {
  const document = Array.isArray(printed) ? await joinDocuments(printed) : await loadPdf(printed);
  setDocumentInfo(document, options.info);
  setXmp(document, options.xmp);
  setPageLabels(document, options.firstFolio);
  setOutlineTitles(document, options.outlineTitles);
  setPrintBoxes(document, printBoxes(options.trim, options.bleed));
  return { pdf: await saveWithContentId(document), document };
}

export interface FinishMergedOptions {
  info: DocumentInfo;
  xmp: string;
  labels: LabelRange[];
  outline: OutlineEntry[];
  /** Links between its pages (contents entries to their articles). */
  links: PageLink[];
}

/** A merged document (see mergeDocuments) made whole: info, XMP, page labels, outline, links, ID. */
export async function finishMerged(pdf: PDFDocument, options: FinishMergedOptions): Promise<Uint8Array> {
  setDocumentInfo(pdf, options.info);
  setXmp(pdf, options.xmp);
  setPageLabels(pdf, options.labels);
  writeOutline(pdf, options.outline);
  addPageLinks(pdf, options.links);
  return saveWithContentId(pdf);
}
