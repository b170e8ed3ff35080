/**
 * Note numbers, [1], [2]… afresh on every page, as attributes the styles print
 * (`attr(data-note-number)` in styles/notes.css) rather than CSS counters. A counter makes
 * the browser count every counter of the document again whenever an element that steps
 * one is inserted: a call set while Paged.js lays out page 150 recounted 150 pages, and a
 * long document's layout went mostly on that.
 */

/** Where the number is kept, on a call and on its note. */
const NUMBER = "noteNumber";

/**
 * Numbers the calls of a page's body in the text's order, each with its place among them,
 * as the counter did, and each call's note in the note area with the same. Run as each call
 * is set (its note already in the note area), and once the page is laid out: a call set
 * before another in the text (a figure's caption moved up to wait for room, say) is
 * numbered again. Nothing is written where the numbers already stand.
 */
export function numberNotes(pageArea: HTMLElement): void {
  const calls = pageArea.querySelectorAll<HTMLElement>(".pagedjs_page_content [data-footnote-call]");
  calls.forEach((call, i) => {
    const ref = CSS.escape(call.dataset.footnoteCall ?? "");
    const notes = pageArea.querySelectorAll<HTMLElement>(`.pagedjs_footnote_area [data-ref="${ref}"]:not([data-split-from])`);
    for (const element of [call, ...notes]) {
      // Paged.js's own stylesheet steps a counter on every call and note: it would cost the recount still.
      if (element.style.counterIncrement !== "none") element.style.counterIncrement = "none";
      if (element.dataset[NUMBER] !== String(i + 1)) element.dataset[NUMBER] = String(i + 1);
    }
  });
}
