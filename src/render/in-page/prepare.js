// Loaded into the page after Paged.js; runs once, before Paged.js lays anything out.
window.PagedConfig = window.PagedConfig || {};
window.PagedConfig.before = async function prepareForLayout() {
  if (window.paibanApplyAlignment) window.paibanApplyAlignment();
  giveStableRefs();
  await loadFontsBeforeLayout();
};

// Paged.js tags every element with a random data-ref, and note ids (which become the PDF's
// link destinations) are made from it: numbering them in document order keeps the bytes of
// two builds of the same sources identical. Paged.js keeps refs that are already there.
function giveStableRefs() {
  let n = 0;
  for (const el of document.body.querySelectorAll("*")) {
    if (!el.hasAttribute("data-ref")) el.setAttribute("data-ref", `r${(n++).toString(36)}`);
  }
}

// Fontsource splits each face into unicode-range slices that load only when a glyph is
// first drawn; Paged.js measures text as it paginates, so a slice arriving late would
// change line breaks after pages were cut. Load every slice this document needs first.
async function loadFontsBeforeLayout() {
  const text = document.body.textContent || "";
  const faces = new Set();
  for (const face of document.fonts) faces.add(`${face.style} ${face.weight} 16px "${face.family.replace(/"/g, "")}"`);
  await Promise.all([...faces].map((font) => document.fonts.load(font, text).catch(() => [])));
  await document.fonts.ready;
}
