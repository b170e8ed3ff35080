import { type PDFDocument, PDFName } from "pdf-lib";
import type { PreflightFinding } from "../finding.ts";
import type { Standard } from "./identification.ts";

/** Rounding in the boxes' numbers (points). */
const SLACK = 0.01;

type Box = { x: number; y: number; width: number; height: number };

/** Every page's TrimBox within its BleedBox within its MediaBox (and the CropBox on the MediaBox); PDF/X asks for a TrimBox. */
export function checkBoxes(pdf: PDFDocument, standard: Standard): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  pdf.getPages().forEach((page, i) => {
    const problem = (message: string) => findings.push({ rule: "standard-boxes", page: i + 1, text: "", message });
    if (standard !== "pdfa2" && !page.node.get(PDFName.of("TrimBox")) && !page.node.get(PDFName.of("ArtBox"))) problem("no TrimBox");
    const media = page.getMediaBox();
    const bleed = page.getBleedBox();
    const trim = page.getTrimBox();
    const crop = page.getCropBox();
    if (!within(trim, bleed)) problem(`the TrimBox ${show(trim)} is not within the BleedBox ${show(bleed)}`);
    if (!within(bleed, media)) problem(`the BleedBox ${show(bleed)} is not within the MediaBox ${show(media)}`);
    if (!within(crop, media)) problem(`the CropBox ${show(crop)} is not within the MediaBox ${show(media)}`);
  });
  return findings;
}

function within(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x - SLACK &&
    inner.y >= outer.y - SLACK &&
    inner.x + inner.width <= outer.x + outer.width + SLACK &&
    inner.y + inner.height <= outer.y + outer.height + SLACK
  );
}

function show(box: Box): string {
  return `[${[box.x, box.y, box.x + box.width, box.y + box.height].map((n) => Math.round(n * 100) / 100).join(" ")}]`;
}
