// Loaded into the page after Paged.js. paiban calls window.paibanReadLayout() once the
// layout is done, to learn what landed on which page (see src/render/layout.ts).
window.paibanReadLayout = function paibanReadLayout() {
  const pages = [...document.querySelectorAll(".pagedjs_page")];
  const indexOf = (el) => {
    const page = el.closest(".pagedjs_page");
    return page ? Number(page.dataset.pageNumber) : 0;
  };
  return {
    pages: pages.map((page) => {
      const index = Number(page.dataset.pageNumber);
      const area = page.querySelector(".pagedjs_area");
      // Numbers restart on every page, so a note's number is its place in the page's note area.
      const notes = [...page.querySelectorAll(".pagedjs_footnote_area [data-footnote-marker]")].map((note, i) => {
        const call = document.querySelector(`[data-footnote-call="${note.dataset.footnoteMarker}"]`);
        return { number: i + 1, text: note.textContent.trim(), callPage: call ? indexOf(call) : 0 };
      });
      const pageBox = page.querySelector(".pagedjs_pagebox").getBoundingClientRect();
      const areaBox = area.getBoundingClientRect();
      // CSS px to PDF points, measured from the page's top-left corner.
      const pt = (px) => Math.round(px * 0.75 * 100) / 100;
      return {
        index,
        side: page.classList.contains("pagedjs_left_page") ? "left" : "right",
        notes,
        area: {
          left: pt(areaBox.left - pageBox.left),
          top: pt(areaBox.top - pageBox.top),
          right: pt(areaBox.right - pageBox.left),
          bottom: pt(areaBox.bottom - pageBox.top),
        },
      };
    }),
  };
};
