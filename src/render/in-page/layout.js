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
  const pageBoxOf = (el) => el.closest(".pagedjs_page").querySelector(".pagedjs_pagebox").getBoundingClientRect();
  // The box of the first line of text in an element, if it has any.
  const firstLine = (el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (/\S/.test(node.textContent || "") ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
    });
    const text = walker.nextNode();
    if (!text) return undefined;
    const range = document.createRange();
    range.selectNodeContents(text);
    return range.getClientRects()[0];
  };
  const boxOn = (el) => {
    const pageBox = pageBoxOf(el);
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
    // Where each alignment unit's first line of text is: in its first fragment, or in the
    // continuation on a later page when the first fragment kept no text (a continuation
    // carries data-split-from with the first fragment's data-ref).
    anchors: [...document.querySelectorAll(".pagedjs_page [data-align]:not([data-split-from])")].map((el) => {
      const fragments = [el, ...document.querySelectorAll(`[data-split-from="${CSS.escape(el.dataset.ref || "")}"]`)];
      for (const fragment of fragments) {
        const line = firstLine(fragment);
        if (line) return { id: el.dataset.align, page: indexOf(fragment), top: pt(line.top - pageBoxOf(fragment).top) };
      }
      return { id: el.dataset.align, page: indexOf(el), top: boxOn(el).top };
    }),
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

// Text known only once the pages are: paiban fills elements marked data-fill after layout,
// before printing (the 文章编号 states the page count). Values keep their width (digits),
// so no line moves.
window.paibanFill = function paibanFill(values) {
  for (const el of document.querySelectorAll(".pagedjs_page [data-fill]")) {
    const value = values[el.dataset.fill];
    if (value !== undefined) el.textContent = value;
  }
};

// Moves the laid-out pages to start at another folio without laying them out again: the
// page counter of the first page (Paged.js increments it by --pagedjs-page-counter-increment)
// and the side of every page (an odd folio is a right-hand page). The lines stay as they
// are: both sides' text blocks are equally wide.
window.paibanRelocate = function paibanRelocate(firstFolio) {
  const pages = [...document.querySelectorAll(".pagedjs_page")];
  pages[0]?.style.setProperty("--pagedjs-page-counter-increment", String(firstFolio));
  pages.forEach((page, i) => {
    const left = (firstFolio + i) % 2 === 0;
    page.classList.toggle("pagedjs_left_page", left);
    page.classList.toggle("pagedjs_right_page", !left);
  });
};
