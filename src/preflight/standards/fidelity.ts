import type { PDFDocument } from "pdf-lib";
import { outlineItems } from "../../output/outline.ts";
import { readPageLabels } from "../../output/page-labels.ts";
import { roleOf, StructureTree } from "../../output/press/structure.ts";
import type { PreflightFinding } from "../finding.ts";
import { type PdfText, readPdfText } from "../pdf.ts";
import { head, normalise } from "../text.ts";
import type { Standard } from "./identification.ts";

/**
 * Nothing lost on the way from the RGB build: as many pages, bookmarks, page labels and
 * structure elements (Link elements aside: the archive adds some), and the same text on
 * every page, read within the bleed (a slug's job line is the press file's own).
 * PDF/X-1a has no tags: Ghostscript drops them, and the standard does not ask for them.
 */
export async function checkFidelity(
  pdf: PDFDocument,
  bytes: Uint8Array,
  reference: PDFDocument,
  referenceBytes: Uint8Array,
  standard: Standard,
): Promise<PreflightFinding[]> {
  const findings: PreflightFinding[] = [];
  const problem = (message: string, page?: number, text = "") => findings.push({ rule: "standard-fidelity", page, text, message });
  const compare = (what: string, got: number, expected: number) => {
    if (got !== expected) problem(`${got} ${what}, the RGB build has ${expected}`);
  };
  compare("pages", pdf.getPageCount(), reference.getPageCount());
  compare("bookmarks", outlineItems(pdf).length, outlineItems(reference).length);
  const labels = readPageLabels(pdf);
  const expectedLabels = readPageLabels(reference);
  if (labels.join(" ") !== expectedLabels.join(" "))
    problem(`page labels ${labels.join(" ")}, the RGB build has ${expectedLabels.join(" ")}`);
  if (standard !== "pdfx1a") compare("structure elements (Links aside)", structureCount(pdf), structureCount(reference));

  const [text, expected] = await Promise.all([readPdfText(bytes), referenceText(referenceBytes)]);
  const bleeds = [pdf, reference].map((doc) => doc.getPages().map((page) => ({ bleed: page.getBleedBox(), crop: page.getCropBox() })));
  const pageText = (which: 0 | 1, index: number) => {
    const page = (which === 0 ? text : expected).pages[index];
    const box = bleeds[which]?.[index];
    if (!page || !box) return "";
    // Items are measured from the CropBox's top-left corner.
    const left = box.bleed.x - box.crop.x;
    const top = box.crop.y + box.crop.height - (box.bleed.y + box.bleed.height);
    const inside = page.items.filter(
      (i) => i.x >= left - 1 && i.x <= left + box.bleed.width + 1 && i.top >= top - 1 && i.top <= top + box.bleed.height + 1,
    );
    return normalise(inside.map((i) => i.text).join(""));
  };
  for (let i = 0; i < Math.min(text.pages.length, expected.pages.length); i++) {
    const got = pageText(0, i);
    const want = pageText(1, i);
    if (got === want) continue;
    let at = 0;
    while (at < got.length && got[at] === want[at]) at++;
    problem(`the text differs from the RGB build's from '${head(want.slice(at), 16)}' on`, i + 1, head(got.slice(at), 16));
  }
  return findings;
}

/** The reference's text, read once however many files made from it are checked (the press file, the archive copy). */
const referenceTexts = new WeakMap<Uint8Array, Promise<PdfText>>();

function referenceText(bytes: Uint8Array): Promise<PdfText> {
  let text = referenceTexts.get(bytes);
  if (!text) {
    text = readPdfText(bytes);
    referenceTexts.set(bytes, text);
  }
  return text;
}

function structureCount(pdf: PDFDocument): number {
  return new StructureTree(pdf).elements().filter(({ element }) => roleOf(element) !== "Link").length;
}
