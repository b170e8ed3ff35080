import { readFile } from "node:fs/promises";
import { PDFDocument, PDFName } from "pdf-lib";
import { readPdfText } from "../../src/preflight/pdf.ts";

export { listFonts, type FontRecord } from "../../src/preflight/pdf.ts";

/** A run of text as a reader sees it: same baseline and size, in reading order. */
export interface TextRun {
  text: string;
  x: number;
  /** Baseline, in points from the page's top edge. */
  top: number;
  right: number;
  size: number;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  runs: TextRun[];
  /** Runs joined into lines (same baseline, ±1 pt), top to bottom. */
  lines: TextRun[];
  /** The pictures the page draws, at their stored pixels. */
  images: { width: number; height: number }[];
}

export interface PdfFile {
  pages: PdfPage[];
  info: Record<string, unknown>;
  bytes: Uint8Array;
}

/** Reads a PDF back the way a reader's tools do: text with positions, sizes, page boxes. */
export async function readPdf(file: string): Promise<PdfFile> {
  const bytes = new Uint8Array(await readFile(file));
  const text = await readPdfText(bytes);
  const pages = text.pages.map((page): PdfPage => {
    const runs: TextRun[] = [];
    for (const item of page.items) {
      const size = Math.round(item.size * 10) / 10;
      const last = runs[runs.length - 1];
      if (last && Math.abs(last.top - item.top) < 0.5 && Math.abs(last.size - size) < 0.2 && item.x - last.right < 2) {
        last.text += item.text;
        last.right = item.right;
      } else {
        runs.push({ text: item.text, x: item.x, top: item.top, right: item.right, size });
      }
    }
    return { number: page.number, width: page.width, height: page.height, runs, lines: joinLines(runs), images: page.images };
  });
  return { pages, info: text.info, bytes };
}

function joinLines(runs: TextRun[]): TextRun[] {
  const lines: TextRun[] = [];
  for (const run of [...runs].sort((a, b) => a.top - b.top || a.x - b.x)) {
    const line = lines.find((l) => Math.abs(l.top - run.top) < 1.5 && run.size >= 7);
    if (line && run.size >= 7) {
      line.text += run.x - line.right > 3 ? ` ${run.text}` : run.text;
      line.right = Math.max(line.right, run.right);
      line.size = Math.max(line.size, run.size);
    } else {
      lines.push({ ...run });
    }
  }
  return lines.sort((a, b) => a.top - b.top || a.x - b.x);
}

export async function pageBoxes(bytes: Uint8Array) {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  return pdf.getPages().map((p) => ({ media: p.getMediaBox(), trim: p.getTrimBox(), bleed: p.getBleedBox() }));
}

export async function catalogLang(bytes: Uint8Array): Promise<string | undefined> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const lang = pdf.catalog.get(PDFName.of("Lang"));
  return lang === undefined ? undefined : lang.toString().replace(/^\((.*)\)$/, "$1");
}
