import { expect } from "vitest";
import { NOTE_SIZE } from "./build.ts";
import type { PdfFile, PdfPage } from "./pdf.ts";

const near = (a: number, b: number, tolerance = 0.6) => Math.abs(a - b) <= tolerance;

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
