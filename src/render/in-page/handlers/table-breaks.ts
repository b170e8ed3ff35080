import type { LayoutProblem } from "../../layout.ts";
import { paged, type PagedPage } from "../paged.ts";

/**
 * Tables as a journal breaks them across pages:
 * - between rows only: Paged.js would keep a row that runs past the page's foot (cut off, or
 *   flowed out of sight into the next column) and break after it;
 * - never leaving the caption and header (and first row) alone at a page's foot, nor the
 *   table's notes alone at the top of the next;
 * - each continuation opens with 续表N (Table N (continued)) and the header row again; the
 *   rules are the table's own backgrounds, so every part has them (styles/figures.css);
 * - a table wider than the text is set smaller, step by step down to the smallest size
 *   styles/figures.css allows; its columns keep the widths the whole table gives them in
 *   every part.
 * What cannot be done (a row taller than a page, a table too wide even at the smallest
 * size) is recorded with the source line in `layoutProblems`, which the layout readout
 * gives to the build to report as an error.
 */
export class TableBreaks extends paged().Handler {
  private measured = false;

  /**
   * Before the first page is laid out, every row is measured where it will be set (a copy of
   * each table in copies of its containers, on the page): a row taller than the room a page
   * gives it (under the caption and the header) cannot be set, and Paged.js would lose text
   * trying.
   */
  beforePageLayout(page: PagedPage): void {
    if (this.measured || !page.area) return;
    this.measured = true;
    const source = (this.chunker as { source?: DocumentFragment }).source;
    for (const wrap of source?.querySelectorAll<HTMLElement>(".table-wrap") ?? []) measureRows(wrap, page.area);
  }

  renderNode(clone: Node, node: Node): void {
    if (!(clone instanceof HTMLElement) || !(node instanceof HTMLElement)) return;
    if (clone.matches(".table-wrap") && !clone.dataset.splitFrom) fitWidth(clone, node);
    if (clone.tagName === "TR" && clone.parentElement?.tagName === "TBODY") repeatHeader(clone, node);
  }

  onOverflow(overflow: Range | undefined, rendered: HTMLElement, bounds: DOMRect): Range | undefined {
    let start = overflow && startElement(overflow);
    // A row Paged.js would keep although it runs past the foot: break before it. The table's
    // bottom rule comes after the last row kept, so that row must leave room for it. (Paged.js
    // finds no overflow at all when a row is taller than the page: nothing in it starts below the foot.)
    const cut = [...rendered.querySelectorAll<HTMLElement>(".table-wrap tbody tr")].find((tr) => {
      const box = tr.getBoundingClientRect();
      return box.bottom + bottomRule() > bounds.bottom || box.left >= bounds.right - 0.5;
    });
    if (cut && (!start || cut.contains(start) || cut.compareDocumentPosition(start) & Node.DOCUMENT_POSITION_FOLLOWING)) start = cut;
    const wrap = start?.closest<HTMLElement>(".table-wrap");
    if (!start || !wrap || !rendered.contains(wrap)) return undefined;
    const row = start.closest<HTMLElement>("tbody tr");
    const rows = [...wrap.querySelectorAll<HTMLElement>("tbody tr")];
    const atTop = isFirstOnPage(wrap, rendered);
    // The whole table is past the foot (Paged.js found the overflow at its wrapper: so it does
    // when a forced break comes right after the table): it starts on the next page.
    const table = wrap.querySelector("table");
    if (table && (start === wrap || start.contains(table))) return atTop ? undefined : rangeFrom(wrap, rendered);
    // The table's notes would open the next page alone: take the last row with them.
    if (!start.closest("table")) {
      const last = rows[rows.length - 1];
      if (last && (rows.length >= 2 || wrap.dataset.splitFrom)) return rangeFrom(last, rendered);
      return atTop ? undefined : rangeFrom(wrap, rendered);
    }
    // Inside the caption or the header: the table starts on the next page.
    if (!row) return atTop ? undefined : rangeFrom(wrap, rendered);
    if (row !== rows[0]) return rangeFrom(row, rendered);
    // The first row on the page does not fit: with the caption and header on the next page,
    // unless this already is the top of a page (a row taller than a page: see measureRows).
    return atTop ? undefined : rangeFrom(wrap, rendered);
  }
}

/** Reports the rows of a table taller than a page's content area leaves them (under the repeated caption and header). */
function measureRows(wrap: HTMLElement, area: HTMLElement): void {
  let copy = detachedCopy(wrap);
  for (let ancestor = wrap.parentElement; ancestor; ancestor = ancestor.parentElement) {
    const shell = ancestor.cloneNode(false) as HTMLElement;
    shell.removeAttribute("id");
    shell.removeAttribute("data-ref");
    shell.append(copy);
    copy = shell;
  }
  const probe = document.createElement("div");
  probe.style.cssText = "position: absolute; visibility: hidden; left: 0; top: 0; width: 100%";
  probe.append(copy);
  area.append(probe);
  try {
    const table = probe.querySelector("table");
    const room = area.getBoundingClientRect().height;
    const head = (table?.tHead?.getBoundingClientRect().height ?? 0) + (table?.caption?.getBoundingClientRect().height ?? 0);
    const rows = [...probe.querySelectorAll<HTMLElement>("tbody tr")];
    const sources = [...wrap.querySelectorAll<HTMLElement>("tbody tr")];
    rows.forEach((row, i) => {
      const source = sources[i];
      if (source && row.getBoundingClientRect().height + head + 2 * bottomRule() > room) {
        report("row-too-tall", source, "a table row is taller than a page");
      }
    });
  } finally {
    probe.remove();
  }
}

