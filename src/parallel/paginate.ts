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
  /** Height of the notes cut at this page's foot still to go on at the foot of the next pages. */
  carry?: number;
  /** Nothing set on this page yet. */
  fresh: boolean;
  /**
   * The bottom margin of the last box set, already counted in `y` (after a figure set at a
   * page's top, or one that waits): the next block's own top margin collapses with it.
   */
  margin?: number;
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

/** A page with nothing set on it yet: the notes cut on the page before go on at its foot, as much as its notes may take. */
export function freshPage(frame: Frame, page: number, carry = 0): Cursor {
  const notes = Math.min(carry, noteRoom(frame));
  return { page, y: frame.top, notes, carry: carry - notes, fresh: true };
}

/** Where setting stands at the top of page `page` (after `cursor`'s page), the notes cut before going on page by page. */
export function pageAfter(frame: Frame, cursor: Cursor, page: number): Cursor {
  let at = cursor;
  for (let p = cursor.page + 1; p <= page; p++) at = freshPage(frame, p, at.carry ?? 0);
  return at;
}

/** The most height a page's notes may take (their share of the text area, less the note area's own rule and margins). */
function noteRoom(frame: Frame): number {
  return (frame.noteCap ?? Number.POSITIVE_INFINITY) - frame.noteChrome;
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
 * above the notes (each line brings its notes to the foot of its page, cut there as
 * `placeLine` says, the rest going on at the next pages' foot), no fewer than `orphans`
 * before a break and `widows` after it, a whole box or nothing; a page that has nothing yet
 * takes what it can.
 */
export function setBlock(
  frame: Frame,
  block: Block,
  from: Cursor,
  /** What a new page opens with before the rest of the block: the figures waiting for it. */
  open: (page: Cursor) => Cursor = (page) => page,
): { start: BlockStart; end: Cursor } {
  const lines = block.lines;
  let page = from.page;
  let notes = from.notes;
  let carry = from.carry ?? 0;
  let fresh = from.fresh;
  let top = topOf(frame, block, from);
  let start: BlockStart | undefined;
  let moved = false;
  let breaks = 0;
  for (let i = 0; ; ) {
    // Lines that fit from line i on, and the notes at the foot after each.
    const after: Footer[] = [{ notes, carry, closed: false }];
    let y = top;
    while (i + after.length - 1 < lines.length) {
      const footer = after[after.length - 1] as Footer;
      const line = lines[i + after.length - 1] as Line;
      const placed = footer.closed ? undefined : placeLine(frame, y + line.height, line, footer);
      if (!placed) break;
      y += line.height;
      after.push(placed);
    }
    const fit = after.length - 1;
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
    // A line a fresh page takes though it does not fit brings its notes whole (as the layout does: nothing to cut them for).
    const footer = after[take] ?? { notes: notes + sum(set.flatMap((l) => l.notes)), carry, closed: false };
    if (i + take >= lines.length) {
      const end = top + sum(set.map((l) => l.height)) + block.tail;
      const placed = start ?? { page, y: top, firstLine: top + block.glyphOffset, moved, whole: true };
      return { start: { ...placed, whole: breaks === 0 }, end: { page, y: end, notes: footer.notes, carry: footer.carry, fresh: false } };
    }
    if (take === 0 && i === 0) moved = true;
    i += take;
    breaks += take > 0 ? 1 : 0;
    const next = open(freshPage(frame, page + 1, footer.carry));
    page = next.page;
    notes = next.notes;
    carry = next.carry ?? 0;
    fresh = next.fresh;
    // A block's top margin is not set again where it goes on.
    top = i === 0 ? topOf(frame, block, next) : (next.fresh ? frame.top : next.y) + block.repeat;
  }
}

/** Where a block set from a cursor has its top: below the space the block before leaves it. */
function topOf(frame: Frame, block: Block, from: Cursor): number {
  if (from.fresh) return frame.top + block.spaceAtTop;
  if (from.margin !== undefined) return from.y + Math.max(0, block.marginTop - from.margin);
  return from.y + block.spaceBefore;
}

/** The notes at a page's foot: their height on it, what is cut to go on at the next pages, and whether the body may go on above them. */
interface Footer {
  notes: number;
  carry: number;
  /** The notes were cut right under the last line: the page takes no more lines. */
  closed: boolean;
}

/**
 * A line ending at `bottom`, set above the notes, with its own notes (as NoteSplitting,
 * src/render/in-page/handlers/note-splitting.ts, sets them): whole, when they fit under the
 * line and within the notes' share of the page; else cut, given the room under the line
 * (at most their share), when that room holds at least their first lines, the rest going on
 * at the next page's foot. Nothing when the line does not go on this page.
 */
function placeLine(frame: Frame, bottom: number, line: Line, footer: Footer): Footer | undefined {
  if (bottom > limit(frame, footer.notes) + FIT) return undefined;
  const wanted = sum(line.notes);
  if (wanted === 0) return footer;
  const whole = footer.notes + wanted;
  if (bottom <= limit(frame, whole) + FIT && whole <= noteRoom(frame) + FIT) return { ...footer, notes: whole };
  const room = Math.min(noteRoom(frame), frame.bottom - bottom - frame.noteChrome);
  const firstLines = (frame.noteMinLines ?? 1) * (frame.noteLine ?? 0);
  const least = footer.notes + sum(line.notes.map((h) => (firstLines > 0 ? Math.min(h, firstLines) : h)));
  if (room + FIT < least) return undefined;
  // The notes are cut at a line of theirs; the note area reaches up to this line unless their share stops it first.
  const kept = frame.noteLine ? Math.floor((room + FIT) / frame.noteLine) * frame.noteLine : room;
  return {
    notes: room,
    carry: footer.carry + whole - Math.max(footer.notes, Math.min(kept, whole)),
    closed: room < noteRoom(frame) - FIT,
  };
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
  // Figures that did not fit where they came (FigurePlacement, src/render/in-page/handlers/figure-placement.ts).
  const waiting: number[] = [];
  // A new page opens with the waiting figures, in order: the first whatever its height, the others while they fit.
  const open = (page: Cursor): Cursor => {
    let at = page;
    for (let j = waiting[0]; j !== undefined; j = waiting[0]) {
      const figure = blocks[j] as Block;
      const top = at.fresh ? frame.top : at.y + Math.max(0, figure.marginTop - (at.margin ?? 0));
      const bottom = top + sum(figure.lines.map((l) => l.height));
      const notes = at.notes + sum(figure.lines.flatMap((l) => l.notes));
      if (!at.fresh && bottom > limit(frame, notes) + FIT) break;
      starts[j] = { page: at.page, y: top, firstLine: top + figure.glyphOffset, moved: true, whole: true };
      at = { page: at.page, y: bottom + figure.marginBottom, notes, carry: at.carry, fresh: false, margin: figure.marginBottom };
      waiting.shift();
    }
    return at;
  };
  let cursor = from;
  let last: Block | undefined;
  for (let j = 0; j < blocks.length; j++) {
    const block = blocks[j] as Block;
    before[j] = cursor;
    if (block.float && !cursor.fresh && (waiting.length > 0 || !fitsBelow(frame, block, cursor))) {
      // It waits; the block after it meets the one before it, their margins collapsing.
      if (waiting.length === 0 && cursor.margin === undefined)
        cursor = { ...cursor, y: cursor.y + (last?.marginBottom ?? 0), margin: last?.marginBottom ?? 0 };
      waiting.push(j);
      continue;
    }
    const at = pushed.has(j) && !cursor.fresh ? open(freshPage(frame, cursor.page + 1, cursor.carry)) : cursor;
    const { start, end } = setBlock(frame, block, at, open);
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
    last = block;
  }
  // The next unit (or the end of the body) does not pass the figures still waiting: they open the next page.
  while (waiting.length > 0) cursor = open(freshPage(frame, cursor.page + 1, cursor.carry));
  return { starts, end: cursor };
}

/** Whether a figure fits in the room left on the page, as FigurePlacement measures it: above the text area's foot, notes or not. */
function fitsBelow(frame: Frame, figure: Block, cursor: Cursor): boolean {
  return topOf(frame, figure, cursor) + sum(figure.lines.map((l) => l.height)) <= frame.bottom + FIT;
}
