import type { PreflightFinding } from "../finding.ts";
import type { Box, Line, PageModel, Piece } from "../page.ts";
import { head } from "../text.ts";

/** Points text may stand over the area's edge (rounding, the PDF's own imprecision). */
const TOLERANCE = 1;
/** A folio: a page number, arabic or roman. */
const FOLIO = /^\s*(\d+|[ivxlcdm]+|[IVXLCDM]+)\s*$/;

/**
 * Text belongs in the text area. Outside it only the running heads (above the area,
 * within its width) and the folios (a page number above or below the area) are allowed.
 */
export function checkArea(pages: PageModel[]): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  for (const page of pages) {
    const { area } = page;
    const report = (pieces: Piece[], message: string) => {
      if (pieces.length === 0) return;
      findings.push({ rule: "outside-area", page: page.number, text: head(pieces.map((p) => p.text).join(""), 30), message });
    };
    for (const line of page.heads) {
      if (FOLIO.test(line.ownText) && withinWidth(line, area)) continue;
      const stray = visible(line).filter((p) => p.x < area.left - TOLERANCE || p.right > area.right + TOLERANCE || glyphTop(p) < 0);
      report(stray, `text in the head margin beside the running head (${where(stray, area)})`);
    }
    for (const line of page.below) {
      if (FOLIO.test(line.ownText) && withinWidth(line, area)) continue;
      report(visible(line), `text below the text area (${where(visible(line), area)})`);
    }
    for (const line of [...page.body, ...page.notes.flatMap((n) => n.lines)]) {
      const stray = visible(line).filter((p) => !inside(p, area));
      report(stray, `text outside the text area (${where(stray, area)})`);
    }
  }
  return findings;
}

const visible = (line: Line) => line.pieces.filter((p) => p.size > 0 && p.text.trim() !== "");
/** Tops of the tallest glyphs (ideographs fill 0.88 em above the baseline). */
const glyphTop = (p: Piece) => p.top - 0.8 * p.size;
const glyphBottom = (p: Piece) => p.top + 0.12 * p.size;

function inside(p: Piece, area: Box): boolean {
  return (
    p.x >= area.left - TOLERANCE &&
    p.right <= area.right + TOLERANCE &&
    glyphTop(p) >= area.top - TOLERANCE &&
    glyphBottom(p) <= area.bottom + TOLERANCE
  );
}

function withinWidth(line: Line, area: Box): boolean {
  return line.x >= area.left - TOLERANCE && line.right <= area.right + TOLERANCE;
}

/** How far out the pieces stand, for the message. */
function where(pieces: Piece[], area: Box): string {
  const out: string[] = [];
  const left = Math.min(...pieces.map((p) => p.x));
  const right = Math.max(...pieces.map((p) => p.right));
  const top = Math.min(...pieces.map(glyphTop));
  const bottom = Math.max(...pieces.map(glyphBottom));
  if (left < area.left - TOLERANCE) out.push(`${pt(area.left - left)} left of it`);
  if (right > area.right + TOLERANCE) out.push(`${pt(right - area.right)} right of it`);
  if (top < area.top - TOLERANCE) out.push(`${pt(area.top - top)} above it`);
  if (bottom > area.bottom + TOLERANCE) out.push(`${pt(bottom - area.bottom)} below it`);
  return out.join(", ") || "at its edge";
}

const pt = (n: number) => `${n.toFixed(1)} pt`;
