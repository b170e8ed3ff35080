import type { PreflightFinding } from "../finding.ts";
import { type Box, type Line, noteLines, type PageModel, type Piece } from "../page.ts";
import { head } from "../text.ts";
import type { PageRule } from "../rule.ts";

/** Points text may stand over the area's edge (rounding, the PDF's own imprecision). */
const TOLERANCE = 1;
/** A folio: a page number, arabic or roman. */
const FOLIO = /^\s*(\d+|[ivxlcdm]+|[IVXLCDM]+)\s*$/;

export const areaRule: PageRule = { reports: ["outside-area"], check: ({ pages }) => checkArea(pages) };

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
    for (const line of [...page.body, ...noteLines(page)]) {
      const stray = visible(line).filter((p) => !inside(p, area));
      report(stray, `text outside the text area (${where(stray, area)})`);
    }
  }
  return findings;
}

const visible = (line: Line) => line.pieces.filter((p) => p.size > 0 && p.text.trim() !== "");

/** Full-width marks whose ink sits in the left half of their em: closing brackets and quotes, stops, commas. */
const INK_LEFT = /[，。、；：？！）］｝〕〉》」』】〙〗〛”’]$/u;
/** …and in the right half: opening brackets and quotes. */
const INK_RIGHT = /^[（［｛〔〈《「『【〘〖〚“‘]/u;

/**
 * Where a piece's ink can reach, left and right. The PDF gives each glyph its font's full
 * advance, but the browser sets a full-width mark at a line's end (or an opening one at
 * its start) half-width, as GB/T 15834 asks, by moving the glyphs and not by a narrower
 * glyph: the text layer then reaches half an em past the ink, which stays inside.
 */
function inkSpan(p: Piece): { left: number; right: number } {
  const chars = [...p.text.trim()];
  // Full-width marks come from the Chinese font, a full em each; in Latin text they are narrow.
  const fullWidth = p.right - p.x >= 0.9 * p.size * chars.length;
  const half = fullWidth ? p.size / 2 : 0;
  return { left: INK_RIGHT.test(p.text.trim()) ? p.x + half : p.x, right: INK_LEFT.test(p.text.trim()) ? p.right - half : p.right };
}
/** Tops of the tallest glyphs (ideographs fill 0.88 em above the baseline). */
const glyphTop = (p: Piece) => p.top - 0.8 * p.size;
const glyphBottom = (p: Piece) => p.top + 0.12 * p.size;

function inside(p: Piece, area: Box): boolean {
  const ink = inkSpan(p);
  return (
    ink.left >= area.left - TOLERANCE &&
    ink.right <= area.right + TOLERANCE &&
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
  const left = Math.min(...pieces.map((p) => inkSpan(p).left));
  const right = Math.max(...pieces.map((p) => inkSpan(p).right));
  const top = Math.min(...pieces.map(glyphTop));
  const bottom = Math.max(...pieces.map(glyphBottom));
  if (left < area.left - TOLERANCE) out.push(`${pt(area.left - left)} left of it`);
  if (right > area.right + TOLERANCE) out.push(`${pt(right - area.right)} right of it`);
  if (top < area.top - TOLERANCE) out.push(`${pt(area.top - top)} above it`);
  if (bottom > area.bottom + TOLERANCE) out.push(`${pt(bottom - area.bottom)} below it`);
  return out.join(", ") || "at its edge";
}

const pt = (n: number) => `${n.toFixed(1)} pt`;
