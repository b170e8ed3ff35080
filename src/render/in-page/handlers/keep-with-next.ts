import { paged } from "../paged.ts";

/** Lines of what follows that an element kept with it must have on its page. */
const KEEP_LINES = 2;

/**
 * An element styled `break-after: avoid` (headings, titles) keeps at least two lines of
 * what follows it on its page; where the page would break sooner, the break moves up to
 * before the element, and before any element kept with it in turn (a 二级 heading right
 * above a 三级 one).
 *
 * Paged.js takes `break-after` out of the styles and marks the element
 * `data-break-after="avoid"` instead. It honours the mark only when the whole next block
 * overflows, and moves just the one element before it: a heading followed by one line of
 * its section, or two headings in a row, were left at a page's foot.
 */
export class KeepWithNext extends paged().Handler {
  onOverflow(overflow: Range | undefined, rendered: HTMLElement, bounds: DOMRect): Range | undefined {
    if (!overflow) return undefined;
    let point: BoundaryPoint = { node: overflow.startContainer, offset: overflow.startOffset };
    let moved = false;
    for (;;) {
      const kept = keptElementBefore(point, rendered);
      if (!kept || linesBetween(kept, point, bounds) >= KEEP_LINES || !hasTextBefore(kept, rendered)) break;
      point = pointBefore(kept);
      moved = true;
    }
    if (!moved) return undefined;
    const range = document.createRange();
    range.setStart(point.node, point.offset);
    range.setEnd(overflow.endContainer, overflow.endOffset);
    return range;
  }
}

interface BoundaryPoint {
  node: Node;
  offset: number;
}

function pointBefore(node: Node): BoundaryPoint {
  const parent = node.parentNode as Node;
  return { node: parent, offset: Array.prototype.indexOf.call(parent.childNodes, node) };
}

/** The last element marked to keep with what follows that starts before the point (it may hold the point: a heading cut in two). */
function keptElementBefore(point: BoundaryPoint, rendered: HTMLElement): Element | undefined {
  const at = document.createRange();
  at.setStart(point.node, point.offset);
  const marked = rendered.querySelectorAll('[data-break-after="avoid"]');
  for (let i = marked.length - 1; i >= 0; i--) {
    const element = marked[i] as Element;
    const range = document.createRange();
    range.selectNode(element);
    if (at.compareBoundaryPoints(Range.START_TO_START, range) > 0) return element;
  }
  return undefined;
}

/** Lines laid out between the end of `element` and the point, on this page (or 0 when the point is inside the element). */
function linesBetween(element: Element, point: BoundaryPoint, bounds: DOMRect): number {
  const range = document.createRange();
  range.setStartAfter(element);
  if (range.comparePoint(point.node, point.offset) < 0) return 0;
  range.setEnd(point.node, point.offset);
  // An image or table under a heading keeps it company as well as lines of text do.
  const container = range.commonAncestorContainer;
  if (container instanceof Element && [...container.querySelectorAll("img, svg, table")].some((e) => range.intersectsNode(e))) {
    return KEEP_LINES;
  }
  const boxes: DOMRect[] = [];
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!range.intersectsNode(node) || !/\S/.test(node.textContent ?? "")) continue;
    const part = document.createRange();
    part.selectNodeContents(node);
    if (node === range.startContainer) part.setStart(node, range.startOffset);
    if (node === range.endContainer) part.setEnd(node, range.endOffset);
    for (const box of part.getClientRects()) {
      // Boxes past the page's right edge are in the columns Paged.js lays the overflow into.
      if (box.width > 0 && box.height > 0 && box.left < bounds.right) boxes.push(box);
    }
  }
  return countLines(boxes);
}

/** Boxes that overlap vertically are on one line (a raised note call rides on its line). */
function countLines(boxes: DOMRect[]): number {
  let lines = 0;
  let bottom = Number.NEGATIVE_INFINITY;
  for (const box of [...boxes].sort((a, b) => a.top - b.top)) {
    if (box.top >= bottom - 1) {
      lines++;
      bottom = box.bottom;
    } else bottom = Math.max(bottom, box.bottom);
  }
  return lines;
}

/** Whether the page holds text before the element: else moving the break there would leave the page empty. */
function hasTextBefore(element: Element, rendered: HTMLElement): boolean {
  const range = document.createRange();
  range.setStart(rendered, 0);
  range.setEndBefore(element);
  return /\S/.test(range.toString());
}
