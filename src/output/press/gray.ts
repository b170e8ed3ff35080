import { type PDFDict, type PDFDocument, PDFName, PDFNumber, type PDFObject } from "pdf-lib";
import { asArray, asDict } from "../pdf-objects.ts";
import { resolveColourSpace } from "./colour-space.ts";
import { applyEdits, type Edit, formatNumber, type Operation, parseContent } from "./content-stream.ts";
import { contentSites } from "./streams.ts";

/**
 * Neutral colours as DeviceGray. Chromium writes every colour as DeviceRGB, so black text
 * is `0 0 0 rg`; converted for a CMYK press that becomes rich black (C, M, Y and K all
 * inked, about 295 % on 9 pt Chinese, which no press registers cleanly). A neutral RGB
 * colour (r = g = b) is rewritten as the gray of the same level, which a CMYK output
 * intent maps to K alone: text, rules and marks print on the black plate only. Other
 * colours are left as they are.
 *
 * Every content stream is rewritten (pages, forms, tiling patterns, annotation
 * appearances), operator by operator, and so are axial and radial shadings whose colours
 * are neutral (Chromium draws a 0.5 pt rule as a black-to-black gradient).
 */
export interface GrayReport {
  /** Colour operators rewritten. */
  operators: number;
  shadings: number;
}

/** r, g, b given as 8-bit values count as neutral when they are the same byte. */
const NEUTRAL = 0.5 / 255;

export function neutralToGray(pdf: PDFDocument): GrayReport {
  const report: GrayReport = { operators: 0, shadings: 0 };
  for (const site of contentSites(pdf)) {
    const bytes = site.read();
    const edits = grayEdits(pdf, parseContent(bytes), site.resources);
    if (edits.length > 0) site.write(applyEdits(bytes, edits));
    report.operators += edits.length;
    report.shadings += grayShadings(pdf, site.resources);
  }
  return report;
}

function neutral(values: number[]): number | undefined {
  if (values.length !== 3) return undefined;
  const [r, g, b] = values as [number, number, number];
  return Math.abs(r - g) <= NEUTRAL && Math.abs(g - b) <= NEUTRAL ? (r + g + b) / 3 : undefined;
}

/**
 * The edits of one stream. `rg`/`RG` are rewritten where they stand. A stream may also
 * select DeviceRGB with `cs` and set colours with `sc`: the space is then chosen again at
 * each `sc`, gray or RGB as the colour asks, so the stream's own later colours stay right.
 */
export function grayEdits(pdf: PDFDocument, ops: Operation[], resources: PDFDict | undefined): Edit[] {
  const edits: Edit[] = [];
  // Whether the stream believes its fill (stroke) space is DeviceRGB, through q/Q.
  let rgb = { fill: false, stroke: false };
  const saved: (typeof rgb)[] = [];
  const numbers = (op: Operation) => op.operands.flatMap((o) => (o.kind === "number" ? [o.value] : []));
  for (const op of ops) {
    const o = op.operator;
    const fill = o === o.toLowerCase();
    switch (o) {
      case "q":
        saved.push({ ...rgb });
        break;
      case "Q":
        rgb = saved.pop() ?? rgb;
        break;
      case "rg":
      case "RG": {
        const level = neutral(numbers(op));
        if (level !== undefined) edits.push({ start: op.start, end: op.end, text: `${formatNumber(level)} ${fill ? "g" : "G"}` });
        rgb = fill ? { ...rgb, fill: false } : { ...rgb, stroke: false };
        break;
      }
      case "g":
      case "G":
      case "k":
      case "K":
        rgb = fill ? { ...rgb, fill: false } : { ...rgb, stroke: false };
        break;
      case "cs":
      case "CS": {
        const name = op.operands[0]?.kind === "name" ? op.operands[0].value : "";
        const isRgb = resolveColourSpace(pdf, name, resources).family === "DeviceRGB";
        if (isRgb) edits.push({ start: op.start, end: op.end, text: `/DeviceGray ${o}` });
        rgb = fill ? { ...rgb, fill: isRgb } : { ...rgb, stroke: isRgb };
        break;
      }
      case "sc":
      case "scn":
      case "SC":
      case "SCN": {
        if (!(fill ? rgb.fill : rgb.stroke)) break;
        const values = numbers(op);
        const level = neutral(values);
        const space = fill ? "cs" : "CS";
        const text =
          level === undefined
            ? `/DeviceRGB ${space} ${values.map(formatNumber).join(" ")} ${o}`
            : `/DeviceGray ${space} ${formatNumber(level)} ${o}`;
        edits.push({ start: op.start, end: op.end, text });
        break;
      }
    }
  }
  return edits;
}

