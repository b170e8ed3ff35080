import type { FlowBlockReadout, FlowPageReadout, FlowReadout } from "../../layout.ts";
import { expose } from "../contract.ts";
import { paged } from "../paged.ts";
import { AT_TOP, FLOATS } from "./figure-placement.ts";

/**
 * Once the pages are laid out, Node reads back what the planner of a parallel-text edition
 * needs of one side (`readFlow`, src/parallel/flow.ts): each page's text area and notes,
 * and the body's blocks that hold lines of text, in order, each with a fragment per page
 * it is on and the lines and note calls of that fragment.
 */
export class FlowReadoutHandler extends paged().Handler {
  /** Each element's place in the source: a figure set on a later page than the text after it is read back in its place. */
  private order = new Map<string, number>();

  afterParsed(parsed: DocumentFragment): void {
    for (const el of parsed.querySelectorAll<HTMLElement>("[data-ref]")) this.order.set(el.dataset.ref ?? "", this.order.size);
  }

  afterRendered(): void {
    expose("readFlow", () => readFlow(this.order));
  }
}

function readFlow(order: ReadonlyMap<string, number>): FlowReadout {
  const pages: FlowPageReadout[] = [];
  const blocks: FlowBlockReadout[] = [];
  const byRef = new Map<string, FlowBlockReadout>();
  for (const page of document.querySelectorAll<HTMLElement>(".pagedjs_page")) {
    const number = Number(page.dataset.pageNumber);
    const origin = required(page.querySelector(".pagedjs_pagebox")).getBoundingClientRect().top;
    const y = (px: number) => pt(px - origin);
    const content = required(page.querySelector<HTMLElement>(".pagedjs_page_content"));
    const area = required(page.querySelector(".pagedjs_area")).getBoundingClientRect();
    const noteContent = page.querySelector(".pagedjs_footnote_content");
    pages.push({
      number,
      top: y(area.top),
      bottom: y(area.bottom),
      noteChrome: noteContent ? pt(chromeHeight(getComputedStyle(noteContent))) : 0,
      notes: [...page.querySelectorAll<HTMLElement>(".pagedjs_footnote_area [data-footnote-marker]")].map((note) => {
        const box = note.getBoundingClientRect();
        return {
          ref: note.dataset.footnoteMarker ?? "",
          continued: note.dataset.splitFrom !== undefined,
          top: y(box.top),
          bottom: y(box.bottom),
        };
      }),
    });
    // Paged.js leaves what it moved to the next page in a second column, off the page: only
    // boxes left of the text area's right edge are on this page.
    const right = content.getBoundingClientRect().right - 1;
    const onPage = (rects: DOMRectList) => [...rects].filter((r) => r.left < right);
    for (const el of leaves(content)) {
      const rects = onPage(el.getClientRects());
      const box =
        rects.length > 0
          ? { top: Math.min(...rects.map((r) => r.top)), bottom: Math.max(...rects.map((r) => r.bottom)) }
          : el.getBoundingClientRect();
      const fragment = {
        page: number,
        top: y(box.top),
        bottom: y(box.bottom),
        lines: linesOf(el, onPage).map((l) => ({ top: y(l.top), bottom: y(l.bottom) })),
        calls: [...el.querySelectorAll<HTMLElement>("[data-footnote-call]")].map((call) => {
          const r = call.getBoundingClientRect();
          return { ref: call.dataset.footnoteCall ?? "", top: y(r.top), bottom: y(r.bottom) };
        }),
      };
      const ref = el.dataset.ref ?? "";
      let block = byRef.get(ref);
      if (!block) {
        block = blockOf(el);
        byRef.set(ref, block);
        blocks.push(block);
      }
      block.fragments.push(fragment);
      // Read where the block ends: only there do the boxes it closes end with it.
      if (block.fragments.length > 1) block.marginBottom = pt(collapsedMargin(el, "Bottom"));
      const repeated = repeatedHeight(el);
      if (repeated !== undefined) block.repeat = Math.max(block.repeat ?? 0, pt(repeated));
    }
  }
  // Pages list a block where it was set; the planner sets blocks in the order the source has them.
  // One the source lacks (made while laying out) stays after the block before it.
  let last = -1;
  const places = blocks.map((block, i) => {
    last = order.get(block.ref) ?? last + 1 / (blocks.length + 1);
    return { block, i, place: last };
  });
  const inOrder = places.sort((a, b) => a.place - b.place || a.i - b.i);
  return { pages, blocks: inOrder.map(({ block }) => block), notes: noteSetting() };
}

