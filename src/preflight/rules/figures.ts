import type { SourceTexts } from "../../markdown/plugins/source-text.ts";
import type { DocumentLayout } from "../../render/layout.ts";
import type { PreflightFinding } from "../finding.ts";
import type { PdfTextPage } from "../pdf.ts";
import { head } from "../text.ts";
import type { PageRule } from "../rule.ts";

export const figuresRule: PageRule = {
  reports: ["figure-missing"],
  check: ({ pdfPages, layout, expected }) => checkFigures(pdfPages, layout, expected),
};

/**
 * Every raster figure of the sources is printed, on the page the layout put it on, as a
 * picture of exactly its own pixels: the browser embedded it and did not resample it.
 * (A drawing prints as vector paths, which no picture in the PDF stands for.)
 */
export function checkFigures(pages: PdfTextPage[], layout: DocumentLayout, expected: SourceTexts[]): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  for (const figure of expected.flatMap((e) => e.floats)) {
    const { pixels } = figure;
    if (figure.kind !== "figure" || !pixels) continue;
    const placed = (layout.floats ?? []).find((f) => f.kind === "figure" && f.lang === figure.lang && f.line === figure.line);
    const what = `${figure.lang}.md:${figure.line}`;
    if (!placed) {
      findings.push({ rule: "figure-missing", text: head(figure.caption), message: `the figure at ${what} is on no page` });
      continue;
    }
    const images = pages[placed.page - 1]?.images ?? [];
    const same = (i: { width: number; height: number }) =>
      (i.width === pixels.width && i.height === pixels.height) || (i.width === pixels.height && i.height === pixels.width);
    if (images.some(same)) continue;
    const sizes = images.map((i) => `${i.width}×${i.height}`).join(", ");
    findings.push({
      rule: "figure-missing",
      page: placed.page,
      text: head(figure.caption),
      message: `the figure at ${what} should be a picture of ${pixels.width}×${pixels.height} pixels; the page holds ${sizes || "no picture"}`,
    });
  }
  return findings;
}
