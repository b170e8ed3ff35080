import { type PDFDocument, PDFName, type PDFPage, type PDFRef } from "pdf-lib";
import type { MarkKind } from "../../config/options.ts";
import { asArray, asDict } from "../pdf-objects.ts";
import { formatNumber } from "./content-stream.ts";
import { compressedStream } from "./streams.ts";

export interface SheetOptions {
  /** Bleed around the trim, in points (the BleedBox). */
  bleed: number;
  /** Slug around the trim, in points: the sheet (MediaBox) reaches this far, beyond the bleed. 0: the sheet ends at the bleed. */
  slug: number;
  marks: MarkKind[];
}

const MM = 72 / 25.4;
/** Marks are hairlines, as printers draw them. */
const MARK_WIDTH = 0.25;
/** A crop mark starts this far from the trim at least (when there is no bleed to keep clear), and is at most this long. */
const MARK_OFFSET = 2 * MM;
const MARK_LENGTH = 6 * MM;
const TARGET_RADIUS = 2.5 * MM;

/**
 * The span of a mark, outward from the trim edge, in points. With a slug, marks stand
 * outside the bleed, so the bleed never shows them when trimmed off-register; without
 * one they have only the bleed to stand in, as Paged.js draws them, and are that short.
 */
export function markSpan(options: Pick<SheetOptions, "bleed" | "slug">): { start: number; end: number } {
  const { bleed, slug } = options;
  if (slug > bleed) {
    const start = Math.max(bleed, MARK_OFFSET);
    return { start, end: Math.min(slug, start + MARK_LENGTH) };
  }
  return { start: Math.min(MARK_OFFSET, bleed / 2), end: bleed };
}

/**
 * Sets every page's sheet (MediaBox, CropBox) to the trim plus the slug, and draws the
 * marks there in the All separation: a press prints them on every plate, so they show
 * the registration of each. They are artifacts of the page, not content.
 */
export function drawSheet(pdf: PDFDocument, options: SheetOptions): void {
  const all = allSeparation(pdf);
  const span = markSpan(options);
  for (const page of pdf.getPages()) {
    const trim = page.getTrimBox();
    const reach = Math.max(options.slug, options.bleed);
    if (options.slug > 0) {
      const sheet = [trim.x - reach, trim.y - reach, trim.width + 2 * reach, trim.height + 2 * reach] as const;
      page.setMediaBox(...sheet);
      page.setCropBox(...sheet);
    }
    if (options.marks.length === 0 || span.end <= span.start) continue;
    const paths = [
      ...(options.marks.includes("crop") ? cropMarks(trim, span) : []),
      ...(options.marks.includes("cross") ? targets(trim, span) : []),
    ];
    appendContent(
      page,
      `q\n/Artifact <</Type /Page>> BDC\n/PaibanAll CS 1 SCN ${MARK_WIDTH} w 0 J [] 0 d\n${paths.join("\n")}\nEMC\nQ`,
      all,
    );
  }
}

type Box = { x: number; y: number; width: number; height: number };

/** Two strokes at each corner, on the lines of the trim's edges. */
function cropMarks(trim: Box, span: { start: number; end: number }): string[] {
  const n = formatNumber;
  const left = trim.x;
  const right = trim.x + trim.width;
  const bottom = trim.y;
  const top = trim.y + trim.height;
  const strokes: string[] = [];
  for (const x of [left, right]) {
    for (const y of [bottom, top]) {
      const out = x === left ? -1 : 1;
      const up = y === top ? 1 : -1;
      strokes.push(`${n(x + out * span.start)} ${n(y)} m ${n(x + out * span.end)} ${n(y)} l S`);
      strokes.push(`${n(x)} ${n(y + up * span.start)} m ${n(x)} ${n(y + up * span.end)} l S`);
    }
  }
  return strokes;
}

/** A registration target (a circle and its cross) outside the middle of each side. */
function targets(trim: Box, span: { start: number; end: number }): string[] {
  const n = formatNumber;
  const r = Math.min(TARGET_RADIUS, (span.end - span.start) / 2);
  const away = (span.start + span.end) / 2;
  const centres = [
    { x: trim.x + trim.width / 2, y: trim.y - away },
    { x: trim.x + trim.width / 2, y: trim.y + trim.height + away },
    { x: trim.x - away, y: trim.y + trim.height / 2 },
    { x: trim.x + trim.width + away, y: trim.y + trim.height / 2 },
  ];
  // A circle as four Bézier quarters (k: the usual control-point distance).
  const k = 0.5523 * r * 0.7;
  const c = 0.7 * r;
  return centres.map(
    ({ x, y }) =>
      `${n(x - r)} ${n(y)} m ${n(x + r)} ${n(y)} l S ${n(x)} ${n(y - r)} m ${n(x)} ${n(y + r)} l S ` +
      `${n(x + c)} ${n(y)} m ${n(x + c)} ${n(y + k)} ${n(x + k)} ${n(y + c)} ${n(x)} ${n(y + c)} c ` +
      `${n(x - k)} ${n(y + c)} ${n(x - c)} ${n(y + k)} ${n(x - c)} ${n(y)} c ` +
      `${n(x - c)} ${n(y - k)} ${n(x - k)} ${n(y - c)} ${n(x)} ${n(y - c)} c ` +
      `${n(x + k)} ${n(y - c)} ${n(x + c)} ${n(y - k)} ${n(x + c)} ${n(y)} c S`,
  );
}

/** The All separation: every colorant of the press, 100 %. */
function allSeparation(pdf: PDFDocument): PDFRef {
  return pdf.context.register(
    pdf.context.obj([
      PDFName.of("Separation"),
      PDFName.of("All"),
      PDFName.of("DeviceCMYK"),
      pdf.context.obj({ FunctionType: 2, Domain: [0, 1], C0: [0, 0, 0, 0], C1: [1, 1, 1, 1], N: 1 }),
    ]),
  );
}

/**
 * Draws `content` over the page in a graphics state of its own: the page's content is
 * put between q and Q first (Chromium leaves its transformation set at the end).
 */
export function appendContent(page: PDFPage, content: string, all?: PDFRef, xobjects: Record<string, PDFRef> = {}): void {
  const pdf = page.doc;
  const stream = (text: string) => pdf.context.register(compressedStream(pdf.context, new TextEncoder().encode(text)));
  const contents = page.node.get(PDFName.of("Contents"));
  const existing = asArray(pdf, contents)?.asArray() ?? (contents ? [contents] : []);
  page.node.set(PDFName.of("Contents"), pdf.context.obj([stream("q\n"), ...existing, stream("\nQ\n"), stream(content)]));
  const resources = page.node.Resources() ?? pdf.context.obj({});
  page.node.set(PDFName.of("Resources"), resources);
  const add = (category: string, name: string, ref: PDFRef) => {
    const dict = asDict(pdf, resources.get(PDFName.of(category)));
    if (dict) dict.set(PDFName.of(name), ref);
    else resources.set(PDFName.of(category), pdf.context.obj({ [name]: ref }));
  };
  if (all) add("ColorSpace", "PaibanAll", all);
  for (const [name, ref] of Object.entries(xobjects)) add("XObject", name, ref);
}
