import type { PDFDict, PDFDocument } from "pdf-lib";
import type { Operation } from "./content-stream.ts";
import { interpret, type OperationEvent } from "./interpret.ts";

/**
 * Content that is neither in the structure tree nor marked as an artifact: what PDF/UA
 * and PDF/A-2a forbid. Chromium tags what the DOM holds but leaves untagged what CSS
 * generates (running heads and folios in the page margins, note numbers from counters)
 * and what only decorates (rules, backgrounds).
 *
 * A unit is a whole graphics object: a path from its first point to its painting, a
 * text object (or, in one that also holds tagged text, one text-showing operation or one
 * marked sequence), an image, a form or a shading. Marked content may only wrap whole
 * graphics objects, or sit inside a text object.
 */
export interface UntaggedUnit {
  /** Index of its first and last operation. */
  first: number;
  last: number;
  kind: "text" | "path" | "image" | "form" | "shading";
  /** Inside a text object that also holds tagged text. */
  inText: boolean;
  /** Where it starts drawing (first glyph's origin, first point), in the page's default space. */
  at?: { x: number; y: number };
}

const PATH_START = new Set(["m", "re"]);
const PATH_END = new Set(["S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"]);
const TEXT_SHOWING = new Set(["Tj", "TJ", "'", '"']);

/** Whether a marked sequence's opening operator puts its content in the tree or among the artifacts. */
export function isTagged(op: Operation): boolean {
  const tag = op.operands[0];
  if (tag?.kind === "name" && tag.value === "Artifact") return true;
  const properties = op.operands[1];
  return properties?.kind === "dict" && properties.entries.has("MCID");
}

export interface UntaggedScan {
  units: UntaggedUnit[];
  events: OperationEvent[];
}

/** The untagged units of a content stream, in content order. */
export function findUntagged(pdf: PDFDocument, ops: Operation[], resources: PDFDict | undefined): UntaggedScan {
  const events: OperationEvent[] = [];
  interpret(pdf, ops, resources, (event) => events.push(event));
  const units: UntaggedUnit[] = [];
  const matching = (from: number, open: string[], close: string) => {
    let depth = 0;
    for (let j = from; j < ops.length; j++) {
      const o = (ops[j] as Operation).operator;
      if (open.includes(o)) depth++;
      else if (o === close && --depth === 0) return j;
    }
    return ops.length - 1;
  };
  const hasText = (first: number, last: number) => ops.slice(first, last + 1).some((op) => TEXT_SHOWING.has(op.operator));
  const firstOrigin = (first: number, last: number) => {
    for (let j = first; j <= last; j++) if (events[j]?.origin) return events[j]?.origin;
    return undefined;
  };
  const pointAt = (j: number) => {
    const op = ops[j] as Operation;
    const [x, y] = op.operands.map((o) => (o.kind === "number" ? o.value : 0));
    const m = events[j]?.state.ctm ?? [1, 0, 0, 1, 0, 0];
    return { x: (x ?? 0) * m[0] + (y ?? 0) * m[2] + m[4], y: (x ?? 0) * m[1] + (y ?? 0) * m[3] + m[5] };
  };

  const scan = (from: number, to: number, inText: boolean) => {
    for (let i = from; i <= to; i++) {
      const op = ops[i] as Operation;
      const o = op.operator;
      if (o === "BDC" || o === "BMC") {
        const end = Math.min(matching(i, ["BDC", "BMC"], "EMC"), to);
        if (!isTagged(op) && !containsTagged(ops, i + 1, end)) {
          const text = hasText(i, end);
          units.push({ first: i, last: end, kind: text ? "text" : "path", inText, at: text ? firstOrigin(i, end) : undefined });
        }
        i = end;
      } else if (o === "BT" && !inText) {
        const end = matching(i, ["BT"], "ET");
        const marked = ops.slice(i + 1, end).some((x) => x.operator === "BDC" || x.operator === "BMC");
        if (!marked) {
          if (hasText(i, end)) units.push({ first: i, last: end, kind: "text", inText: false, at: firstOrigin(i, end) });
        } else scan(i + 1, end - 1, true);
        i = end;
      } else if (TEXT_SHOWING.has(o)) {
        units.push({ first: i, last: i, kind: "text", inText, at: events[i]?.origin });
      } else if (PATH_START.has(o) && !inText) {
        let end = i;
        while (end < to && !PATH_END.has((ops[end] as Operation).operator)) end++;
        if ((ops[end] as Operation).operator !== "n") units.push({ first: i, last: end, kind: "path", inText: false, at: pointAt(i) });
        i = end;
      } else if (o === "Do" || o === "sh" || o === "BI") {
        const kind = o === "sh" ? "shading" : o === "BI" || events[i]?.xobject?.subtype === "Image" ? "image" : "form";
        units.push({ first: i, last: i, kind, inText, at: { x: events[i]?.state.ctm[4] ?? 0, y: events[i]?.state.ctm[5] ?? 0 } });
      }
    }
  };
  scan(0, ops.length - 1, false);
  return { units, events };
}

function containsTagged(ops: Operation[], from: number, to: number): boolean {
  for (let j = from; j < to; j++) {
    const op = ops[j] as Operation;
    if ((op.operator === "BDC" || op.operator === "BMC") && isTagged(op)) return true;
  }
  return false;
}
