import { readFile } from "node:fs/promises";
import { getDocument, OPS, VerbosityLevel } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { PDFPageProxy, TextItem } from "pdfjs-dist/types/src/display/api.js";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFStream, type PDFObject } from "pdf-lib";

// The tests read the PDFs back with code of their own, on pdf.js and pdf-lib directly, never
// through the preflight's reader: a fault there must not hide itself from the tests.

/** A run of text as a reader sees it: same baseline and size, in reading order. */
export interface TextRun {
  text: string;
  x: number;
  /** Baseline, in points from the page's top edge. */
  top: number;
  right: number;
  size: number;
  /** The embedded font's PostScript name, subset tag included (only when read with `fonts`). */
  font?: string;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  /** The text items as pdf.js gives them (one font, one baseline each), in content order. */
  items: TextRun[];
  /** Items joined into runs (same font, baseline and size, next to each other). */
  runs: TextRun[];
  /** Runs joined into lines (same baseline, ±1 pt), top to bottom. */
  lines: TextRun[];
  /** The page's text as a reader copies it: pdf.js's items in content order, with the spaces it infers. */
  text: string;
  /** The pictures the page draws, at their stored pixels. */
  images: { width: number; height: number }[];
}

export interface PdfFile {
  pages: PdfPage[];
  info: Record<string, unknown>;
  bytes: Uint8Array;
}

/** Reads a PDF back the way a reader's tools do: text with positions, sizes (and fonts, if asked), page boxes. */
export async function readPdf(file: string, options: { fonts?: boolean } = {}): Promise<PdfFile> {
  return readPdfBytes(new Uint8Array(await readFile(file)), options);
}

export async function readPdfBytes(bytes: Uint8Array, options: { fonts?: boolean } = {}): Promise<PdfFile> {
  const images = await imagesOf(bytes);
  const doc = await openPdf(bytes);
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const { items, text } = await textItems(page, options.fonts === true);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const runs: TextRun[] = [];
      for (const item of items) {
        const size = Math.round(item.size * 10) / 10;
        const last = runs[runs.length - 1];
        const sameFont = last?.font === item.font;
        if (last && sameFont && Math.abs(last.top - item.top) < 0.5 && Math.abs(last.size - size) < 0.2 && item.x - last.right < 2) {
          last.text += item.text;
          last.right = item.right;
        } else {
          runs.push({ ...item, size });
        }
      }
      pages.push({ number: n, width: x1 - x0, height: y1 - y0, items, runs, lines: joinLines(runs), text, images: images[n - 1] ?? [] });
      page.cleanup();
    }
    const meta = await doc.getMetadata();
    return { pages, info: (meta.info ?? {}) as Record<string, unknown>, bytes };
  } finally {
    await doc.destroy();
  }
}

/** pdf.js on a copy of the bytes (it takes its buffer over), with no font of the system's. */
export function openPdf(bytes: Uint8Array) {
  return getDocument({ data: bytes.slice(), disableFontFace: true, useSystemFonts: false, verbosity: VerbosityLevel.ERRORS }).promise;
}