/** Shadings of the resources (directly, or in shading patterns) whose RGB colours are all neutral, set in DeviceGray. */
function grayShadings(pdf: PDFDocument, resources: PDFDict | undefined): number {
  let count = 0;
  const shadings = [
    ...[...(asDict(pdf, resources?.get(PDFName.of("Shading")))?.entries() ?? [])].map(([, s]) => s),
    ...[...(asDict(pdf, resources?.get(PDFName.of("Pattern")))?.entries() ?? [])].flatMap(([, p]) => {
      const pattern = asPatternDict(pdf, p);
      return pattern?.get(PDFName.of("PatternType"))?.toString() === "2" ? [pattern.get(PDFName.of("Shading"))] : [];
    }),
  ];
  for (const value of shadings) {
    const shading = asShadingDict(pdf, value);
    if (!shading) continue;
    if (resolveColourSpace(pdf, shading.get(PDFName.of("ColorSpace"))).family !== "DeviceRGB") continue;
    const fn = shading.get(PDFName.of("Function"));
    if (!grayFunction(pdf, fn, true)) continue;
    grayFunction(pdf, fn, false);
    shading.set(PDFName.of("ColorSpace"), PDFName.of("DeviceGray"));
    const background = asArray(pdf, shading.get(PDFName.of("Background")));
    if (background) {
      const level = neutral(background.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : Number.NaN)));
      if (level === undefined) shading.delete(PDFName.of("Background"));
      else shading.set(PDFName.of("Background"), pdf.context.obj([level]));
    }
    count++;
  }
  return count;
}

/**
 * An exponential function (type 2) with neutral C0 and C1, or a stitching function
 * (type 3) of such, rewritten to give one component. With `dryRun`, only says whether it can.
 */
function grayFunction(pdf: PDFDocument, value: PDFObject | undefined, dryRun: boolean): boolean {
  const fn = asDict(pdf, value);
  const type = fn?.get(PDFName.of("FunctionType"))?.toString();
  if (!fn) return false;
  if (type === "3") {
    const parts = asArray(pdf, fn.get(PDFName.of("Functions")))?.asArray() ?? [];
    return parts.length > 0 && parts.every((part) => grayFunction(pdf, part, dryRun));
  }
  if (type !== "2") return false;
  const levels = ["C0", "C1"].map((key) => {
    const array = asArray(pdf, fn.get(PDFName.of(key)));
    return array ? neutral(array.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : Number.NaN))) : undefined;
  });
  if (levels.some((level) => level === undefined)) return false;
  if (!dryRun) {
    fn.set(PDFName.of("C0"), pdf.context.obj([levels[0] as number]));
    fn.set(PDFName.of("C1"), pdf.context.obj([levels[1] as number]));
  }
  return true;
}

function asPatternDict(pdf: PDFDocument, value: PDFObject | undefined): PDFDict | undefined {
  // A shading pattern is a dictionary; a tiling pattern is a stream (its content is rewritten as a stream).
  return asDict(pdf, value);
}

function asShadingDict(pdf: PDFDocument, value: PDFObject | undefined): PDFDict | undefined {
  // Shading types 1–3 are dictionaries; 4–7 are streams of vertex data, left as they are.
  return asDict(pdf, value);
}
