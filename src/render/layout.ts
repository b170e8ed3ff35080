/** What the laid-out document looked like, read from the page after Paged.js finished (in-page/handlers/layout-readout.ts). */
export interface DocumentLayout {
  pages: PageLayout[];
  /** Elements marked `data-goto` (entries of the contents and ABSTRACTS), with where they landed. */
  links: LinkLayout[];
  /** Figures and tables as laid out: a table split over pages once per part. */
  floats: FloatLayout[];
  /** What the page could not lay out as the sources ask (in-page/tables.js). */
  problems: LayoutProblem[];
  /** One side of a parallel-text edition, as its planner reads it (when asked for). */
  flow?: FlowReadout;
  /** Running heads too long for one line, and what was printed instead (in-page/handlers/running-heads.ts). */
  runningHeads?: RunningHeadFit[];
}

export interface RunningHeadFit {
  page: number;
  /** The head as the sources give it. */
  full: string;
  /** The head as printed: the main title, or the title cut with an ellipsis. */
  printed: string;
  /** Cut with an ellipsis (not only the subtitle left out). */
  cut: boolean;
}

export interface FloatLayout {
  kind: "figure" | "table";
  /** The part it is in, and its line in that part's source file. */
  lang: "zh" | "en";
  line: number;
  page: number;
  /** A table's part after the first. */
  continued: boolean;
  area: Area;
  /** A figure's picture, as printed. */
  graphic?: Area;
  /** A raster figure's pixels, as the browser decoded them. */
  pixels?: { width: number; height: number };
  /** A table's type size, in points (smaller than the styles' when it was too wide). */
  tableSize?: number;
}

export interface LayoutProblem {
  kind: "row-too-tall" | "table-too-wide";
  lang: "zh" | "en";
  line: number;
  message: string;
}

/** A box in points from the page's top-left corner. */
export interface Area {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface LinkLayout {
  /** 1-based page the element is on. */
  page: number;
  /** What it leads to: the value of its data-goto. */
  target: string;
  area: Area;
}

export interface PageLayout {
  /** 1-based position in the document. */
  index: number;
  side: "left" | "right";
  /**
   * Notes whose call is on this page, with the number printed; `continues` when the note
   * is cut at this page's foot and goes on on the next page.
   */
  notes: { number: number; text: string; callPage: number; continues?: boolean }[];
  /**
   * Parts of notes cut on the page before, at the top of this page's notes, in the order of
   * the notes they continue: where each starts (points from the page's top) and whether it
   * goes on further.
   */
  continued?: { top: number; continues?: boolean }[];
  /** Where the notes start, in points from the page's top; absent on a page without notes. */
  notesTop?: number;
  /** The text area (body and notes), in points from the page's top-left corner. */
  area: Area;
}

/**
 * One side of a parallel-text edition as laid out, for the planner that levels its units
 * with the other side's (in-page/handlers/flow-readout.ts, src/parallel/flow.ts): every
 * page's text area and notes, and the body's blocks that hold no other blocks (paragraphs,
 * headings, the gaps before units), in order. Positions in points from the page's top edge.
 */
export interface FlowReadout {
  pages: FlowPageReadout[];
  blocks: FlowBlockReadout[];
  /** How the notes are set (styles/notes.css): the most of the text area they take, the lines a note keeps under its call, a note's line height (points). */
  notes?: { maxShare: number; minLines: number; lineHeight: number };
}

export interface FlowPageReadout {
  number: number;
  /** The text area (body and notes). */
  top: number;
  bottom: number;
  /** The note area's rule, margins and padding, above and below its notes. */
  noteChrome: number;
  notes: { ref: string; continued: boolean; top: number; bottom: number }[];
}

export interface FlowBlockReadout {
  /** Paged.js's data-ref: the same on every fragment of a block split over pages. */
  ref: string;
  /** The gap before this alignment unit (in-page/handlers/alignment.ts). */
  gapFor?: string;
  /** One of the page breaks that may precede that gap. */
  breakFor?: string;
  /** Set again above its lines on every page it goes on to (a table's 续表 line and header row), in points. */
  repeat?: number;
  /** A figure: where it does not fit, it waits for the top of the next page and the text after it fills the room (in-page/handlers/figure-placement.ts). */
  float?: boolean;
  lineHeight: number;
  marginTop: number;
  marginBottom: number;
  orphans: number;
  widows: number;
  /** Kept on the page of the block before it (after a heading's break-after: avoid, which Paged.js applies). */
  avoidBreakBefore: boolean;
  /** Kept with the block after it (break-after: avoid, as Paged.js marks it). */
  avoidBreakAfter?: boolean;
  avoidBreakInside: boolean;
  /** One per page the block is on. */
  fragments: {
    page: number;
    top: number;
    bottom: number;
    /** The boxes of its lines of text (the glyphs', not the line boxes). */
    lines: { top: number; bottom: number }[];
    /** Its note calls: the note's data-ref and the call's box. */
    calls: { ref: string; top: number; bottom: number }[];
  }[];
}

/**
 * The layout of documents laid out apart whose pages follow one another (an article's two
 * parts), as one document's: every page number moved by the pages before its document.
 */
export function joinLayouts(parts: DocumentLayout[]): DocumentLayout {
  const joined: DocumentLayout = { pages: [], links: [], floats: [], problems: [] };
  const heads: RunningHeadFit[] = [];
  for (const part of parts) {
    const before = joined.pages.length;
    joined.pages.push(
      ...part.pages.map((page) => ({
        ...page,
        index: page.index + before,
        // callPage 0: a note whose call was not found.
        notes: page.notes.map((note) => ({ ...note, callPage: note.callPage && note.callPage + before })),
      })),
    );
    joined.links.push(...part.links.map((link) => ({ ...link, page: link.page + before })));
    joined.floats.push(...part.floats.map((float) => ({ ...float, page: float.page + before })));
    joined.problems.push(...part.problems);
    heads.push(...(part.runningHeads ?? []).map((head) => ({ ...head, page: head.page + before })));
  }
  if (parts.some((part) => part.runningHeads)) joined.runningHeads = heads;
  return joined;
}
