import { paged, type PagedChunker, type PagedPage } from "../paged.ts";

/** The figures that wait for the next page when they do not fit (a table breaks over pages instead). */
export const FLOATS = "figure.figure";
/** The class of a figure moved to the top of the next page (styles/figures.css drops its top margin). */
export const AT_TOP = "figure-at-top";

/**
 * A figure that does not fit in the room left on its page goes to the top of the next
 * page, and the text after it fills the room, as a journal sets it (LaTeX's [tp]). Paged.js
 * itself has no such floats: it would break the page before the figure and leave the room
 * empty.
 *
 * How: when Paged.js is about to lay out a figure (`layoutNode`), a copy is measured where
 * it would go. If it does not fit, the figure is emptied in the source for now, so Paged.js
 * passes over it and goes on with the text after it; at the first node of the next page
 * (`renderNode`) the figure is put back and a copy set at the top of that page. Figures keep
 * their order. A waiting figure never passes the end of its container (the body it belongs
 * to) nor, in a parallel-text edition, the start of the next alignment unit (the document's
 * `data-figure-barriers` selector): there the page is broken so that the figure comes first
 * on the next one.
 */
export class FigurePlacement extends paged().Handler {
  /** Source figures waiting for the next page, in order, with the children taken out of them. */
  private waiting: Waiting[] = [];
  /** Figures to set at the top of the page being laid out. */
  private due: Waiting[] = [];
  /** A node given a page break so that the waiting figures come before it. */
  private barrier: HTMLElement | undefined;

  afterParsed(parsed: DocumentFragment): void {
    // Something right after the last figure's container, so that a figure still waiting at the
    // end of the document is set before it ends. Right after, not at the document's end: an
    // element outside the part that holds the figure (the English part, set on pages of its
    // own name) would open a page of its own, blank.
    const last = [...parsed.querySelectorAll(FLOATS)].at(-1);
    if (!last) return;
    const end = document.createElement("div");
    end.className = "figure-flush";
    end.setAttribute("data-ref", "figure-flush");
    const container = last.parentNode;
    if (container instanceof Element) container.after(end);
    else parsed.appendChild(end);
  }

  beforePageLayout(_page: PagedPage, _contents: unknown, breakToken?: { node?: Node }): void {
    if (this.barrier) {
      delete this.barrier.dataset.breakBefore;
      this.barrier = undefined;
    }
    // Paged.js lays out past the page's foot before it finds where to break, then takes the
    // overflow off: a figure it passed over there comes again on the next page, in its place.
    // A blank page (before a recto) takes none: they wait for the next page with content.
    const waiting = [...this.due, ...this.waiting];
    this.due = [];
    this.waiting = [];
    for (const entry of waiting) {
      if (breakToken?.node && comesAfter(entry.figure, breakToken.node)) entry.figure.append(...entry.children);
      else this.due.push(entry);
    }
  }

  layoutNode(node: Node): void {
    if (!(node instanceof HTMLElement)) return;
    if (this.waiting.length > 0 && this.passesWaiting(node)) {
      // Break here: the next page opens with the waiting figures, then this node.
      if (!node.dataset.breakBefore) {
        node.dataset.breakBefore = "page";
        this.barrier = node;
      }
      return;
    }
    if (!node.matches(FLOATS)) return;
    if (this.waiting.length > 0 || !this.fitsHere(node)) this.wait(node);
  }

  renderNode(clone: Node, node: Node): void {
    if (this.due.length > 0) this.setDue(clone);
    // The emptied figure Paged.js just passed over: nothing of it goes on this page.
    if (clone instanceof HTMLElement && this.waiting.some((w) => w.figure === node)) {
      const wrapper = clone.closest<HTMLElement & { indexOfRefs?: Record<string, Element> }>(".pagedjs_page_content > div");
      if (wrapper?.indexOfRefs && node instanceof HTMLElement) delete wrapper.indexOfRefs[node.dataset.ref ?? ""];
      clone.remove();
    }
    if (clone instanceof HTMLElement && clone.dataset.ref !== undefined && clone.dataset.ref === this.barrier?.dataset.ref) {
      delete clone.dataset.breakBefore;
    }
  }

