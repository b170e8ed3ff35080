// Loaded into the page after Paged.js. paiban calls window.paibanReadLayout() once the
// layout is done, to learn what landed on which page (see src/render/layout.ts).
window.paibanReadLayout = function paibanReadLayout() {
  const pages = [...document.querySelectorAll(".pagedjs_page")];
  const indexOf = (el) => {
    const page = el.closest(".pagedjs_page");
    return page ? Number(page.dataset.pageNumber) : 0;
  };
  // CSS px to PDF points, measured from the page's top-left corner.
  const pt = (px) => Math.round(px * 0.75 * 100) / 100;
  const boxOn = (el) => {
    const pageBox = el.closest(".pagedjs_page").querySelector(".pagedjs_pagebox").getBoundingClientRect();
    const box = el.getBoundingClientRect();
    return {
      left: pt(box.left - pageBox.left),
      top: pt(box.top - pageBox.top),
      right: pt(box.right - pageBox.left),
      bottom: pt(box.bottom - pageBox.top),
    };
  };
  return {
    // Entries that lead to another document's page (contents, ABSTRACTS): linked after merging.
    links: [...document.querySelectorAll(".pagedjs_page [data-goto]")].map((el) => ({
      page: indexOf(el),
      target: el.dataset.goto,
      area: boxOn(el),
    })),
    // Where each alignment unit starts (its first fragment: a continuation carries data-split-from).
    anchors: [...document.querySelectorAll(".pagedjs_page [data-align]:not([data-split-from])")].map((el) => ({
      id: el.dataset.align,
      page: indexOf(el),
      top: boxOn(el).top,
    })),
    pages: pages.map((page) => {
      const index = Number(page.dataset.pageNumber);
      const area = page.querySelector(".pagedjs_area");
      // Numbers restart on every page, so a note's number is its place in the page's note area.
      const notes = [...page.querySelectorAll(".pagedjs_footnote_area [data-footnote-marker]")].map((note, i) => {
        const call = document.querySelector(`[data-footnote-call="${note.dataset.footnoteMarker}"]`);
        return { number: i + 1, text: note.textContent.trim(), callPage: call ? indexOf(call) : 0 };
      });
      return {
        index,
        side: page.classList.contains("pagedjs_left_page") ? "left" : "right",
        notes,
        area: boxOn(area),
      };
    }),
  };
};
