import type { ArticleMeta } from "./schema.ts";

/**
 * An article's Chinese title may hold line breaks (YAML `|`): where the editor wants the
 * printed title to break. Only the title block prints them; everywhere else (running heads,
 * contents, document info, XMP, JATS, the job line) the title is one line.
 */
const BREAK = /\s*\n\s*/;

/** The Chinese title as one line. */
export function oneLineTitle(meta: Pick<ArticleMeta, "title">): string {
  return meta.title.zh.replace(new RegExp(BREAK, "g"), "");
}

/** The Chinese title's printed lines, as the editor broke them. */
export function titleLines(meta: Pick<ArticleMeta, "title">): string[] {
  return meta.title.zh.split(BREAK).filter(Boolean);
}
