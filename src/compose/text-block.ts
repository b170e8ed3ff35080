import { readFileSync } from "node:fs";
import path from "node:path";
import type { Journal } from "../content/schema.ts";
import { STYLES_DIR } from "../config/paths.ts";

const POINTS: Record<string, number> = { pt: 1, mm: 72 / 25.4, cm: 72 / 2.54, in: 72, px: 0.75, pc: 12 };

/** A CSS length in points (pt, mm, cm, in, px, pc); undefined for anything else. */
export function points(length: string): number | undefined {
  const m = /^\s*(-?[\d.]+)\s*(pt|mm|cm|in|px|pc)\s*$/.exec(length);
  return m ? Number(m[1]) * (POINTS[m[2] as string] ?? 1) : undefined;
}

/**
 * The width of the text block in points: the trim width less the page's left and right
 * margins, as styles/page.css sets them on `@page`. Known without laying anything out,
 * so that `check` can tell what size a figure will print at (its resolution).
 */
export function textBlockWidth(journal: Journal, stylesheet = path.join(STYLES_DIR, "page.css")): number {
  const css = readFileSync(stylesheet, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
  const rule = /@page\s*\{([^{}]*)/.exec(css)?.[1] ?? "";
  const margin = /(?:^|;)\s*margin\s*:\s*([^;]+)/.exec(rule)?.[1]?.trim().split(/\s+/) ?? [];
  // CSS's shorthand: top, right (default top), bottom (default top), left (default right).
  const [top = "0pt", right = top, , left = right] = margin;
  const trim = points(journal.trim.width);
  const sides = [points(right), points(left)];
  if (trim === undefined || sides.some((s) => s === undefined)) {
    throw new Error(`styles/page.css: the @page margin '${margin.join(" ")}' is not in lengths paiban can read (pt, mm, cm, in)`);
  }
  return trim - (sides[0] as number) - (sides[1] as number);
}
