import type { PdfTextItem, PdfTextPage } from "./pdf.ts";
import { LEADING_NOTE_MARK, NOTE_MARKS } from "./note-mark.ts";

/**
 * A page of the PDF taken apart as a reader sees it: lines rebuilt from the text items,
 * then sorted into running heads and folios (outside the text area), body lines, and the
 * notes at the foot of the area with the calls in the body that point to them.
 */

/** A rectangle in points from the page's top-left corner. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** A text item placed on a line; `raised` when it sits above the line's baseline in smaller type (a note call). */
export interface Piece extends PdfTextItem {
  raised: boolean;
}

export interface Line {
  /** Pieces left to right, raised ones included. */
  pieces: Piece[];
  /** Baseline, in points from the page's top edge. */
  top: number;
  x: number;
  right: number;
  /** Type size of the line's own (not raised) text. */
  size: number;
  /** Everything on the line, raised calls included, spaces where the PDF leaves gaps. */
  text: string;
  /** The line's own text: without raised pieces. */
  ownText: string;
}

export interface Note {
  number: number;
  /** The note's text, without its `[n]` marker. */
  text: string;
  lines: Line[];
}

/** The part of a note continued from the page before: at the top of the notes, with no number. */
export interface ContinuedNote {
  text: string;
  lines: Line[];
}

export interface Call {
  number: number;
  line: Line;
  /** Index of the call's first piece in `line.pieces`. */
  piece: number;
}

export interface PageModel {
  number: number;
  /** The text area in the PDF's coordinates. */
  area: Box;
  /** The page's text items in the order the PDF draws them (a table cell's lines one after the other). */
  items: PdfTextItem[];
  lines: Line[];
  /** Lines inside a figure (its drawing's labels, its caption): out of the text's flow, so apart from it. */
  figures: Line[];
  /** Above the text area: running heads (and a folio printed with them). */
  heads: Line[];
  /** In the text area, above the notes. */
  body: Line[];
  /** The page's own notes, numbered. */
  notes: Note[];
  /** Parts of notes cut on the page before, above the page's own notes, in order. */
  continued: ContinuedNote[];
  /** Below the text area. */
  below: Line[];
  calls: Call[];
}

/** Baselines closer than this (points) are one line. */
const SAME_BASELINE = 1;
/** Superscripts are set at most this much of the host line's size (0.6 em for note calls). */
const RAISED_SIZE = 0.8;
/** …and their baseline sits within this fraction of the host's size above the host's. */
const RAISED_SHIFT = 0.75;
/**
 * …and they stand at most this many of the host's ems beyond its text: a call after a
 * space at a paragraph's end stands a space and its own width past the last word.
 */
const REACH = 2;

/** Where the layout put a page's notes, in the PDF's coordinates (points from the page's top). */
export interface NotePlacement {
  /** The top of the notes. */
  top: number;
  /** The tops of the parts of notes continued from the page before, in order. */
  continued: number[];
}

/**
 * `notes`, where the layout put the notes, tells them from the body and one continued part
 * from the next; without it the notes are found by their type size and `[n]` marks, and a
 * note continued from the page before is not recognised.
 */
export function modelPage(page: PdfTextPage, area: Box, figureAreas: Box[] = [], notes?: NotePlacement): PageModel {
  const lines = buildLines(page.items);
  const heads: Line[] = [];
  const below: Line[] = [];
  const inArea: Line[] = [];
  const figures: Line[] = [];
  const inFigure = (line: Line) =>
    figureAreas.some((f) => line.top >= f.top && line.top <= f.bottom + 1 && line.x >= f.left - 1 && line.right <= f.right + 1);
  for (const line of lines) {
    if (inFigure(line)) figures.push(line);
    else if (line.top < area.top) heads.push(line);
    else if (line.top - 0.7 * line.size > area.bottom) below.push(line);
    else inArea.push(line);
  }
  const noteStart = notes === undefined ? findNoteBlock(inArea) : firstBelow(inArea, notes.top);
  const body = inArea.slice(0, noteStart);
  return {
    number: page.number,
    area,
    items: page.items,
    lines,
    figures,
    heads,
    body,
    ...readNotes(inArea.slice(noteStart), notes?.continued ?? []),
    below,
    calls: findCalls(body),
  };
}

/** Every line of the page's notes, the continued parts' first. */
export function noteLines(page: PageModel): Line[] {
  return [...page.continued, ...page.notes].flatMap((n) => n.lines);
}

