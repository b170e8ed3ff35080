import { paged, type PagedPage } from "../paged.ts";

/**
 * A document that goes on from another's last page (an article's English part laid out
 * apart from its Chinese part, src/typeset/article.ts) says so on its <html> element with
 * the folio it starts at: `data-continues="17"`. Its first page is then no opening page:
 * not Paged.js's first page (the styles' `@page :first` takes the running heads off an
 * article's first page and counts its folio from the first), but a page like the others,
 * counted from that folio.
 */
export class Continuation extends paged().Handler {
  beforePageLayout(page: PagedPage): void {
    const firstFolio = document.documentElement.dataset.continues;
    if (firstFolio === undefined || !page.element.classList.contains("pagedjs_first_page")) return;
    page.element.classList.remove("pagedjs_first_page");
    // What @page :first would have set (page-setup.hbs), and Relocate sets when the folio moves.
    page.element.style.setProperty("--pagedjs-page-counter-increment", firstFolio);
  }
}
