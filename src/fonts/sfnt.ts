import { brotliDecompressSync, inflateSync } from "node:zlib";

/**
 * What paiban needs to know of a font file, read from its tables: the characters it has
 * glyphs for (cmap), its PostScript name (name), and its outlines. TrueType, OpenType,
 * WOFF and WOFF2 files are read; only the tables asked for are decompressed.
 */
export interface FontFacts {
  /** PostScript name (name ID 6), as a PDF's font dictionary names the font. */
  postScriptName: string;
  /** Family name (ID 16, else ID 1). */
  family: string;
  /** `glyf`: TrueType outlines; `cff`: PostScript outlines (Chromium writes those to a PDF as Type 3 fonts). */
  outlines: "glyf" | "cff";
  /** Code points with a glyph. */
  coverage: Set<number>;
  /** Variation axes (`wght`…) of a variable font; none for a static one. */
  axes: string[];
}

export class FontFileError extends Error {
  override name = "FontFileError";
}

export function readFontFacts(bytes: Uint8Array): FontFacts {
  const font = openFont(bytes);
  const cmap = font.table("cmap");
  const name = font.table("name");
  if (!cmap) throw new FontFileError("the font has no cmap table: it maps no character to a glyph");
  const names = name ? readNames(name) : new Map<number, string>();
  return {
    postScriptName: names.get(6) ?? "",
    family: names.get(16) ?? names.get(1) ?? "",
    outlines: font.has("CFF ") || font.has("CFF2") ? "cff" : "glyf",
    coverage: readCmap(cmap),
    axes: readAxes(font.table("fvar")),
  };
}

interface OpenFont {
  has(tag: string): boolean;
  table(tag: string): DataView | undefined;
}

function openFont(bytes: Uint8Array): OpenFont {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12) throw new FontFileError("the file is too short to be a font");
  const signature = tagAt(view, 0);
  if (signature === "wOFF") return openWoff(bytes, view);
  if (signature === "wOF2") return openWoff2(bytes, view);
  if (signature === "ttcf") throw new FontFileError("a font collection (.ttc): name a single font file (.ttf, .otf, .woff, .woff2)");
  if (signature === "OTTO" || view.getUint32(0) === 0x00010000 || signature === "true") return openSfnt(bytes, view);
  throw new FontFileError("not a font file (TrueType, OpenType, WOFF or WOFF2)");
}

function tagAt(view: DataView, offset: number): string {
  return String.fromCharCode(view.getUint8(offset), view.getUint8(offset + 1), view.getUint8(offset + 2), view.getUint8(offset + 3));
}

function slice(bytes: Uint8Array, offset: number, length: number): DataView {
  if (offset + length > bytes.byteLength) throw new FontFileError("the file is cut short (a table runs past its end)");
  return new DataView(bytes.buffer, bytes.byteOffset + offset, length);
}

function openSfnt(bytes: Uint8Array, view: DataView): OpenFont {
  const count = view.getUint16(4);
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < count; i++) {
    const entry = 12 + 16 * i;
    tables.set(tagAt(view, entry), { offset: view.getUint32(entry + 8), length: view.getUint32(entry + 12) });
  }
  return {
    has: (tag) => tables.has(tag),
    table(tag) {
      const t = tables.get(tag);
      return t && slice(bytes, t.offset, t.length);
    },
  };
}

function openWoff(bytes: Uint8Array, view: DataView): OpenFont {
  const count = view.getUint16(12);
  const tables = new Map<string, { offset: number; compressed: number; length: number }>();
  for (let i = 0; i < count; i++) {
    const entry = 44 + 20 * i;
    tables.set(tagAt(view, entry), {
      offset: view.getUint32(entry + 4),
      compressed: view.getUint32(entry + 8),
      length: view.getUint32(entry + 12),
    });
  }
  return {
    has: (tag) => tables.has(tag),
    table(tag) {
      const t = tables.get(tag);
      if (!t) return undefined;
      const data = slice(bytes, t.offset, t.compressed);
      if (t.compressed === t.length) return data;
      const inflated = inflateSync(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      return new DataView(inflated.buffer, inflated.byteOffset, inflated.byteLength);
    },
  };
}

/** The tags WOFF2 numbers instead of spelling out (its table directory's flags 0–62). */
const WOFF2_TAGS =
  "cmap head hhea hmtx maxp name OS/2 post cvt  fpgm glyf loca prep CFF  VORG EBDT EBLC gasp hdmx kern LTSH PCLT VDMX vhea vmtx BASE GDEF GPOS GSUB EBSC JSTF MATH CBDT CBLC COLR CPAL SVG  sbix acnt avar bdat bloc bsln cvar fdsc feat fmtx fvar gvar hsty just lcar mort morx opbd prop trak Zapf Silf Glat Gloc Feat Sill"
    .match(/.{4}\s?/g)
    ?.map((t) => t.slice(0, 4)) ?? [];

function openWoff2(bytes: Uint8Array, view: DataView): OpenFont {
  const count = view.getUint16(12);
  const compressedLength = view.getUint32(20);
  let at = 48;
  const base128 = () => {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const byte = view.getUint8(at++);
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) return value;
    }
    throw new FontFileError("a malformed WOFF2 table directory");
  };
  // Tables lie one after the other in the decompressed stream, in directory order.
  const tables = new Map<string, { offset: number; length: number; transformed: boolean }>();
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const flags = view.getUint8(at++);
    let tag = WOFF2_TAGS[flags & 0x3f];
    if ((flags & 0x3f) === 0x3f) {
      tag = tagAt(view, at);
      at += 4;
    }
    const version = flags >> 6;
    const length = base128();
    // glyf and loca are transformed unless version 3; every other table unless version is not 0.
    const transformed = tag === "glyf" || tag === "loca" ? version !== 3 : version !== 0;
    const stored = transformed ? base128() : length;
    if (tag) tables.set(tag, { offset, length: stored, transformed });
    offset += stored;
  }
  let stream: Uint8Array | undefined;
  const data = () => {
    stream ??= brotliDecompressSync(slice(bytes, at, compressedLength));
    return stream;
  };
  return {
    has: (tag) => tables.has(tag),
    table(tag) {
      const t = tables.get(tag);
      if (!t) return undefined;
      if (t.transformed) throw new FontFileError(`the WOFF2 file's ${tag} table is transformed`);
      return slice(data(), t.offset, t.length);
    },
  };
}

