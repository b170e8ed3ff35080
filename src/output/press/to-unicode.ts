import { type PDFDict, type PDFDocument, PDFName } from "pdf-lib";
import { asDict, asStream } from "../pdf-objects.ts";
import type { Operand } from "./content-stream.ts";
import { decodeStream } from "./streams.ts";

/**
 * The text a text-showing operation shows, read through its font's ToUnicode map (what
 * copy-and-paste and screen readers use): two-byte codes for a composite (Type 0) font,
 * one byte otherwise. Codes the map does not cover read as U+FFFD.
 */
export type ShownText = (operands: Operand[]) => string;

const cache = new WeakMap<PDFDict, ShownText>();

export function decoderFor(pdf: PDFDocument, font: PDFDict | undefined): ShownText {
  if (!font) return () => "";
  const known = cache.get(font);
  if (known) return known;
  const composite = font.get(PDFName.of("Subtype")) === PDFName.of("Type0");
  const stream = asStream(pdf, font.get(PDFName.of("ToUnicode")));
  const map = stream ? parseCMap(new TextDecoder().decode(decodeStream(stream))) : undefined;
  const width = composite ? 2 : 1;
  const decode = (bytes: Uint8Array) => {
    let text = "";
    for (let i = 0; i + width <= bytes.length; i += width) {
      const code = width === 2 ? ((bytes[i] as number) << 8) | (bytes[i + 1] as number) : (bytes[i] as number);
      text += map ? (map.get(code) ?? "\ufffd") : String.fromCharCode(code);
    }
    return text;
  };
  const decoder: ShownText = (operands) =>
    operands
      .flatMap((operand) => (operand.kind === "array" ? operand.items : [operand]))
      .map((operand) => (operand.kind === "string" ? decode(operand.bytes) : ""))
      .join("");
  cache.set(font, decoder);
  return decoder;
}

/** The font a resource dictionary names. */
export function fontOf(pdf: PDFDocument, resources: PDFDict | undefined, name: string | undefined): PDFDict | undefined {
  if (name === undefined) return undefined;
  return asDict(pdf, asDict(pdf, resources?.get(PDFName.of("Font")))?.get(PDFName.of(name)));
}

/** bfchar and bfrange entries of a ToUnicode CMap: code → text. */
export function parseCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => {
    let text = "";
    if (hex.length < 4) return hex ? String.fromCharCode(parseInt(hex, 16)) : "";
    for (let i = 0; i + 4 <= hex.length; i += 4) text += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
    return text;
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of (block[1] ?? "").matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g))
      map.set(parseInt(m[1] ?? "0", 16), utf16(m[2] ?? ""));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of (block[1] ?? "").matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])/g)) {
      const low = parseInt(m[1] ?? "0", 16);
      const high = parseInt(m[2] ?? "0", 16);
      const target = m[3] ?? "";
      if (target.startsWith("[")) {
        const items = [...target.matchAll(/<([0-9A-Fa-f]*)>/g)].map((x) => utf16(x[1] ?? ""));
        for (const [k, text] of items.entries()) map.set(low + k, text);
        continue;
      }
      const hex = target.slice(1, -1);
      // The last UTF-16 unit counts up through the range.
      const head = hex.slice(0, -4);
      const last = parseInt(hex.slice(-4) || "0", 16);
      for (let code = low; code <= high; code++) map.set(code, utf16(head) + String.fromCharCode(last + code - low));
    }
  }
  return map;
}
