/**
 * Folios as a custom property the margin boxes print (`content: var(--folio)` in
 * styles/page.css), not as CSS counters. A page added to a document whose styles print
 * `counter(page)` makes the browser count the pages again, all of them: at 130 pages, half
 * a second of a layout, growing with the square of the length.
 *
 * The folios follow the page counter's rules all the same: each page steps it by its
 * `--pagedjs-page-counter-increment` (Paged.js's translation of `counter-increment: page N`
 * in an @page rule: the first page's folio, a parallel side's step of 2), from 0.
 */

/** Where a page keeps its folio, for the next page to count on from. */
const FOLIO = "folio";

/** Sets the folio of a page just laid out, counting on from the page before it. */
export function numberFolio(page: HTMLElement): void {
  const before = page.previousElementSibling;
  const previous = before instanceof HTMLElement && before.dataset[FOLIO] !== undefined ? Number(before.dataset[FOLIO]) : 0;
  setFolio(page, previous + increment(page));
}

/** Sets the folio of every page again (the first page's step changed: the document moved to other folios). */
export function numberFolios(pages: HTMLElement[]): void {
  let folio = 0;
  for (const page of pages) {
    folio += increment(page);
    setFolio(page, folio);
  }
}

function increment(page: HTMLElement): number {
  const step = Number.parseInt(getComputedStyle(page).getPropertyValue("--pagedjs-page-counter-increment"), 10);
  return Number.isNaN(step) ? 1 : step;
}

function setFolio(page: HTMLElement, folio: number): void {
  if (page.dataset[FOLIO] === String(folio)) return;
  page.dataset[FOLIO] = String(folio);
  page.style.setProperty("--folio", `"${folio}"`);
}