/** The page's text items in content order, positions from the page's top-left corner; the spaces pdf.js infers are left out. */
async function textItems(page: PDFPageProxy, withFonts: boolean): Promise<{ items: TextRun[]; text: string }> {
  const [x0, , , y1] = page.view as [number, number, number, number];
  const content = await page.getTextContent();
  // The fonts' names are known once the page's operators have been read.
  if (withFonts) await page.getOperatorList();
  const fontName = (key: string): string | undefined => {
    if (!withFonts || !page.commonObjs.has(key)) return undefined;
    const font = page.commonObjs.get(key) as { name?: unknown } | undefined;
    return typeof font?.name === "string" ? font.name : "";
  };
  const all = content.items.filter((item): item is TextItem => "str" in item);
  const text = all.map((item) => item.str).join("");
  const items = all
    .filter((item) => item.str.length > 0 && item.height > 0)
    .map((item) => {
      const [, , c, d, x, y] = item.transform as [number, number, number, number, number, number];
      return {
        text: item.str,
        x: x - x0,
        right: x - x0 + item.width,
        top: y1 - y,
        size: Math.round(Math.hypot(c, d) * 100) / 100,
        font: fontName(item.fontName),
      };
    });
  return { items, text };
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

/** A straight line the page strokes, in points from the page's top-left corner. */
export interface DrawnLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * The straight lines each page draws, as printer's marks are drawn: the straight segments of
 * every path it strokes, and every hairline-thin rectangle it fills (a CSS border), with the
 * transformations in force applied.
 */
export async function drawnLines(bytes: Uint8Array): Promise<DrawnLine[][]> {
  const doc = await openPdf(bytes);
  try {
    const pages: DrawnLine[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [, , , top] = page.view as [number, number, number, number];
      const operators = await page.getOperatorList();
      const lines: DrawnLine[] = [];
      let matrix: Matrix = [1, 0, 0, 1, 0, 0];
      const stack: Matrix[] = [];
      const stroking = new Set<unknown>([
        OPS.stroke,
        OPS.closeStroke,
        OPS.fillStroke,
        OPS.eoFillStroke,
        OPS.closeFillStroke,
        OPS.closeEOFillStroke,
      ]);
      const filling = new Set<unknown>([OPS.fill, OPS.eoFill]);
      operators.fnArray.forEach((fn, i) => {
        const args = operators.argsArray[i] as unknown[];
        if (fn === OPS.save) stack.push(matrix);
        else if (fn === OPS.restore) matrix = stack.pop() ?? [1, 0, 0, 1, 0, 0];
        else if (fn === OPS.transform) matrix = multiply(args as Matrix, matrix);
        // pdf.js 5 gives a path with the operation that paints it: [paint, [path], bounds].
        else if (fn === OPS.constructPath && stroking.has(args[0])) lines.push(...strokes(subpaths(args[1], matrix, top)));
        else if (fn === OPS.constructPath && filling.has(args[0])) lines.push(...hairlines(subpaths(args[1], matrix, top)));
      });
      pages.push(lines);
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** A PDF transformation matrix [a b c d e f]. */
type Matrix = [number, number, number, number, number, number];

/** `m` applied after `n` (PDF's `cm`: the new matrix is m × n). */
function multiply([a, b, c, d, e, f]: Matrix, [p, q, r, s, t, u]: Matrix): Matrix {
  return [a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u];
}

/** Where a point is, in points from the page's top-left corner. */
interface Point {
  x: number;
  y: number;
}

/**
 * The points of each subpath of a path as pdf.js 5 gives it, [drawing operations] in user
 * space (0 moveTo x y, 1 lineTo x y, 2 curveTo x1 y1 x2 y2 x y, 3 quadraticCurveTo x1 y1 x y,
 * 4 closePath); a subpath with a curve is left out (marks are straight).
 */
function subpaths(data: unknown, [a, b, c, d, e, f]: Matrix, top: number): Point[][] {
  const path = (Array.isArray(data) ? data[0] : undefined) as ArrayLike<number> | undefined;
  if (!path) return [];
  const at = (k: number): Point => {
    const x = path[k] ?? 0;
    const y = path[k + 1] ?? 0;
    return { x: a * x + c * y + e, y: top - (b * x + d * y + f) };
  };
  const found: Point[][] = [];
  let current: Point[] | undefined;
  for (let k = 0; k < path.length; ) {
    const op = path[k];
    if (op === 0) {
      current = [at(k + 1)];
      found.push(current);
      k += 3;
    } else if (op === 1) {
      current?.push(at(k + 1));
      k += 3;
    } else if (op === 2 || op === 3) {
      if (current) found.splice(found.indexOf(current), 1);
      current = undefined;
      k += op === 2 ? 7 : 5;
    } else k += 1;
  }
  return found;
}

/** A stroked path's straight segments. */
function strokes(paths: Point[][]): DrawnLine[] {
  return paths.flatMap((points) => points.slice(1).map((to, i) => ({ x1: points[i]?.x ?? 0, y1: points[i]?.y ?? 0, x2: to.x, y2: to.y })));
}

/** A filled rectangle no wider than a hairline (a CSS border) as the line along its middle. */
function hairlines(paths: Point[][]): DrawnLine[] {
  return paths.flatMap((points) => {
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.y);
    const [left, right, upper, lower] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    if (points.length < 4 || points.length > 5) return [];
    if (right - left <= 1.5 && lower - upper > right - left)
      return [{ x1: (left + right) / 2, y1: upper, x2: (left + right) / 2, y2: lower }];
    if (lower - upper <= 1.5 && right - left > lower - upper)
      return [{ x1: left, y1: (upper + lower) / 2, x2: right, y2: (upper + lower) / 2 }];
    return [];
  });
}

export interface FontRecord {
  name: string;
  subtype: string;
  embedded: boolean;
}

/** Every font the pages' resources hold (their forms' too), with whether its program is embedded, as pdffonts lists them. */
export async function listFonts(bytes: Uint8Array): Promise<FontRecord[]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const resolve = (obj: PDFObject | undefined): PDFObject | undefined => (obj instanceof PDFRef ? pdf.context.lookup(obj) : obj);
  const dict = (obj: PDFObject | undefined) => {
    const value = resolve(obj);
    return value instanceof PDFDict ? value : value instanceof PDFStream ? value.dict : undefined;
  };
  const fonts = new Map<string, FontRecord>();
  const seen = new Set<PDFDict>();
  const visit = (resources: PDFDict | undefined) => {
    if (!resources || seen.has(resources)) return;
    seen.add(resources);
    for (const [key, value] of dict(resources.get(PDFName.of("Font")))?.entries() ?? []) {
      const font = dict(value);
      if (!font) continue;
      const subtype = String(font.get(PDFName.of("Subtype")));
      const descendants = resolve(font.get(PDFName.of("DescendantFonts")));
      const descendant = (descendants instanceof PDFArray ? dict(descendants.get(0)) : undefined) ?? font;
      const descriptor = dict(descendant.get(PDFName.of("FontDescriptor")));
      const program = ["FontFile", "FontFile2", "FontFile3"].some((k) => resolve(descriptor?.get(PDFName.of(k))) instanceof PDFStream);
      const name = String(font.get(PDFName.of("BaseFont")) ?? key);
      fonts.set(`${name} ${subtype}`, { name, subtype, embedded: subtype === "/Type3" || program });
      visit(dict(font.get(PDFName.of("Resources"))));
    }
    for (const [, value] of dict(resources.get(PDFName.of("XObject")))?.entries() ?? [])
      visit(dict(dict(value)?.get(PDFName.of("Resources"))));
  };
  for (const page of pdf.getPages()) visit(page.node.Resources());
  return [...fonts.values()];
}

/** The images each page's resources hold (their forms' too), at their stored pixels. */
async function imagesOf(bytes: Uint8Array): Promise<{ width: number; height: number }[][]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const resolve = (obj: PDFObject | undefined): PDFObject | undefined => (obj instanceof PDFRef ? pdf.context.lookup(obj) : obj);
  const number = (obj: PDFObject | undefined) => {
    const value = resolve(obj);
    return value instanceof PDFNumber ? value.asNumber() : 0;
  };
  return pdf.getPages().map((page) => {
    const found: { width: number; height: number }[] = [];
    const seen = new Set<PDFDict>();
    const visit = (resources: PDFDict | undefined) => {
      if (!resources || seen.has(resources)) return;
      seen.add(resources);
      const xobjects = resolve(resources.get(PDFName.of("XObject")));
      for (const [, value] of xobjects instanceof PDFDict ? xobjects.entries() : []) {
        const stream = resolve(value);
        if (!(stream instanceof PDFStream)) continue;
        const subtype = String(stream.dict.get(PDFName.of("Subtype")));
        if (subtype === "/Image")
          found.push({ width: number(stream.dict.get(PDFName.of("Width"))), height: number(stream.dict.get(PDFName.of("Height"))) });
        else {
          const inner = resolve(stream.dict.get(PDFName.of("Resources")));
          visit(inner instanceof PDFDict ? inner : undefined);
        }
      }
    };
    visit(page.node.Resources());
    return found;
  });
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

/** The page labels a reader shows (pdf.js: one per page, or none). */
export async function pageLabels(bytes: Uint8Array): Promise<string[] | null> {
  const doc = await openPdf(bytes);
  try {
    return (await doc.getPageLabels()) as string[] | null;
  } finally {
    await doc.destroy();
  }
}
