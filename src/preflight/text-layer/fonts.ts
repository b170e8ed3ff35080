import { PDFArray, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFDict, type PDFDocument } from "pdf-lib";
import { asArray, asDict, decodedBytes } from "../../output/pdf-objects.ts";

/**
 * A font as the text layer needs it: what each code reads as and how far it advances.
 * Only the fonts Chromium writes are read here: composite (Type 0) fonts with the
 * Identity-H encoding (two bytes a code, the code the glyph's id) and a ToUnicode map.
 * Any other font is left to pdf.js.
 */
export interface TextFont {
  /** The key the text items name it by. */
  key: string;
  /** Its descendant's FontName (subset tag included), as pdf.js names the font. */
  name: string;
  /** Advance widths by glyph id, in thousandths of the size. */
  widths: Map<number, number>;
  defaultWidth: number;
  /** What each code reads as. */
  toUnicode: Map<number, string>;
}

/** Reads a font dictionary; undefined for a font this reader leaves to pdf.js. */
export function readTextFont(pdf: PDFDocument, ref: PDFRef | PDFDict): TextFont | undefined {
  const font = ref instanceof PDFRef ? asDict(pdf, ref) : ref;
  if (!font) return undefined;
  const name = (key: string, dict: PDFDict | undefined = font) => {
    const value = dict?.get(PDFName.of(key));
    return value instanceof PDFName ? value.decodeText() : undefined;
  };
  if (name("Subtype") !== "Type0" || name("Encoding") !== "Identity-H") return undefined;
  const descendant = asDict(pdf, asArray(pdf, font.get(PDFName.of("DescendantFonts")))?.get(0));
  const toUnicode = pdf.context.lookup(font.get(PDFName.of("ToUnicode")));
  if (!descendant || !(toUnicode instanceof PDFRawStream)) return undefined;
  const descriptor = asDict(pdf, descendant.get(PDFName.of("FontDescriptor")));
  const dw = pdf.context.lookup(descendant.get(PDFName.of("DW")));
  return {
    key: ref instanceof PDFRef ? `R${ref.objectNumber}` : "inline",
    name: name("FontName", descriptor) ?? name("BaseFont", descendant) ?? "",
    widths: cidWidths(pdf, asArray(pdf, descendant.get(PDFName.of("W")))),
    defaultWidth: dw instanceof PDFNumber ? dw.asNumber() : 1000,
    toUnicode: parseToUnicode(new TextDecoder("latin1").decode(decodedBytes(toUnicode))),
  };
}

/** A CID font's W array: `c [w1 w2 …]` and `c1 c2 w` entries. */
function cidWidths(pdf: PDFDocument, w: PDFArray | undefined): Map<number, number> {
  const widths = new Map<number, number>();
  if (!w) return widths;
  const items = w.asArray().map((item) => pdf.context.lookup(item));
  const number = (i: number) => {
    const item = items[i];
    return item instanceof PDFNumber ? item.asNumber() : undefined;
  };
  for (let i = 0; i < items.length; ) {
    const first = number(i);
    const next = items[i + 1];
    if (first === undefined) break;
    if (next instanceof PDFArray) {
      next.asArray().forEach((width, j) => {
        const value = pdf.context.lookup(width);
        if (value instanceof PDFNumber) widths.set(first + j, value.asNumber());
      });
      i += 2;
    } else {
      const last = number(i + 1);
      const width = number(i + 2);
      if (last === undefined || width === undefined) break;
      for (let cid = first; cid <= last; cid++) widths.set(cid, width);
      i += 3;
    }
  }
  return widths;
}

/**
 * A ToUnicode CMap's bfchar and bfrange entries, read as pdf.js reads them: a range's
 * destination steps its last byte (carrying into the one before), and the bytes are
 * UTF-16BE.
 */
export function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (token: string) => {
    const digits = token.replace(/[^0-9A-Fa-f]/g, "");
    let bytes = "";
    for (let i = 0; i < digits.length; i += 2) bytes += String.fromCharCode(parseInt(digits.slice(i, i + 2).padEnd(2, "0"), 16));
    return bytes;
  };
  const code = (token: string) => parseInt(token.replace(/[^0-9A-Fa-f]/g, "") || "0", 16);
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of (block[1] ?? "").matchAll(/<([^>]*)>\s*<([^>]*)>/g)) map.set(code(src ?? ""), hex(dst ?? ""));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, low, high, dst, list] of (block[1] ?? "").matchAll(/<([^>]*)>\s*<([^>]*)>\s*(?:<([^>]*)>|\[([^\]]*)\])/g)) {
      let from = code(low ?? "");
      const to = code(high ?? "");
      if (list !== undefined) {
        for (const [, each] of list.matchAll(/<([^>]*)>/g)) if (from <= to) map.set(from++, hex(each ?? ""));
        continue;
      }
      let bytes = hex(dst ?? "");
      const last = bytes.length - 1;
      for (; from <= to; from++) {
        map.set(from, bytes);
        const next = bytes.charCodeAt(last) + 1;
        bytes =
          next > 0xff
            ? `${bytes.substring(0, last - 1)}${String.fromCharCode(bytes.charCodeAt(last - 1) + 1)}\x00`
            : `${bytes.substring(0, last)}${String.fromCharCode(next)}`;
      }
    }
  }
  for (const [key, bytes] of map) map.set(key, utf16(bytes));
  return map;
}

/** UTF-16BE bytes as text, surrogate pairs joined (an odd byte out taken as the low byte of the first). */
function utf16(token: string): string {
  const bytes = token.length % 2 !== 0 ? `\u0000${token}` : token;
  const points: number[] = [];
  for (let k = 0; k < bytes.length; k += 2) {
    const w1 = (bytes.charCodeAt(k) << 8) | bytes.charCodeAt(k + 1);
    if ((w1 & 0xf800) !== 0xd800) {
      points.push(w1);
      continue;
    }
    k += 2;
    const w2 = (bytes.charCodeAt(k) << 8) | bytes.charCodeAt(k + 1);
    points.push(((w1 & 0x3ff) << 10) + (w2 & 0x3ff) + 0x10000);
  }
  return String.fromCodePoint(...points);
}