  /** Whether the node lies past where the waiting figures may go. */
  private passesWaiting(node: HTMLElement): boolean {
    const container = this.waiting[0]?.figure.parentNode;
    if (container && !container.contains(node)) return true;
    const barriers = document.documentElement.dataset.figureBarriers;
    return Boolean(barriers && node.matches(barriers));
  }

  /** Whether the figure fits in the room left on the current page, measured on a copy set where it would go. */
  private fitsHere(figure: HTMLElement): boolean {
    const chunker = this.chunker as PagedChunker;
    const page = chunker.pages[chunker.pages.length - 1];
    const ref = (figure.parentNode as HTMLElement | null)?.dataset?.ref ?? "";
    const parent = page?.wrapper?.querySelector(`[data-ref="${CSS.escape(ref)}"]`);
    // Nothing of its container on this page yet: the figure opens the page.
    if (!parent || !page?.area) return true;
    const copy = detachedCopy(figure);
    parent.appendChild(copy);
    const fits = fitsIn(copy, page.area);
    copy.remove();
    return fits;
  }

  private wait(figure: HTMLElement): void {
    const children = [...figure.childNodes];
    for (const child of children) child.remove();
    this.waiting.push({ figure, children });
  }

  /** Sets the figures due on this page at its top, as long as they fit; the others wait again. */
  private setDue(firstClone: Node): void {
    const element = firstClone instanceof Element ? firstClone : firstClone.parentElement;
    const wrapper = element?.closest<HTMLElement>(".pagedjs_page_content > div");
    const area = wrapper?.closest<HTMLElement>(".pagedjs_page_content");
    if (!wrapper || !area) return;
    const due = this.due;
    this.due = [];
    for (const [i, entry] of due.entries()) {
      entry.figure.append(...entry.children);
      const placed = entry.figure.cloneNode(true) as HTMLElement;
      placed.classList.add(AT_TOP);
      const chain = openAtTop(wrapper, entry.figure.parentNode as HTMLElement, placed);
      if (i > 0 && !fitsIn(placed, area)) {
        chain.remove();
        for (const rest of due.slice(i)) {
          if (rest !== entry) rest.figure.append(...rest.children);
          this.wait(rest.figure);
        }
        return;
      }
    }
  }
}

interface Waiting {
  figure: HTMLElement;
  children: ChildNode[];
}

/** Whether `element` comes at or after `node` in the document (the next page starts at `node`). */
function comesAfter(element: Element, node: Node): boolean {
  if (element === node || element.contains(node)) return true;
  return Boolean(node.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING);
}

/** A copy of the source element with no data-ref, so that Paged.js's lookups never find it. */
function detachedCopy(element: HTMLElement): HTMLElement {
  const copy = element.cloneNode(true) as HTMLElement;
  for (const el of [copy, ...copy.querySelectorAll("[data-ref]")]) el.removeAttribute("data-ref");
  return copy;
}

/** The page's content area holds the element: not past its foot, nor flowed into the next column. */
function fitsIn(element: Element, area: Element): boolean {
  const box = element.getBoundingClientRect();
  const room = area.getBoundingClientRect();
  return box.bottom <= room.bottom + 0.5 && box.right <= room.right + 0.5;
}

/**
 * Puts `element` first on the page inside the copy of `container`; when the page holds no
 * copy of it yet (the page opens after it ended), copies of the missing ancestors are
 * made, as Paged.js makes them for content continued from a page before.
 */
function openAtTop(wrapper: HTMLElement, container: HTMLElement, element: HTMLElement): HTMLElement {
  const find = (el: HTMLElement | null) =>
    el?.dataset?.ref ? wrapper.querySelector<HTMLElement>(`[data-ref="${CSS.escape(el.dataset.ref)}"]`) : null;
  let host = find(container);
  let inner = element;
  let ancestor: HTMLElement | null = container;
  while (!host && ancestor?.dataset?.ref) {
    const copy = ancestor.cloneNode(false) as HTMLElement;
    copy.setAttribute("data-split-from", ancestor.dataset.ref);
    copy.removeAttribute("id");
    copy.append(inner);
    inner = copy;
    ancestor = ancestor.parentElement;
    host = find(ancestor);
  }
  const into = host ?? wrapper;
  into.insertBefore(inner, into.firstChild);
  return inner;
}
