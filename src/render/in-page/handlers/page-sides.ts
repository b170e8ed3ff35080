import { paged, type PagedPage } from "../paged.ts";

/**
 * Paged.js makes page 1 a right-hand page and alternates. The document says otherwise on
 * its <html> element (src/compose: the side follows the first folio's parity):
 * - `data-first-page-side="left"`: an article that begins on an even folio begins on a
 *   left-hand page (a verso), so every page's side is flipped;
 * - `data-page-side="left" | "right"`: one side of a facing-pages edition, every page on that side.
 * Done before each page is laid out, so the :left/:right margins and running heads follow
 * (later, the page is already laid out at the other side's margins).
 */
export class PageSides extends paged().Handler {
  beforePageLayout(page: PagedPage): void {
    const { firstPageSide, pageSide } = document.documentElement.dataset;
    const isLeft = page.element.classList.contains("pagedjs_left_page");
    const left = pageSide ? pageSide === "left" : firstPageSide === "left" ? !isLeft : isLeft;
    page.element.classList.toggle("pagedjs_left_page", left);
    page.element.classList.toggle("pagedjs_right_page", !left);
  }
}
