/*
 * The mark of a note, as the pages print it: [n] at the call, raised, and [n] at the head
 * of the note, with n counted afresh on every page. The page sets it (styles/notes.css:
 * `::footnote-call`, `::footnote-marker`; styles/page.css resets the counter on each
 * page); the preflight reads it back with these.
 */

/** The mark of the n-th note of a page. */
export const noteMark = (n: number): string => `[${n}]`;

/** Every mark in a text, its number captured. */
export const NOTE_MARKS = /\[(\d+)\]/g;

/** A mark at the start of a line (a note's first line, or a call that a line break left there), its number captured. */
export const LEADING_NOTE_MARK = /^\s*\[(\d+)\]/;
