// Loaded into the page after Paged.js. Paged.js makes page 1 a right-hand page; an article
// that begins on an even folio begins on a left-hand page (a verso). Every page's side is
// flipped before it is laid out, so the :left/:right margins and running heads follow the
// folio (later than beforePageLayout, the page is already laid out at the other side's margins).
class FirstPageSide extends Paged.Handler {
  beforePageLayout(page) {
    if (document.documentElement.dataset.firstPageSide !== "left") return;
    const left = page.element.classList.contains("pagedjs_left_page");
    page.element.classList.toggle("pagedjs_left_page", !left);
    page.element.classList.toggle("pagedjs_right_page", left);
  }
}
Paged.registerHandlers(FirstPageSide);