function detachedCopy(element: HTMLElement): HTMLElement {
  const copy = element.cloneNode(true) as HTMLElement;
  for (const el of [copy, ...copy.querySelectorAll("[data-ref]")]) el.removeAttribute("data-ref");
  return copy;
}

/** What the page could not lay out as the sources ask (read back with the layout). */
export const layoutProblems: LayoutProblem[] = [];

/** Room the bottom rule takes under the last row, in CSS px, and a pixel for the browser's rounding. */
function bottomRule(): number {
  return (Number.parseFloat(getComputedStyle(document.documentElement).getPropertyValue("--rule-thick")) || 1.2) * (4 / 3) + 1;
}

/** The element where an overflow range starts. */
function startElement(range: Range): HTMLElement | undefined {
  const container = range.startContainer;
  if (!(container instanceof HTMLElement)) return container.parentElement ?? undefined;
  const child = container.childNodes[range.startOffset];
  return child instanceof HTMLElement ? child : container;
}

function rangeFrom(element: Element, rendered: HTMLElement): Range {
  const range = document.createRange();
  range.setStartBefore(element);
  range.setEndAfter(rendered.lastChild ?? element);
  return range;
}

/** Nothing with content comes before the element on its page. */
function isFirstOnPage(element: Element, rendered: HTMLElement): boolean {
  const range = document.createRange();
  range.setStart(rendered, 0);
  range.setEndBefore(element);
  const before = range.cloneContents();
  return (before.textContent ?? "").trim() === "" && !before.querySelector("img, svg, table");
}

/** On a continued table's first row: the 续表N line and the header row, before the row. */
function repeatHeader(clone: HTMLElement, node: HTMLElement): void {
  const table = clone.closest("table");
  const source = node.closest("table");
  if (!table?.dataset.splitFrom || table.querySelector("thead") || !source?.tHead) return;
  const caption = document.createElement("caption");
  caption.className = "table-continued";
  caption.textContent = source.dataset.continued ?? "";
  const head = detachedCopy(source.tHead);
  head.setAttribute("data-repeated", "");
  const columns = source.querySelector("colgroup");
  table.prepend(caption, ...(columns ? [detachedCopy(columns as HTMLElement)] : []), head);
}

/**
 * A table wider than its column is set a step smaller until it fits, measured on a copy in
 * its place on the page; the size chosen is kept on the source, so continuations have it too.
 */
function fitWidth(clone: HTMLElement, node: HTMLElement): void {
  const table = node.querySelector("table");
  if (node.dataset.tableSize || !table) return;
  const styles = getComputedStyle(document.documentElement);
  const smallest = Number.parseFloat(styles.getPropertyValue("--table-min-size")) || 7.5;
  const step = Number.parseFloat(styles.getPropertyValue("--table-size-step")) || 0.5;
  const copy = detachedCopy(table);
  clone.appendChild(copy);
  const room = clone.getBoundingClientRect().width;
  let size = Number.parseFloat(getComputedStyle(copy).fontSize) * 0.75;
  const tooWide = () => copy.getBoundingClientRect().width > room + 0.5;
  while (tooWide() && size - step >= smallest - 0.01) {
    size -= step;
    copy.style.setProperty("--table-size", `${size}pt`);
  }
  const fits = !tooWide();
  // The columns as the whole table sets them, for every part: a continued table lines up
  // with its first part (each part is a table of its own, and would size its columns anew).
  const cells = [...(copy.querySelector("tr")?.children ?? [])];
  const total = copy.getBoundingClientRect().width;
  copy.remove();
  const columns = document.createElement("colgroup");
  cells.forEach((cell, i) => {
    const col = document.createElement("col");
    col.style.width = `${((100 * cell.getBoundingClientRect().width) / total).toFixed(3)}%`;
    col.dataset.ref = `${node.dataset.ref ?? "table"}-col${i}`;
    columns.append(col);
  });
  columns.dataset.ref = `${node.dataset.ref ?? "table"}-cols`;
  table.tHead ? table.insertBefore(columns, table.tHead) : table.prepend(columns);
  table.style.tableLayout = "fixed";
  node.dataset.tableSize = String(size);
  for (const el of [node, clone]) el.style.setProperty("--table-size", `${size}pt`);
  if (!fits) report("table-too-wide", clone, `the table is wider than the text even at ${size} pt`);
}

/** A problem at the source line of `element` (a row or a table), in the language of the part it is in. */
function report(kind: LayoutProblem["kind"], element: HTMLElement, message: string): void {
  const line = Number(element.dataset.line);
  const lang = element.closest("[lang]")?.getAttribute("lang") === "en" ? "en" : "zh";
  if (layoutProblems.some((p) => p.kind === kind && p.line === line && p.lang === lang)) return;
  layoutProblems.push({ kind, lang, line, message });
}
