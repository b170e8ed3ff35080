/** Something wrong with the printed PDF, where a reader would see it. */
export interface PreflightFinding {
  rule:
    | "note-page"
    | "note-numbering"
    | "note-share"
    | "line-start"
    | "line-end"
    | "outside-area"
    | "font-type3"
    | "font-unembedded"
    | "missing-glyph"
    | "heading-at-foot"
    | "running-head-cut"
    | "text-missing"
    | "figure-missing"
    | "press-colour"
    | "press-black-text"
    | "standard-identification"
    | "standard-boxes"
    | "standard-metadata"
    | "standard-schema"
    | "standard-fidelity"
    | "standard-tagging"
    /** A parallel edition's unit whose two sides do not start level (src/typeset/parallel-sides.ts). */
    | "unit-level";
  /** 1-based page of the PDF, when the finding has one. */
  page?: number;
  /** The printed (or expected) text where it happened. */
  text: string;
  message: string;
}

export type PreflightRule = PreflightFinding["rule"];

/** One line for a report: `page 3: line-start: a line starts with '，': …context…`. */
export function formatFinding(f: PreflightFinding): string {
  const where = f.page === undefined ? "" : `page ${f.page}: `;
  return `${where}${f.rule}: ${f.message}${f.text ? `: ${f.text}` : ""}`;
}