/** The first line whose baseline is below `top` (`lines.length` when there is none). */
function firstBelow(lines: Line[], top: number): number {
  const index = lines.findIndex((line) => line.top > top);
  return index < 0 ? lines.length : index;
}

/**
 * Lines from text items: items on one baseline (±1 pt) make a line; a group of smaller
 * items just above a line's baseline (a superscript call) belongs to that line and does
 * not make a line of its own. Spaces pdf.js inferred join the line they sit on.
 */
export function buildLines(items: PdfTextItem[]): Line[] {
  const visible = items.filter((i) => i.size > 0 && i.text.trim() !== "");
  const spaces = items.filter((i) => !(i.size > 0 && i.text.trim() !== ""));
  // Sorted by baseline, an item joins the earliest group whose first baseline is near its
  // own: those groups are the last ones made, so the search goes back only as far as that.
  const groups: PdfTextItem[][] = [];
  for (const item of [...visible].sort((a, b) => a.top - b.top || a.x - b.x)) {
    let group: PdfTextItem[] | undefined;
    for (let g = groups.length - 1; g >= 0; g--) {
      const candidate = groups[g] as PdfTextItem[];
      if ((candidate[0] as PdfTextItem).top < item.top - SAME_BASELINE) break;
      group = candidate;
    }
    if (group) group.push(item);
    else groups.push([item]);
  }
  // Each group's measures once: the search for hosts compares every group with every other.
  const measured = groups.map((group) => ({
    group,
    top: (group[0] as PdfTextItem).top,
    size: Math.max(...group.map((i) => i.size)),
    x: Math.min(...group.map((i) => i.x)),
    right: Math.max(...group.map((i) => i.right)),
  }));
  const lines = new Map<PdfTextItem[], Piece[]>();
  const raised: { group: PdfTextItem[]; host: PdfTextItem[] }[] = [];
  // A host's baseline is below the group's, at most RAISED_SHIFT of the largest size away:
  // the groups are in order of baseline, so the search looks only that far ahead.
  const largest = measured.reduce((most, m) => Math.max(most, m.size), 0);
  for (const [n, { group, top, size, x, right }] of measured.entries()) {
    // The nearest larger line below whose baseline this group rides above.
    let host: PdfTextItem[] | undefined;
    for (let j = n + 1; j < measured.length; j++) {
      const h = measured[j] as (typeof measured)[number];
      const shift = h.top - top;
      if (shift > RAISED_SHIFT * largest) break;
      if (
        shift > SAME_BASELINE / 2 &&
        shift <= RAISED_SHIFT * h.size &&
        size <= RAISED_SIZE * h.size &&
        x >= h.x - REACH * h.size &&
        right <= h.right + REACH * h.size
      ) {
        host = h.group;
        break;
      }
    }
    if (host) raised.push({ group, host });
    else
      lines.set(
        group,
        group.map((item) => piece(item, false)),
      );
  }
  for (const { group, host } of raised) {
    const pieces = lines.get(host);
    // A host that is itself raised (nested superscripts): keep the group as its own line.
    if (pieces) pieces.push(...group.map((item) => piece(item, true)));
    else
      lines.set(
        group,
        group.map((item) => piece(item, false)),
      );
  }
  const result = [...lines.values()].map((pieces) => ({ pieces, ...extent(pieces) }));
  // A space joins the first line (in that order) on its baseline that reaches it: the lines
  // near its baseline are found by their baselines, sorted.
  const byTop = result.map((line, index) => ({ top: line.top, index })).sort((a, b) => a.top - b.top || a.index - b.index);
  for (const space of spaces) {
    // A little wider than the test below, which decides: its subtraction rounds otherwise.
    let first = lowerBound(byTop, space.top - SAME_BASELINE - 1e-6);
    let found = -1;
    for (; first < byTop.length && (byTop[first] as { top: number }).top <= space.top + SAME_BASELINE + 1e-6; first++) {
      const { index } = byTop[first] as { index: number };
      const l = result[index] as (typeof result)[number];
      if (Math.abs(l.top - space.top) <= SAME_BASELINE && space.x >= l.x - 1 && space.x <= l.right + 1 && (found < 0 || index < found))
        found = index;
    }
    if (found >= 0) (result[found] as (typeof result)[number]).pieces.push(piece(space, false));
  }
  return result.map((l) => toLine(l.pieces)).sort((a, b) => a.top - b.top || a.x - b.x);
}