/** How the notes are set: the properties NoteSplitting reads (note-splitting.ts), and a note's line height. */
function noteSetting(): FlowReadout["notes"] {
  const area = document.querySelector(".pagedjs_area");
  const note = document.querySelector(".pagedjs_footnote_area [data-footnote-marker]");
  if (!area) return undefined;
  const style = getComputedStyle(area);
  const number = (name: string) => Number.parseFloat(style.getPropertyValue(name)) || 0;
  const lineHeight = note ? Number.parseFloat(getComputedStyle(note).lineHeight) : Number.NaN;
  return {
    maxShare: number("--notes-max-share"),
    minLines: number("--note-min-lines"),
    lineHeight: Number.isFinite(lineHeight) ? pt(lineHeight) : 0,
  };
}

function blockOf(el: HTMLElement): FlowBlockReadout {
  const style = getComputedStyle(el);
  const isGap = el.classList.contains("align-gap");
  const isBreak = el.classList.contains("align-break");
  const isFloat = el.matches(FLOATS);
  // A figure moved to a page's top has lost its top margin there; the planner wants the one it has elsewhere.
  const movedToTop = isFloat && el.classList.contains(AT_TOP);
  if (movedToTop) el.classList.remove(AT_TOP);
  const marginTop = pt(collapsedMargin(el, "Top"));
  if (movedToTop) el.classList.add(AT_TOP);
  return {
    ref: el.dataset.ref ?? "",
    ...(isGap ? { gapFor: el.dataset.gapFor ?? "" } : {}),
    ...(isBreak ? { breakFor: el.dataset.gapFor ?? "" } : {}),
    ...(isFloat ? { float: true } : {}),
    lineHeight: pt(Number.parseFloat(style.lineHeight) || 0),
    marginTop,
    marginBottom: pt(collapsedMargin(el, "Bottom")),
    orphans: Number(style.orphans) || 2,
    widows: Number(style.widows) || 2,
    // Paged.js applies break-after: avoid itself, marking the block after.
    avoidBreakBefore: el.dataset.previousBreakAfter === "avoid" || el.dataset.breakBefore === "avoid",
    avoidBreakAfter: el.dataset.breakAfter === "avoid",
    avoidBreakInside: style.breakInside === "avoid" || el.dataset.breakInside === "avoid",
    fragments: [],
  };
}

/**
 * The blocks of the body that hold no other blocks (paragraphs, headings, gaps…), in
 * order. A flex, grid or table box counts as one: its children sit side by side. So does a
 * figure that waits for the next page when it does not fit: it moves whole, its caption
 * with it.
 */
function leaves(content: HTMLElement): HTMLElement[] {
  const found: HTMLElement[] = [];
  const isBlock = (el: HTMLElement) => {
    const display = getComputedStyle(el).display;
    return display !== "none" && display !== "contents" && !display.startsWith("inline") && display !== "ruby";
  };
  const visit = (el: HTMLElement) => {
    if (el.dataset.note === "footnote" || !isBlock(el)) return;
    const whole = /flex|grid|table/.test(getComputedStyle(el).display) || el.matches(FLOATS);
    const children = [...el.children].filter((c): c is HTMLElement => c instanceof HTMLElement && c.dataset.note !== "footnote");
    if (whole || !children.some(isBlock)) {
      if (el.dataset.ref) found.push(el);
    } else for (const child of children) visit(child);
  };
  for (const child of content.children) if (child instanceof HTMLElement) visit(child);
  return found;
}