/** The names of the name table by ID, from Windows Unicode records (else Mac Roman ones). */
function readNames(table: DataView): Map<number, string> {
  const count = table.getUint16(2);
  const strings = table.getUint16(4);
  const names = new Map<number, string>();
  for (let i = 0; i < count; i++) {
    const record = 6 + 12 * i;
    const platform = table.getUint16(record);
    const language = table.getUint16(record + 4);
    const id = table.getUint16(record + 6);
    const length = table.getUint16(record + 8);
    const offset = strings + table.getUint16(record + 10);
    let text = "";
    if (platform === 3 || platform === 0) {
      for (let j = 0; j + 1 < length; j += 2) text += String.fromCharCode(table.getUint16(offset + j));
      // US English first; any Unicode record over a Mac one.
      if (!names.has(id) || language === 0x409) names.set(id, text);
    } else if (platform === 1 && !names.has(id)) {
      for (let j = 0; j < length; j++) text += String.fromCharCode(table.getUint8(offset + j));
      names.set(id, text);
    }
  }
  return names;
}

/** The tags of a variable font's axes (the fvar table's axis records). */
function readAxes(fvar: DataView | undefined): string[] {
  if (!fvar) return [];
  const first = fvar.getUint16(4);
  const count = fvar.getUint16(8);
  const size = fvar.getUint16(10);
  return Array.from({ length: count }, (_, i) => tagAt(fvar, first + i * size));
}

/** Every code point the cmap maps to a glyph other than .notdef (formats 4 and 12). */
function readCmap(table: DataView): Set<number> {
  const count = table.getUint16(2);
  const subtables: { platform: number; encoding: number; offset: number }[] = [];
  for (let i = 0; i < count; i++) {
    const record = 4 + 8 * i;
    subtables.push({ platform: table.getUint16(record), encoding: table.getUint16(record + 2), offset: table.getUint32(record + 4) });
  }
  const format = (s: { offset: number }) => table.getUint16(s.offset);
  const unicode = subtables.filter((s) => s.platform === 0 || (s.platform === 3 && (s.encoding === 1 || s.encoding === 10)));
  const best = unicode.find((s) => format(s) === 12) ?? unicode.find((s) => format(s) === 4);
  if (!best) throw new FontFileError("the font has no Unicode cmap (format 4 or 12)");
  return format(best) === 12 ? readFormat12(table, best.offset) : readFormat4(table, best.offset);
}

function readFormat4(table: DataView, at: number): Set<number> {
  const segments = table.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  const coverage = new Set<number>();
  for (let s = 0; s < segments; s++) {
    const end = table.getUint16(ends + 2 * s);
    const start = table.getUint16(starts + 2 * s);
    const delta = table.getInt16(deltas + 2 * s);
    const rangeOffset = table.getUint16(rangeOffsets + 2 * s);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const at = rangeOffsets + 2 * s + rangeOffset + 2 * (c - start);
        glyph = table.getUint16(at);
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) coverage.add(c);
    }
  }
  return coverage;
}

function readFormat12(table: DataView, at: number): Set<number> {
  const groups = table.getUint32(at + 12);
  const coverage = new Set<number>();
  for (let g = 0; g < groups; g++) {
    const group = at + 16 + 12 * g;
    const start = table.getUint32(group);
    const end = table.getUint32(group + 4);
    const glyph = table.getUint32(group + 8);
    for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) coverage.add(c);
  }
  return coverage;
}
