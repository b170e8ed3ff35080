import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream, type PDFPage } from "pdf-lib";

/** A filled shape the page draws, as its box in points from the page's top-left corner. */
export interface DrawnBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * The horizontal rules a page draws: filled shapes (Chromium draws borders and backgrounds
 * as filled rectangles and paths, a table's rule cell by cell) less than 3 pt high, the
 * pieces of one rule joined, at least `minWidth` points wide. Read from the page's content
 * streams, following the transformation matrix (cm, q, Q).
 */
export async function horizontalRules(bytes: Uint8Array, pageIndex: number, minWidth = 100): Promise<DrawnBox[]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const page = pdf.getPage(pageIndex);
  const height = page.getMediaBox().height;
  const pieces = filledBoxes(page)
    .filter((b) => b.bottom - b.top < 3)
    .sort((a, b) => a.top - b.top || a.left - b.left);
  const rules: DrawnBox[] = [];
  for (const piece of pieces) {
    const joined = rules.find(
      (r) =>
        Math.abs(r.top - piece.top) < 0.05 && Math.abs(r.bottom - piece.bottom) < 0.05 && piece.left - r.right < 1 && r.left <= piece.left,
    );
    if (joined) joined.right = Math.max(joined.right, piece.right);
    else rules.push({ ...piece });
  }
  return rules
    .filter((r) => r.right - r.left >= minWidth)
    .map((r) => ({ ...r, top: height - r.bottom, bottom: height - r.top }))
    .sort((a, b) => a.top - b.top);
}

type Matrix = [number, number, number, number, number, number];

function filledBoxes(page: PDFPage): DrawnBox[] {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => page.doc.context.lookup(ref)) : [contents];
  const text = streams
    .map((s) => (s instanceof PDFRawStream ? new TextDecoder("latin1").decode(decodePDFRawStream(s).decode()) : ""))
    .join("\n");
  const boxes: DrawnBox[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let path: [number, number][] = [];
  const operands: number[] = [];
  const apply = (x: number, y: number): [number, number] => [ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]];
  // Skip strings and inline text: only numbers and operators matter here.
  for (const token of text
    .replace(/\((?:\\.|[^\\)])*\)/g, " ")
    .replace(/<[0-9A-Fa-f\s]*>/g, " ")
    .split(/\s+/)) {
    if (token === "") continue;
    const n = Number(token);
    if (!Number.isNaN(n) && /^[-+.\d]/.test(token)) {
      operands.push(n);
      continue;
    }
    const args = operands.splice(0);
    switch (token) {
      case "q":
        stack.push([...ctm]);
        break;
      case "Q":
        ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
        break;
      case "cm": {
        const [a, b, c, d, e, f] = args as Matrix;
        ctm = [
          a * ctm[0] + b * ctm[2],
          a * ctm[1] + b * ctm[3],
          c * ctm[0] + d * ctm[2],
          c * ctm[1] + d * ctm[3],
          e * ctm[0] + f * ctm[2] + ctm[4],
          e * ctm[1] + f * ctm[3] + ctm[5],
        ];
        break;
      }
      case "re": {
        const [x, y, w, h] = args as [number, number, number, number];
        path.push(apply(x, y), apply(x + w, y), apply(x + w, y + h), apply(x, y + h));
        break;
      }
      case "m":
      case "l":
        path.push(apply(args[0] ?? 0, args[1] ?? 0));
        break;
      case "f":
      case "f*":
      case "F":
      case "B":
      case "B*":
        if (path.length > 0) {
          const xs = path.map((p) => p[0]);
          const ys = path.map((p) => p[1]);
          boxes.push({ left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) });
        }
        path = [];
        break;
      case "n":
      case "S":
      case "s":
        path = [];
        break;
      default:
        break;
    }
  }
  return boxes;
}
