import type { FlowBlockReadout, FlowReadout } from "../render/layout.ts";

/** The text area of a side's pages, in points from the page's top edge. */
export interface Frame {
  top: number;
  bottom: number;
  /** Space the note area takes above its notes (its rule, margins and padding) once a page has notes. */
  noteChrome: number;
  /** The most the note area may take, its chrome included (the notes' share of the text area); none: no limit. */
  noteCap?: number;
  /** A note's line: where a note is cut. */
  noteLine?: number;
  /** Lines of a note that must stand under its call, else the call goes to the next page. */
  noteMinLines?: number;
}

/**
 * A block of one side's body as the planner sets it: lines of text that may be split
 * between pages (a paragraph, a heading), or a box that may not (a figure, a gap).
 */
export interface Block {
  /** The gap before this unit: white space whose height the planner chooses. */
  gapFor?: string;
  /** From the bottom of the block before to this block's top, on the same page. */
  spaceBefore: number;
  /** From the text area's top to this block's top, when the block opens a page. */
  spaceAtTop: number;
  lineHeight: number;
  /** Lines of text; a box is one line as tall as itself. */
  lines: Line[];
  /** From the bottom of the last line to the bottom of the block. */
  tail: number;
  /** From the block's top to the top of its first line's glyphs: where "level" is measured. */
  glyphOffset: number;
  orphans: number;
  widows: number;
  /** Never split: a box, or `break-inside: avoid`. */
  whole: boolean;
  /** Goes to the next page with the block before it rather than leave it last on a page (a heading before it). */
  keepWithPrevious: boolean;
  /** Keeps with the block after it (a heading: `break-after: avoid`). */
  keepWithNext: boolean;
  /** Set again above its lines on every page it goes on to: a table's 续表 line and header row. */
  repeat: number;
  /** A figure: where it does not fit, it waits for the top of the next page, and the blocks after it fill the room. */
  float: boolean;
  /** Its own margins, for the space between the blocks on either side of a figure that waits (they meet, and collapse). */
  marginTop: number;
  marginBottom: number;
}

export interface Line {
  height: number;
  /** Heights of the notes called from this line: they go to the foot of the line's page. */
  notes: number[];
}

/** One side's body: its blocks in order, and where each unit's gap is among them. */
export interface SideFlow {
  frame: Frame;
  blocks: Block[];
  /** Unit id → index of its gap in `blocks`. */
  gaps: Map<string, number>;
}

/**
 * The planner's model of one side, from a layout of it: what every block is made of
 * (lines, notes, margins as they met on the page), independent of where it was set.
 */
export function sideFlow(readout: FlowReadout): SideFlow {
  const first = readout.pages[0];
  const frame: Frame = {
    top: first?.top ?? 0,
    bottom: first?.bottom ?? 0,
    noteChrome: readout.pages.find((p) => p.notes.length > 0)?.noteChrome ?? 0,
  };
  const notes = readout.notes;
  if (notes && notes.maxShare > 0 && notes.maxShare < 1) frame.noteCap = notes.maxShare * (frame.bottom - frame.top);
  if (notes?.lineHeight) frame.noteLine = notes.lineHeight;
  if (notes?.minLines) frame.noteMinLines = notes.minLines;
  // A note split over pages counts with all its parts.
  const noteHeights = new Map<string, number>();
  for (const page of readout.pages)
    for (const note of page.notes) noteHeights.set(note.ref, (noteHeights.get(note.ref) ?? 0) + note.bottom - note.top);

  const sources = readout.blocks.filter((b) => b.breakFor === undefined);
  const blocks: Block[] = [];
  const gaps = new Map<string, number>();
  sources.forEach((source, i) => {
    const previous = sources[i - 1];
    if (source.gapFor !== undefined) gaps.set(source.gapFor, blocks.length);
    blocks.push(blockOf(source, previous, noteHeights));
  });
  return { frame, blocks, gaps };
}

