import type { Block, Frame } from "./flow.ts";

/** A place on a side: page (1-based) and points from the page's top edge. */
export interface Position {
  page: number;
  y: number;
}

/** Where setting stands on a side: the bottom of the last box set, and the notes at the page's foot. */
export interface Cursor extends Position {
  /** Height of the notes on this page so far (0: the page has no note area). */
  notes: number;
  /** Nothing set on this page yet. */
  fresh: boolean;
}

/** Where a block was set: its first fragment's page and top, and the top of its first line's glyphs. */
export interface BlockStart extends Position {
  firstLine: number;
  /** It went to the next page whole, though the page it was to start on had room left. */
  moved: boolean;
  /** Set on one page, unbroken. */
  whole: boolean;
}

/** Within this much a line fits (rounding of the browser's pixels). */
const FIT = 0.05;

export function freshPage(frame: Frame, page: number): Cursor {
  return { page, y: frame.top, notes: 0, fresh: true };
}

/** Lexicographic order of positions: page first, then height. */
export function compare(a: Position, b: Position): number {
  return a.page - b.page || a.y - b.y;
}

export function later<T extends Position>(a: T, b: T): T {
  return compare(a, b) >= 0 ? a : b;
}

/** The lowest a line may reach on a page with `notes` points of notes (Paged.js sizes the note area in whole pixels). */
function limit(frame: Frame, notes: number): number {
  return frame.bottom - (notes > 0 ? Math.round((frame.noteChrome + notes) / 0.75) * 0.75 : 0);
}

const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);

/**
 * Sets one block from a cursor as the browser does under Paged.js: as many lines as fit
 * above the notes (each line brings its notes to the foot of its page), no fewer than
 * `orphans` before a break and `widows` after it, a whole box or nothing; a page that has
 * nothing yet takes what it can.
 */
export function setBlock(frame: Frame, block: Block, from: Cursor): { start: BlockStart; end: Cursor } {
  const lines = block.lines;
  let page = from.page;
  let notes = from.notes;
  let fresh = from.fresh;
  let top = fresh ? frame.top + block.spaceAtTop : from.y + block.spaceBefore;
  let start: BlockStart | undefined;
  let moved = false;
  let breaks = 0;
  for (let i = 0; ; ) {
    // Lines that fit from line i on.
    let fit = 0;
    let y = top;
    let footer = notes;
    while (i + fit < lines.length) {
      const line = lines[i + fit] as Line;
      const withNotes = footer + sum(line.notes);
      if (y + line.height > limit(frame, withNotes) + FIT) break;
      y += line.height;
      footer = withNotes;
      fit++;
    }
    let take = fit;
    if (i + fit < lines.length) {
      if (block.whole || fit < block.orphans) take = 0;
      // Lines held back for the next page's widows, unless that leaves fewer than the
      // orphans here: Chromium then breaks where it must (a paragraph of three lines, 2 + 1).
      else if (lines.length - i - fit < block.widows && lines.length - i - block.widows >= block.orphans)
        take = lines.length - i - block.widows;
      // A page with nothing on it takes what fits, at least a line, rules or not.
      if (take <= 0 && fresh) take = Math.max(1, fit);
    }
    take = Math.max(0, take);
    if (take > 0 || lines.length === 0) start ??= { page, y: top, firstLine: top + block.glyphOffset, moved, whole: true };
    const set = lines.slice(i, i + take);
    if (i + take >= lines.length) {
      const end = top + sum(set.map((l) => l.height)) + block.tail;
      const footerEnd = notes + sum(set.flatMap((l) => l.notes));
      const placed = start ?? { page, y: top, firstLine: top + block.glyphOffset, moved, whole: true };
      return { start: { ...placed, whole: breaks === 0 }, end: { page, y: end, notes: footerEnd, fresh: false } };
    }
    if (take === 0 && i === 0) moved = true;
    i += take;
    breaks += take > 0 ? 1 : 0;
    page++;
    notes = 0;
    fresh = true;
    top = frame.top + (i === 0 ? block.spaceAtTop : 0);
  }
}

type Line = Block["lines"][number];

/**
 * Sets blocks one after the other from a cursor. A block kept with the one before it (the
 * paragraph after a heading) that must go to the next page whole takes that one along,
 * unless it opens its page.
 */
export function setBlocks(frame: Frame, blocks: readonly Block[], from: Cursor): { starts: BlockStart[]; end: Cursor } {
  const starts: BlockStart[] = [];
  const before: Cursor[] = [];
  const pushed = new Set<number>();
  let cursor = from;
  for (let j = 0; j < blocks.length; j++) {
    const block = blocks[j] as Block;
    before[j] = cursor;
    const at = pushed.has(j) && !cursor.fresh ? freshPage(frame, cursor.page + 1) : cursor;
    const { start, end } = setBlock(frame, block, at);
    const previous = starts[j - 1];
    const previousFrom = before[j - 1];
    if (
      start.moved &&
      block.keepWithPrevious &&
      previous &&
      previousFrom &&
      !pushed.has(j - 1) &&
      previous.whole &&
      previous.page === at.page &&
      !previousFrom.fresh &&
      previousFrom.page === at.page
    ) {
      pushed.add(j - 1);
      cursor = previousFrom;
      j -= 2;
      continue;
    }
    starts[j] = start;
    cursor = end;
  }
  return { starts, end: cursor };
}
