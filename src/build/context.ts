import type { Browser } from "puppeteer";
import type { Templates } from "../compose/index.ts";
import type { PressOptions } from "../compose/view.ts";
import type { Journal } from "../content/schema.ts";
import type { Pool } from "./pool.ts";

/** What every document of one build shares. */
export interface BuildContext {
  journal: Journal;
  templates: Templates;
  assets: { fontStylesheets: string[]; stylesheets: string[]; readableRoots: string[] };
  /** One browser for the whole build; each document gets a window of its own. */
  browser: Browser;
  /** Layouts in flight at once. */
  pool: Pool;
  /** Where composed HTML is written for the browser to load. */
  workDir: string;
  press: PressOptions;
  /** The build's timestamp (SOURCE_DATE_EPOCH when set). */
  date: Date;
  report: (line: string) => void;
  /** Pages laid out so far of a document in flight; undefined when it is done. */
  progress: (document: string, pages: number | undefined) => void;
}
