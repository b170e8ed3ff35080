import { AREA } from "./build.ts";
import type { PdfPage, TextRun } from "./pdf.ts";

/** Between the columns of a columns edition (styles/parallel.css). */
export const COLUMN_GAP = 12;

/**
 * The text block of a columns edition's page (page 1 a recto: the inner margin on the left)
 * and where its columns meet, the Chinese column taking `zhShare` of the block.
 */
export function columnsOf(page: PdfPage, zhShare: number): { left: number; right: number; split: number } {
  const recto = page.number % 2 === 1;
  const left = recto ? AREA.inner : AREA.outer;
  const right = page.width - (recto ? AREA.outer : AREA.inner);
  return { left, right, split: left + zhShare * (right - left) };
}

/** The lines of one column of a columns edition's page: its runs joined by baseline, top to bottom. */
export function columnLines(page: PdfPage, lang: "zh" | "en", zhShare: number): TextRun[] {
  const { split } = columnsOf(page, zhShare);
  return joinRuns(page.runs.filter((r) => (lang === "zh" ? r.x < split : r.x >= split)));
}

/** Runs joined into lines by baseline (±1.5 pt), top to bottom, each line's runs left to right. */
export function joinRuns(runs: TextRun[]): TextRun[] {
  const lines: TextRun[] = [];
  for (const run of [...runs].sort((a, b) => a.top - b.top || a.x - b.x)) {
    const line = lines.find((l) => Math.abs(l.top - run.top) < 1.5);
    if (line) {
      line.text += run.text;
      line.right = Math.max(line.right, run.right);
    } else lines.push({ ...run });
  }
  return lines;
}
