import type { ParallelLayout } from "../content/schema.ts";

/** What a build is asked to do: set by the command line (src/cli) or by a caller such as `export jats`. */
export interface BuildOptions {
  outDir: string;
  /** Fail the build on any preflight finding or 文章编号 that disagrees with the pages (nothing is written then). */
  strict: boolean;
  press: PressOptions;
  /** An archive copy of every PDF, beside it as <name>.pdfa.pdf: PDF/A-2 (with PDF/UA-1 when fully tagged). Unset: journal.yaml's `archive`; "none": no copy. */
  archive?: ArchiveStandard | "none";
  /**
   * What to make: the issue edition (offprints and the issue PDF), and the parallel-text
   * editions, either those the sources ask for or the layouts given for every article.
   */
  editions: { issue: boolean; parallel: "sources" | ParallelLayout[] };
  /** Progress lines for the person or CI log watching. */
  report: (line: string) => void;
  /** Keep the composed HTML documents in this folder (to inspect them, or lay them out with other tools). */
  htmlDir?: string;
  /** Where laid-out documents are kept between builds; no cache when unset. */
  cacheDir?: string;
  /** Pages laid out so far of each document in flight (a live display); undefined when it is done. */
  progress?: (document: string, pages: number | undefined) => void;
}

/** The standards a PDF for a press can be made to: PDF/X-4 (ISO 15930-7), PDF/X-1a:2003 (ISO 15930-4). */
export type PressStandard = "pdfx4" | "pdfx1a";
export const PRESS_STANDARDS: PressStandard[] = ["pdfx4", "pdfx1a"];

/** The standard an archive copy is made to: PDF/A-2 (ISO 19005-2). */
export type ArchiveStandard = "pdfa2";
export const ARCHIVE_STANDARDS: ArchiveStandard[] = ["pdfa2"];

/** Printer's marks: crop marks at the corners, registration targets (cross) at the middle of each side. */
export type MarkKind = "crop" | "cross";

/** Print-shop options: the standard the PDFs are made to, bleed, slug and printer's marks. */
export interface PressOptions {
  /** CSS length of the bleed, e.g. 3mm; none when unset. */
  bleed?: string;
  /** CSS length of the slug: the sheet reaches this far beyond the trim, outside the bleed; it holds the marks and the job line. */
  slug?: string;
  marks?: MarkKind[];
  /** The press standard. Unset: journal.yaml's `press`; "none": RGB, as laid out. */
  standard?: PressStandard | "none";
  /** The printer's own CMYK profile (ICC), instead of the FOGRA39 default. */
  outputIcc?: string;
}
