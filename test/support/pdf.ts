import { readFile } from "node:fs/promises";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { TextItem } from "pdfjs-dist/types/src/display/api.js";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFStream, type PDFObject } from "pdf-lib";

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
}

export interface PdfFile {
  pages: PdfPage[];
  info: Record<string, unknown>;
  bytes: Uint8Array;
}

/** Reads a PDF back the way a reader's tools do: text with positions, sizes, page boxes. */
export async function readPdf(file: string): Promise<PdfFile> {
  const bytes = new Uint8Array(await readFile(file));
  const doc = await getDocument({ data: bytes.slice(), disableFontFace: true, useSystemFonts: false }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const items = content.items.filter((i): i is TextItem => "str" in i && i.str.length > 0);
    const runs: TextRun[] = [];
    for (const item of items) {
      const [, , , , x, y] = item.transform as number[];
      const top = y1 - (y as number);
      const size = Math.round(item.height * 10) / 10;
      const last = runs[runs.length - 1];
      if (last && Math.abs(last.top - top) < 0.5 && Math.abs(last.size - size) < 0.2 && (x as number) - last.right < 2) {
        last.text += item.str;
        last.right = (x as number) + item.width;
      } else {
        runs.push({ text: item.str, x: x as number, top, right: (x as number) + item.width, size });
      }
    }
    pages.push({ number: n, width: x1 - x0, height: y1 - y0, runs, lines: joinLines(runs) });
  }
  const meta = await doc.getMetadata();
  await doc.destroy();
  return { pages, info: meta.info as Record<string, unknown>, bytes };
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

export interface FontRecord {
  name: string;
  subtype: string;
  embedded: boolean;
}

/** Every font the pages use, with whether its program is embedded (as pdffonts reports). */
export async function listFonts(bytes: Uint8Array): Promise<FontRecord[]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const seen = new Map<string, FontRecord>();
  const deref = (obj: PDFObject | undefined) => (obj instanceof PDFRef ? pdf.context.lookup(obj) : obj);
  const dict = (obj: PDFObject | undefined) => {
    const value = deref(obj);
    return value instanceof PDFDict ? value : undefined;
  };
  const array = (obj: PDFObject | undefined) => {
    const value = deref(obj);
    return value instanceof PDFArray ? value : undefined;
  };
  const stream = (obj: PDFObject | undefined) => {
    const value = deref(obj);
    return value instanceof PDFStream ? value : undefined;
  };
  const visitResources = (resources: PDFDict | undefined) => {
    const fonts = dict(resources?.get(PDFName.of("Font")));
    for (const [key, ref] of fonts?.entries() ?? []) {
      const font = dict(ref);
      if (!font) continue;
      const subtype = String(font.get(PDFName.of("Subtype")));
      const descendant = dict(array(font.get(PDFName.of("DescendantFonts")))?.get(0)) ?? font;
      const descriptor = dict(descendant.get(PDFName.of("FontDescriptor")));
      const embedded =
        subtype === "/Type3" ||
        ["FontFile", "FontFile2", "FontFile3"].some((k) => stream(descriptor?.get(PDFName.of(k))) !== undefined);
      const name = String(font.get(PDFName.of("BaseFont")) ?? key);
      seen.set(`${name}${subtype}`, { name, subtype, embedded });
      // Type 3 glyphs and form XObjects can carry fonts of their own.
      visitResources(dict(font.get(PDFName.of("Resources"))));
    }
    const xobjects = dict(resources?.get(PDFName.of("XObject")));
    for (const [, ref] of xobjects?.entries() ?? []) {
      visitResources(dict(stream(ref)?.dict.get(PDFName.of("Resources"))));
    }
  };
  for (const page of pdf.getPages()) visitResources(page.node.Resources());
  return [...seen.values()];
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
