import { problem, type SourceProblem } from "../content/errors.ts";
import type { Journal } from "../content/schema.ts";
import type { RenderedBody } from "../markdown/index.ts";
import { points, textBlockWidth } from "./text-block.ts";

/** What print needs of a picture: pixels per inch at the size it is printed. */
export const MIN_PPI = 300;

/**
 * Pictures that would print under 300 ppi: those the source asks to set wider than their
 * pixels allow (a picture without a width is printed at 300 ppi, or smaller when the text
 * is narrower; styles/figures.css). Warnings, named by file and line, for `check` and
 * `build` alike.
 */
export function resolutionWarnings(journal: Journal, body: RenderedBody, file: string): SourceProblem[] {
  const warnings: SourceProblem[] = [];
  let textWidth: number | undefined;
  for (const figure of body.floats) {
    const { image, width } = figure;
    if (!image || image.format === "svg" || !width) continue;
    textWidth ??= textBlockWidth(journal);
    const printed = Math.min(width.endsWith("%") ? (Number.parseFloat(width) / 100) * textWidth : (points(width) ?? textWidth), textWidth);
    const ppi = image.width / (printed / 72);
    if (ppi >= MIN_PPI - 0.5) continue;
    const most = (image.width / MIN_PPI) * 25.4;
    warnings.push(
      problem(
        file,
        `the picture of figure ${figure.number} prints at ${Math.round(ppi)} ppi (${image.width} pixels over ${((printed / 72) * 25.4).toFixed(0)} mm): print needs ${MIN_PPI}`,
        {
          line: figure.line,
          severity: "warning",
          hint: `give a picture of at least ${Math.ceil((printed / 72) * MIN_PPI)} pixels across, or a width of at most ${most.toFixed(0)}mm`,
        },
      ),
    );
  }
  return warnings;
}
