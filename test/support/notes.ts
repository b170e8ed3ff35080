import { expect } from "vitest";
import { AREA, NOTE_SIZE } from "./build.ts";
import type { PdfFile, PdfPage, TextRun } from "./pdf.ts";

const near = (a: number, b: number, tolerance = 0.6) => Math.abs(a - b) <= tolerance;
/** How far a note's lines stand in from the margin, its mark in the hang (styles/notes.css: --note-hang). */
const NOTE_HANG = 2.25 * NOTE_SIZE;

/** Notes as printed: a line `[n] …` in note type, continued by the note-sized lines after it. */
export function notesOn(page: PdfPage, areaBottom: number): { number: number; text: string; top: number }[] {
  const notes: { number: number; text: string; top: number }[] = [];
  for (const line of page.lines) {
    if (!near(line.size, NOTE_SIZE, 0.3) || line.top > areaBottom + 1) continue;
    const start = /^\[(\d+)\]/.exec(line.text);
    const last = notes[notes.length - 1];
    if (start) notes.push({ number: Number(start[1]), text: line.text.slice(start[0].length), top: line.top });
    else if (last) last.text += line.text;
  }
  return notes;
}

/** Calls: small raised `[n]` runs inside the body. */
export function callsOn(page: PdfPage): number[] {
  return page.runs
    .filter((r) => r.size < 7.5 && /^\[\d+\]$/.test(r.text.trim()))
    .sort((a, b) => a.top - b.top || a.x - b.x)
    .map((r) => Number(r.text.trim().slice(1, -1)));
}

/** Every page's notes are numbered 1, 2… afresh, and its calls are exactly its notes. */
export function expectNotesBesideTheirCalls(pdf: PdfFile, areaBottom: number): void {
  for (const page of pdf.pages) {
    const numbers = notesOn(page, areaBottom).map((n) => n.number);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(callsOn(page)).toEqual(numbers);
  }
}

/**
 * A page's note lines in reading order: note-sized lines inside the text area (the running
 * head's folio, above it, is of that size too), a continued part's first.
 */
export function noteLinesOn(page: PdfPage, areaBottom: number): TextRun[] {
  return page.lines.filter((line) => near(line.size, NOTE_SIZE, 0.3) && line.top > AREA.top && line.top <= areaBottom + 1);
}

/** Text as compared: no spaces, soft hyphens or joiners. */
const squash = (text: string) => text.replace(/[\s\u00ad\u2060]/g, "");
const LINE_END_HYPHEN = /\p{L}[-\u2010\u2011]$/u;

/**
 * Reads every note whole, in order, and checks it against the notes of the sources
 * (`expected`, in the order of their calls): a note's first line carries its `[n]`; a
 * note that does not end on its page goes on at the top of the next page's notes (before
 * that page's own, several in the order they were cut). Each printed line must go on the
 * note it continues exactly where the sources say, nothing is left over, and every note
 * is read to its end. Returns, for each note, the pages it is printed on.
 */
export function readNotesWhole(pdf: PdfFile, areaBottom: number, expected: string[]): number[][] {
  type Reading = { rest: string; pages: number[] };
  const notes: Reading[] = expected.map((text) => ({ rest: squash(text), pages: [] }));
  /** What a line takes off the start of a note's rest, if the note goes on with it. */
  const take = (note: Reading, text: string): number | undefined => {
    if (note.rest.startsWith(text)) return text.length;
    if (LINE_END_HYPHEN.test(text) && note.rest.startsWith(text.slice(0, -1))) return text.length - 1;
    return undefined;
  };
  let next = 0;
  // Notes that did not end on the page before, in order: their parts open the next page's notes.
  let open: Reading[] = [];
  for (const page of pdf.pages) {
    const waiting = [...open];
    let current: Reading | undefined;
    for (const line of noteLinesOn(page, areaBottom)) {
      let text = squash(line.text);
      const start = /^\[(\d+)\]/.exec(text);
      if (start) {
        current = notes[next++];
        expect(current, `page ${page.number}: a note [${start[1]}] more than the sources have`).toBeDefined();
        text = text.slice(start[0].length);
        waiting.length = 0;
      } else if (!current || take(current, text) === undefined) {
        // The next continued part: the note it continues is the first waiting one it fits.
        current = waiting.shift();
      }
      expect(current, `page ${page.number}: '${line.text}' continues no note`).toBeDefined();
      if (!current) break;
      const taken = take(current, text);
      expect(taken, `page ${page.number}: '${line.text}' where the note goes on '${current.rest.slice(0, 20)}'`).toBeDefined();
      current.rest = current.rest.slice(taken ?? 0);
      current.pages.push(page.number);
    }
    for (const note of open)
      expect(note.pages, `a note cut on page ${page.number - 1} goes on on page ${page.number}`).toContain(page.number);
    open = notes.slice(0, next).filter((note) => note.rest !== "");
  }
  expect(next, "notes printed").toBe(expected.length);
  for (const [i, note] of notes.entries()) expect(note.rest, `the end of note ${i + 1}`).toBe("");
  return notes.map((note) => [...new Set(note.pages)]);
}

/** The first line of a page's notes (its baseline), if it has notes. */
export const notesTopOn = (page: PdfPage) => noteLinesOn(page, AREA.bottom)[0]?.top;
/** Body lines: in the text area, larger than the notes. */
export const bodyLinesOn = (page: PdfPage) => page.lines.filter((l) => l.size > NOTE_SIZE + 1 && l.top > AREA.top && l.top < AREA.bottom);

/**
 * What every page of notes must be, on the journal's page: every note read whole
 * (`readNotesWhole`, whose pages it returns), numbered afresh on every page beside its
 * call, the body keeping a third of the text area, and every line of a note hanging under
 * its text.
 */
export function expectNotesSetOut(pdf: PdfFile, expected: string[]): number[][] {
  const pages = readNotesWhole(pdf, AREA.bottom, expected);
  expectNotesBesideTheirCalls(pdf, AREA.bottom);
  const height = AREA.bottom - AREA.top;
  for (const page of pdf.pages) {
    const top = notesTopOn(page);
    if (top === undefined) continue;
    // The body keeps a third of the text area on a page that has body text.
    if (bodyLinesOn(page).length > 0)
      expect(AREA.bottom - (top - NOTE_SIZE), `page ${page.number}'s notes`).toBeLessThanOrEqual((2 / 3) * height + 2);
    // The mark hangs: every line of a note starts a hang in from the margin (the inner one
    // on a right-hand page, odd); a note's own first line has its mark in the hang, before
    // its text and not past the margin.
    const margin = page.number % 2 === 1 ? AREA.inner : AREA.outer;
    for (const line of noteLinesOn(page, AREA.bottom)) {
      const where = `page ${page.number}: '${line.text.slice(0, 12)}' at x ${line.x}`;
      if (!/^\[\d+\]/.test(line.text)) {
        expect(Math.abs(line.x - (margin + NOTE_HANG)), where).toBeLessThan(0.6);
        continue;
      }
      expect(line.x, where).toBeGreaterThan(margin - 0.6);
      const text = page.runs.filter((run) => Math.abs(run.top - line.top) < 1.5 && run.size > 7 && !/^\s*\[\d+\]\s*$/.test(run.text));
      expect(Math.abs((text[0]?.x ?? 0) - (margin + NOTE_HANG)), where).toBeLessThan(0.6);
    }
  }
  return pages;
}