function blockOf(source: FlowBlockReadout, previous: FlowBlockReadout | undefined, noteHeights: Map<string, number>): Block {
  const fragments = source.fragments;
  const head = fragments[0];
  const lineHeight = source.lineHeight;
  const lineCount = fragments.reduce((n, f) => n + f.lines.length, 0);
  const height = head && fragments.length === 1 ? head.bottom - head.top : undefined;
  const isText =
    source.gapFor === undefined &&
    !source.float &&
    lineCount > 0 &&
    lineHeight > 0 &&
    (height === undefined || height >= lineCount * lineHeight - 1);
  const lines: Line[] = [];
  if (isText) {
    // A line is as tall as the distance to the next: a table's rows are taller than their text's line height.
    const pitches = fragments.flatMap((f) => f.lines.slice(1).map((line, k) => line.top - (f.lines[k] as { top: number }).top));
    const usual = pitches.length > 0 ? median(pitches) : lineHeight;
    for (const fragment of fragments) {
      const tops = fragment.lines.map((line) => line.top);
      const own = tops.map((top, k): Line => ({ height: (tops[k + 1] ?? top + usual) - top, notes: [] }));
      for (const call of fragment.calls) {
        const middle = (call.top + call.bottom) / 2;
        // The last line that starts above the call's middle, give or take half a line (a call is raised).
        const index = tops.filter((top) => top <= middle + usual / 2).length - 1;
        own[Math.min(own.length - 1, Math.max(0, index))]?.notes.push(noteHeights.get(call.ref) ?? 0);
      }
      lines.push(...own);
    }
  } else if (height !== undefined && height > 0) {
    lines.push({ height, notes: fragments.flatMap((f) => f.calls.map((c) => noteHeights.get(c.ref) ?? 0)) });
  }
  const linesHeight = lines.reduce((h, l) => h + l.height, 0);
  const glyphOffset = head?.lines[0] ? head.lines[0].top - head.top : 0;
  return {
    gapFor: source.gapFor,
    spaceBefore: spaceBetween(previous, source),
    // A block that opens a page keeps its top margin: each page is a layout of its own.
    spaceAtTop: source.marginTop,
    lineHeight,
    lines,
    tail: isText ? tailOf(fragments, height, linesHeight) : 0,
    glyphOffset,
    orphans: source.orphans,
    widows: source.widows,
    whole: !isText || source.avoidBreakInside,
    keepWithPrevious: source.avoidBreakBefore,
    keepWithNext: source.avoidBreakAfter ?? false,
    float: source.float ?? false,
    repeat: source.repeat ?? 0,
    marginTop: source.marginTop,
    marginBottom: source.marginBottom,
  };
}

/**
 * From the bottom of a text block's last line to the block's bottom (a table's padding and
 * rule). Split over pages, it is what the last part has below its last line beyond what the
 * first part has: the first part ends at its last line.
 */
function tailOf(fragments: FlowBlockReadout["fragments"], height: number | undefined, linesHeight: number): number {
  if (height !== undefined) return Math.max(0, height - linesHeight);
  const first = fragments[0];
  const last = fragments[fragments.length - 1];
  const below = (f: typeof first) =>
    f && f.lines.length > 0 ? f.bottom - (f.lines[f.lines.length - 1] as { top: number }).top : undefined;
  const [inner, outer] = [below(first), below(last)];
  return inner === undefined || outer === undefined ? 0 : Math.max(0, outer - inner);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * The space between two blocks on one page: as measured when they met on one page, else
 * from their margins (which collapse, except across a gap, which keeps them apart).
 */
function spaceBetween(previous: FlowBlockReadout | undefined, block: FlowBlockReadout): number {
  if (!previous) return block.marginTop;
  const before = previous.fragments[previous.fragments.length - 1];
  const after = block.fragments[0];
  if (before && after && before.page === after.page) return Math.max(0, after.top - before.bottom);
  if (previous.gapFor !== undefined || block.gapFor !== undefined) return previous.marginBottom + block.marginTop;
  return Math.max(previous.marginBottom, block.marginTop);
}
