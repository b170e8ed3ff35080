import { type PDFDict, type PDFDocument, PDFName, type PDFStream } from "pdf-lib";
import { asArray, asDict, asStream } from "../pdf-objects.ts";
import { type ColourSpace, DEVICE_GRAY, resolveColourSpace } from "./colour-space.ts";
import { type Operand, type Operation, parseContent } from "./content-stream.ts";
import { decodeStream } from "./streams.ts";

/**
 * Runs through a content stream keeping what a renderer keeps: the graphics state (the
 * transformation, the fill and stroke colours, the text rendering mode) through q/Q, the
 * text matrices, and the open marked-content sequences. A hook sees every operation with
 * the state it runs in; forms drawn with Do are run through in turn when asked.
 */

export type Matrix = readonly [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `a` then `b`: a point p maps to (p·a)·b. */
export function multiply(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[1] * b[2],
    a[0] * b[1] + a[1] * b[3],
    a[2] * b[0] + a[3] * b[2],
    a[2] * b[1] + a[3] * b[3],
    a[4] * b[0] + a[5] * b[2] + b[4],
    a[4] * b[1] + a[5] * b[3] + b[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): { x: number; y: number } {
  return { x: x * m[0] + y * m[2] + m[4], y: x * m[1] + y * m[3] + m[5] };
}

export interface Colour {
  space: ColourSpace;
  values: number[];
}

export interface GraphicsState {
  ctm: Matrix;
  fill: Colour;
  stroke: Colour;
  /** Tr: 0 fill, 1 stroke, 2 both, 3 invisible, 4–7 the same and clip. */
  renderMode: number;
}

export interface MarkedContent {
  tag: string;
  /** The sequence's MCID, when it belongs to the structure tree. */
  mcid?: number;
}

export interface OperationEvent {
  op: Operation;
  /** The state the operation runs in (before it changes anything). */
  state: GraphicsState;
  /** Open marked-content sequences, outermost first (a form's sequences after its caller's). */
  marked: readonly MarkedContent[];
  resources: PDFDict | undefined;
  /** Inside BT … ET. */
  inText: boolean;
  /** Where a text-showing operation starts drawing, in the page's default space. */
  origin?: { x: number; y: number };
  /** The font resource a text-showing operation uses (its name in the resources), and its size. */
  font?: { name: string; size: number };
  /** The XObject a Do draws. */
  xobject?: { subtype: "Form" | "Image" | "PS" | "unknown"; stream: PDFStream };
  /** 0 on the page (or the stream run), 1 inside a form it draws, … */
  depth: number;
}

export interface InterpretOptions {
  /** Run through the forms that Do draws (default: no). */
  forms?: boolean;
  /** The state the stream starts in (a form inherits its caller's). */
  state?: GraphicsState;
  marked?: readonly MarkedContent[];
}

const BLACK_GRAY: Colour = { space: DEVICE_GRAY, values: [0] };

/** The MCID of the innermost marked sequence that has one. */
export function innermostMcid(marked: readonly MarkedContent[]): number | undefined {
  for (let i = marked.length - 1; i >= 0; i--) {
    const mcid = marked[i]?.mcid;
    if (mcid !== undefined) return mcid;
  }
  return undefined;
}

export function initialState(): GraphicsState {
  return { ctm: IDENTITY, fill: BLACK_GRAY, stroke: BLACK_GRAY, renderMode: 0 };
}

const TEXT_SHOWING = new Set(["Tj", "TJ", "'", '"']);

export function interpret(
  pdf: PDFDocument,
  content: Uint8Array | Operation[],
  resources: PDFDict | undefined,
  hook: (event: OperationEvent) => void,
  options: InterpretOptions = {},
  depth = 0,
  running: Set<PDFStream> = new Set(),
): void {
  const ops = content instanceof Uint8Array ? parseContent(content) : content;
  let state: GraphicsState = options.state ?? initialState();
  const stack: GraphicsState[] = [];
  // Replaced, never changed in place: every event can keep the one it saw.
  let marked: readonly MarkedContent[] = options.marked ?? [];
  let text = { tm: IDENTITY, tlm: IDENTITY, font: "", size: 0, leading: 0, rise: 0 };
  let inText = false;
  const num = (op: Operation, i: number) => {
    const operand = op.operands[i];
    return operand?.kind === "number" ? operand.value : 0;
  };
  const moveText = (tx: number, ty: number) => {
    text.tlm = multiply([1, 0, 0, 1, tx, ty], text.tlm);
    text.tm = text.tlm;
  };
  const colourSpace = (operand: Operand | undefined) =>
    operand?.kind === "name" ? resolveColourSpace(pdf, operand.value, resources) : { family: "unknown" as const, components: 0 };

  for (const op of ops) {
    const o = op.operator;
    if (o === "'" || o === '"') moveText(0, -text.leading);
    const event: OperationEvent = { op, state, marked, resources, inText, depth };
    if (TEXT_SHOWING.has(o)) {
      const m = multiply(text.tm, state.ctm);
      event.origin = apply(m, 0, text.rise);
      event.font = { name: text.font, size: text.size };
    }
    if (o === "Do" && op.operands[0]?.kind === "name") {
      const stream = asStream(pdf, asDict(pdf, resources?.get(PDFName.of("XObject")))?.get(PDFName.of(op.operands[0].value)));
      if (stream) {
        const subtype = stream.dict.get(PDFName.of("Subtype"));
        const name = subtype instanceof PDFName ? subtype.decodeText() : "";
        event.xobject = { subtype: name === "Form" || name === "Image" || name === "PS" ? name : "unknown", stream };
      }
    }
    hook(event);

    switch (o) {
      case "q":
        stack.push(state);
        break;
      case "Q":
        state = stack.pop() ?? state;
        break;
      case "cm":
        state = { ...state, ctm: multiply([num(op, 0), num(op, 1), num(op, 2), num(op, 3), num(op, 4), num(op, 5)], state.ctm) };
        break;
      case "g":
      case "G":
      case "rg":
      case "RG":
      case "k":
      case "K": {
        const space = { g: "DeviceGray", rg: "DeviceRGB", k: "DeviceCMYK" }[o.toLowerCase() as "g" | "rg" | "k"];
        const colour = { space: resolveColourSpace(pdf, space), values: op.operands.map((_, i) => num(op, i)) };
        state = o === o.toLowerCase() ? { ...state, fill: colour } : { ...state, stroke: colour };
        break;
      }
      case "cs":
      case "CS": {
        const colour = { space: colourSpace(op.operands[0]), values: [] };
        state = o === "cs" ? { ...state, fill: colour } : { ...state, stroke: colour };
        break;
      }
      case "sc":
      case "scn":
      case "SC":
      case "SCN": {
        const fill = o.startsWith("s");
        const current = fill ? state.fill : state.stroke;
        const colour = {
          space: current.space,
          values: op.operands.filter((x) => x.kind === "number").map((x) => (x.kind === "number" ? x.value : 0)),
        };
        state = fill ? { ...state, fill: colour } : { ...state, stroke: colour };
        break;
      }
      case "Tr":
        state = { ...state, renderMode: num(op, 0) };
        break;
      case "BT":
        inText = true;
        text = { ...text, tm: IDENTITY, tlm: IDENTITY };
        break;
      case "ET":
        inText = false;
        break;
      case "Tf":
        text.font = op.operands[0]?.kind === "name" ? op.operands[0].value : "";
        text.size = num(op, 1);
        break;
      case "TL":
        text.leading = num(op, 0);
        break;
      case "Ts":
        text.rise = num(op, 0);
        break;
      case "Td":
        moveText(num(op, 0), num(op, 1));
        break;
      case "TD":
        text.leading = -num(op, 1);
        moveText(num(op, 0), num(op, 1));
        break;
      case "T*":
        moveText(0, -text.leading);
        break;
      case "Tm":
        text.tlm = [num(op, 0), num(op, 1), num(op, 2), num(op, 3), num(op, 4), num(op, 5)];
        text.tm = text.tlm;
        break;
      case "BMC":
      case "BDC": {
        const tag = op.operands[0]?.kind === "name" ? op.operands[0].value : "";
        const properties = op.operands[1];
        const mcid = properties?.kind === "dict" ? properties.entries.get("MCID") : undefined;
        marked = [...marked, { tag, mcid: mcid?.kind === "number" ? mcid.value : undefined }];
        break;
      }
      case "EMC":
        marked = marked.slice(0, -1);
        break;
      case "Do": {
        const form = event.xobject;
        if (!options.forms || form?.subtype !== "Form" || running.has(form.stream)) break;
        const matrix = asArray(pdf, form.stream.dict.get(PDFName.of("Matrix")))
          ?.asArray()
          .map((n) => Number(n.toString()));
        const ctm = matrix?.length === 6 ? multiply(matrix as unknown as Matrix, state.ctm) : state.ctm;
        const own = asDict(pdf, form.stream.dict.get(PDFName.of("Resources")));
        running.add(form.stream);
        interpret(
          pdf,
          decodeStream(form.stream),
          own ?? resources,
          hook,
          { ...options, state: { ...state, ctm }, marked },
          depth + 1,
          running,
        );
        running.delete(form.stream);
        break;
      }
    }
  }
}
