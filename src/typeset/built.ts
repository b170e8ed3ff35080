import type { ParallelLayout } from "../content/schema.ts";
import type { DocumentLayout } from "../render/layout.ts";

/** What a build wrote of an issue (kept with the cache's record of it: plain data). */
export interface BuiltArticle {
  id: string;
  /** The offprint: the article at its pages in the issue. */
  file: string;
  /** Its archive copy (PDF/A), when one was asked for. */
  archiveFile?: string;
  layout: DocumentLayout;
  firstPage: number;
  pageCount: number;
  articleNumber: string;
}

export interface BuiltParallel {
  id: string;
  layout: ParallelLayout;
  file: string;
  archiveFile?: string;
}

export interface BuiltIssue {
  /** The issue PDF; none when only some of its articles were built. */
  file?: string;
  archiveFile?: string;
  articles: BuiltArticle[];
  /** Parallel-text editions. */
  parallel: BuiltParallel[];
}
