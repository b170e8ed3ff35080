// Loaded into the page after Paged.js, before it lays out anything.
// Fontsource splits each face into unicode-range slices that load only when a glyph is
// first drawn; Paged.js measures text as it paginates, so a slice arriving late would
// change line breaks after pages were cut. Load every slice this document needs first.
window.PagedConfig = window.PagedConfig || {};
window.PagedConfig.before = async function loadFontsBeforeLayout() {
  const text = document.body.textContent || "";
  const faces = new Set();
  for (const face of document.fonts) faces.add(`${face.style} ${face.weight} 16px "${face.family.replace(/"/g, "")}"`);
  await Promise.all([...faces].map((font) => document.fonts.load(font, text).catch(() => [])));
  await document.fonts.ready;
};
