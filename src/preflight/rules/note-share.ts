import type { PreflightFinding } from "../finding.ts";
import { noteLines, type PageModel } from "../page.ts";
import { head } from "../text.ts";
import type { PageRule } from "../rule.ts";

/** The notes take at most this share of the text area, so that the body keeps a third (styles/notes.css: --notes-max-share). */
const MAX_SHARE = 2 / 3;
/** Points the notes may pass it by (rounding, the glyphs' own height). */
const TOLERANCE = 2;
/** Ideographs stand 0.88 em above the baseline: the top of a note's first line. */
const ASCENT = 0.88;

export const noteShareRule: PageRule = { reports: ["note-share"], check: ({ pages }) => checkNoteShare(pages) };

/**
 * A page with body text keeps at least a third of its text area for it: the notes, a long
 * one cut and continued on the next page, take the rest at most. A page of notes alone
 * (the end of a long note after the body has ended) may be all notes.
 */
export function checkNoteShare(pages: PageModel[]): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  for (const page of pages) {
    const first = noteLines(page)[0];
    if (!first || page.body.length === 0) continue;
    const height = page.area.bottom - page.area.top;
    const notes = page.area.bottom - (first.top - ASCENT * first.size);
    if (notes <= MAX_SHARE * height + TOLERANCE) continue;
    findings.push({
      rule: "note-share",
      page: page.number,
      text: head(first.text),
      message: `the notes take ${Math.round((100 * notes) / height)} % of the text area: the body keeps less than a third`,
    });
  }
  return findings;
}
