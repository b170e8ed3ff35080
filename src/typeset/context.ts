import type { Browser } from "puppeteer";
import type { LayoutCache } from "../cache/layout-cache.ts";
import type { PageAssets } from "../compose/assets.ts";
import type { DocumentFonts } from "../compose/faces.ts";
import type { Templates } from "../compose/index.ts";
import type { ArchiveStandard, PressOptions, PressStandard } from "../config/options.ts";
import type { Profiles } from "../output/press/index.ts";
import type { Journal } from "../content/schema.ts";
import type { Pool } from "./pool.ts";

/** What every document of one build shares. */
export interface BuildContext {
  journal: Journal;
  templates: Templates;
  assets: PageAssets;
  /** What `composeWithFaces` adds for characters beyond the styles' own faces. */
  fonts: DocumentFonts;
  /** One browser for the whole build, launched when the first layout is not in the cache; each document gets a window of its own. */
  browser: () => Promise<Browser>;
  /**
   * Says that no document of the build will be laid out any more: the browser closes (a
   * tenth of a second) while the last documents are read back, checked and written.
   */
  doneWithBrowser: () => void;
  /** Laid-out documents and preflight findings of earlier builds. */
  cache: LayoutCache;
  /** Fingerprint of what shapes a layout besides its HTML (styles, the render stage and its page handlers, packages, browser) and of the preflight: part of every cache key. */
  code: string;
  /** Layouts in flight at once. */
  pool: Pool;
  /** Where composed HTML is written for the browser to load. */
  workDir: string;
  press: PressOptions;
  /** The standards the PDFs are made to (the command line's, else journal.yaml's): for the press, and for the archive copy. */
  standards: { press?: PressStandard; archive?: ArchiveStandard };
  /** The colour profiles those standards embed, loaded when first asked for. */
  profiles: () => Promise<Profiles>;
  /** The build's timestamp (SOURCE_DATE_EPOCH when set). */
  date: Date;
  report: (line: string) => void;
  /** Pages laid out so far of a document in flight; undefined when it is done. */
  progress: (document: string, pages: number | undefined) => void;
}