/**
 * A block's margin on one side, with those of the boxes it opens or closes (a table's
 * wrapper, a list, a quotation), which meet it and collapse with it: the space the block
 * keeps from its neighbour wherever the two are set.
 */
function collapsedMargin(el: HTMLElement, side: "Top" | "Bottom"): number {
  const px = (value: string) => Number.parseFloat(value) || 0;
  let margin = px(getComputedStyle(el)[`margin${side}`]);
  for (
    let node = el, parent = el.parentElement;
    parent && !parent.matches(".pagedjs_page_content");
    node = parent, parent = parent.parentElement
  ) {
    if (edgeChild(parent, side) !== node) break;
    const style = getComputedStyle(parent);
    if (px(style[`padding${side}`]) > 0 || px(style[`border${side}Width`]) > 0 || style.display !== "block") break;
    margin = Math.max(margin, px(style[`margin${side}`]));
  }
  return margin;
}

/** The first (or last) child of an element that is laid out, looked for from that edge only. */
function edgeChild(parent: Element, side: "Top" | "Bottom"): Element | null {
  const step = (el: Element) => (side === "Top" ? el.nextElementSibling : el.previousElementSibling);
  let child = side === "Top" ? parent.firstElementChild : parent.lastElementChild;
  while (child && getComputedStyle(child).display === "none") child = step(child);
  return child;
}

/** What TableBreaks sets again above a table's rows where it goes on (src/render/in-page/handlers/table-breaks.ts). */
const REPEATED = "caption.table-continued, thead[data-repeated]";

/**
 * A table's part on this page that goes on from the page before: the height of its 续表 line
 * and header row. On its first part, what they will take: its header row and a line of its
 * caption. Nothing for any other block.
 */
function repeatedHeight(el: HTMLElement): number | undefined {
  if (!(el instanceof HTMLTableElement) || !el.dataset.continued) return undefined;
  const top = el.getBoundingClientRect().top;
  const firstRow = el.tBodies[0]?.rows[0];
  if (el.querySelector(REPEATED)) return firstRow ? firstRow.getBoundingClientRect().top - top : undefined;
  const caption = el.caption;
  const captionLine = caption
    ? Math.min(caption.getBoundingClientRect().height, Number.parseFloat(getComputedStyle(caption).lineHeight) || 0)
    : 0;
  return (el.tHead?.getBoundingClientRect().height ?? 0) + captionLine;
}

/** The boxes of an element's lines of text on this page, one per line (a line's boxes share its top within 3 px). */
function linesOf(el: HTMLElement, onPage: (rects: DOMRectList) => DOMRect[]): { top: number; bottom: number }[] {
  const lines: { top: number; bottom: number }[] = [];
  const texts = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
    // What a table's part repeats is no line of its own: the planner adds it where the table goes on.
    if (!/\S/.test(node.textContent ?? "") || node.parentElement?.closest(`[data-note='footnote'], ${REPEATED}`)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of onPage(range.getClientRects())) {
      if (r.height < 4) continue;
      const line = lines.find((l) => Math.abs(l.top - r.top) < 3);
      if (line) {
        line.top = Math.min(line.top, r.top);
        line.bottom = Math.max(line.bottom, r.bottom);
      } else lines.push({ top: r.top, bottom: r.bottom });
    }
  }
  return lines.sort((a, b) => a.top - b.top);
}

/** The note area's rule, margins, padding and borders above and below its notes. */
function chromeHeight(style: CSSStyleDeclaration): number {
  return [style.marginTop, style.marginBottom, style.paddingTop, style.paddingBottom, style.borderTopWidth, style.borderBottomWidth].reduce(
    (sum, value) => sum + (Number.parseFloat(value) || 0),
    0,
  );
}

/** CSS px to points, to the hundredth. */
function pt(px: number): number {
  return Math.round(px * 0.75 * 100) / 100;
}

/** Paged.js always makes these elements; one missing is a fault of the page, not of the sources. */
function required<T extends Element>(el: T | null): T {
  if (!el) throw new Error("paiban: a page's boxes were not found in the laid-out pages");
  return el;
}
