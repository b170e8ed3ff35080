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
 * Numbers a call just set, and its note: its place among the calls of its page's body, in
 * the text's order, as the counter that numbered them did. `note` is the one in the note area.
 */
export function numberCall(call: HTMLElement, note: HTMLElement, pageArea: HTMLElement): void {
  // Paged.js's own stylesheet steps a counter on every call: it would cost the recount still.
  call.style.counterIncrement = "none";
  const calls = [...pageArea.querySelectorAll<HTMLElement>(".pagedjs_page_content [data-footnote-call]")];
  const number = String(calls.indexOf(call) + 1);
  call.dataset[NUMBER] = number;
  note.dataset[NUMBER] = number;
}

/** The note as set in the note area: its counter is not stepped either (its mark prints the number). */
export function uncounted(note: HTMLElement): void {
  note.style.counterIncrement = "none";
}

/**
 * Once a page is laid out, its calls in order, each with the number of its place, and their
 * notes with the same: a call set before another in the text (a figure's caption moved up
 * to wait for room, say) is numbered again. Nothing changes where the numbers stand.
 */
export function renumberPage(pageArea: HTMLElement): void {
  const calls = pageArea.querySelectorAll<HTMLElement>(".pagedjs_page_content [data-footnote-call]");
  calls.forEach((call, i) => {
    const number = String(i + 1);
    if (call.dataset[NUMBER] !== number) call.dataset[NUMBER] = number;
    const ref = CSS.escape(call.dataset.footnoteCall ?? "");
    for (const note of pageArea.querySelectorAll<HTMLElement>(`.pagedjs_footnote_area [data-ref="${ref}"]:not([data-split-from])`))
      if (note.dataset[NUMBER] !== number) note.dataset[NUMBER] = number;
  });
}