/** An item placed on a line: its fields written out, which is quicker than spreading them (a long article's hundred thousand items). */
function piece(item: PdfTextItem, raised: boolean): Piece {
  return { text: item.text, x: item.x, right: item.right, top: item.top, size: item.size, font: item.font, raised };
}

/** The first of `sorted` (by top) whose top is at least `top`. */
function lowerBound(sorted: { top: number }[], top: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] as { top: number }).top < top) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A line's baseline, reach and size, from its own pieces (all of them if it has none), its pieces put in order left to right. */
function extent(pieces: Piece[]): { top: number; x: number; right: number; size: number } {
  pieces.sort(byPosition);
  const own = pieces.filter((p) => !p.raised && p.size > 0);
  const base = own.length > 0 ? own : pieces;
  return {
    top: (base[0] as Piece).top,
    x: Math.min(...base.map((p) => p.x)),
    right: Math.max(...base.map((p) => p.right)),
    size: Math.max(...base.map((p) => p.size)),
  };
}

/** Left to right; a raised piece after the line's own at the same place. */
function byPosition(a: Piece, b: Piece): number {
  return a.x - b.x || Number(a.raised) - Number(b.raised);
}

function toLine(pieces: Piece[]): Line {
  const { top, x, right, size } = extent(pieces);
  // Gaps are measured between all pieces, so a call taken out leaves no space behind.
  const join = (withRaised: boolean) => {
    let text = "";
    let last: Piece | undefined;
    for (const piece of pieces) {
      // A gap the PDF leaves without a space in it still reads as one (justified Latin text).
      const gap = last !== undefined && piece.x - last.right > 0.25 * Math.max(piece.size, last.size);
      last = piece;
      if (piece.raised && !withRaised) continue;
      if (gap && text !== "" && !/\s$/.test(text) && !/^\s/.test(piece.text)) text += " ";
      text += piece.text;
    }
    return text;
  };
  return { pieces, top, x, right, size, text: join(true), ownText: join(false) };
}

/**
 * Where the notes start among the area's lines (top to bottom): the notes are the last
 * lines, all in one type size smaller than the line above them, the first starting `[n]`.
 * Returns `lines.length` when the page has no notes.
 */
function findNoteBlock(lines: Line[]): number {
  const last = lines[lines.length - 1];
  if (!last) return 0;
  let start = lines.length;
  while (start > 0 && Math.abs((lines[start - 1] as Line).size - last.size) <= 0.3) start--;
  for (let i = start; i < lines.length; i++) {
    if (!LEADING_NOTE_MARK.test((lines[i] as Line).text)) continue;
    const above = lines[i - 1];
    return above === undefined || above.size > last.size + 0.3 ? i : lines.length;
  }
  return lines.length;
}

/**
 * The notes in the lines of a page's note block. Lines before the first `[n]` continue
 * notes from the page before: each part starts at one of `continuedTops` (the first at
 * the block's top when there are none).
 */
function readNotes(lines: Line[], continuedTops: number[]): { continued: ContinuedNote[]; notes: Note[] } {
  const notes: Note[] = [];
  const continued: ContinuedNote[] = [];
  for (const line of lines) {
    const start = LEADING_NOTE_MARK.exec(line.text);
    if (start) {
      notes.push({ number: Number(start[1]), text: line.text.slice(start[0].length), lines: [line] });
      continue;
    }
    const current = notes[notes.length - 1];
    const parts = continuedTops.filter((top) => top < line.top).length;
    if (!current && (continued.length === 0 || parts > continued.length)) continued.push({ text: line.text, lines: [line] });
    else {
      const part = current ?? (continued[continued.length - 1] as ContinuedNote);
      part.text += line.text;
      part.lines.push(line);
    }
  }
  return { continued, notes };
}

/** Calls: `[n]` in the raised pieces of body lines, in reading order. */
function findCalls(body: Line[]): Call[] {
  const calls: Call[] = [];
  for (const line of body) {
    // Consecutive raised pieces read as one (a call may come in several items).
    let run = "";
    let first = -1;
    const flush = () => {
      for (const m of run.matchAll(NOTE_MARKS)) calls.push({ number: Number(m[1]), line, piece: first });
      run = "";
      first = -1;
    };
    line.pieces.forEach((piece, i) => {
      if (piece.raised) {
        if (first < 0) first = i;
        run += piece.text;
      } else if (piece.size > 0) flush();
    });
    flush();
  }
  return calls;
}
