import type { ParallelLayout } from "../content/schema.ts";

/** What a build is asked to do: set by the command line (src/cli) or by a caller such as `export jats`. */
export interface BuildOptions {
  outDir: string;
  /** Fail the build on any preflight finding or 文章编号 that disagrees with the pages (nothing is written then). */
  strict: boolean;
  press: PressOptions;
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

/** Print-shop options: bleed around the trim and printer's marks in it. */
export interface PressOptions {
  /** CSS length of the bleed, e.g. 3mm; none when unset. */
  bleed?: string;
  marks?: "crop" | "cross" | "crop cross";
}
