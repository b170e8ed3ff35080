/**
 * What the press and archive files say beyond the laid-out pages: the identification block
 * of their XMP (templates/xmp-identification.hbs) and the job line printed in the slug
 * (templates/job-line.hbs).
 */
import type { DocumentStyles } from "./assets.ts";

/** The standards an XMP packet claims, its identity as a document and a rendition, and the schemas PDF/A must be told of. */
export interface XmpIdentificationView {
  documentId: string;
  instanceId: string;
  pdfx?: { version: string };
  pdfa?: { part: number; conformance: "A" | "B" | "U" };
  pdfua?: { part: number };
  /** The prism properties the packet uses (templates/xmp.hbs), declared for PDF/A. */
  prismProperties?: { name: string; description: string }[];
}

/** Every prism property templates/xmp.hbs writes, as a PDF/A extension schema declares it. */
export const PRISM_PROPERTIES: { name: string; description: string }[] = [
  { name: "publicationName", description: "Name of the publication" },
  { name: "issn", description: "ISSN of the publication" },
  { name: "volume", description: "Volume (the year) of the publication" },
  { name: "number", description: "Issue number of the publication" },
  { name: "startingPage", description: "First page of the article in the issue" },
  { name: "endingPage", description: "Last page of the article in the issue" },
  { name: "pageRange", description: "Pages of the article in the issue" },
];

/** One page's job line: what it belongs to, where it is, when it was made. */
export interface JobLine {
  title: string;
  articleNumber?: string;
  /** The page's label, as printed (its folio). */
  folio: string;
  /** Its place in the file: 5/16. */
  sheet: string;
  /** The build's date, YYYY-MM-DD. */
  date: string;
}

export interface JobLineView {
  document: { title: string };
  styles: DocumentStyles;
  /** A page of the strip: as wide as the trim, as tall as the slug below the bleed (CSS lengths). */
  size: { width: string; height: string };
  lines: JobLine[];
}
