import { readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { inflateSync } from "node:zlib";
import { readSvg } from "./svg.ts";

/**
 * The images an article prints, read from its folder: where they may come from, what
 * they are, and their size. A figure's file is read while the Markdown is rendered, so
 * `build`, `preview`, `export jats` and `check` refuse the same files in the same words.
 */

export type ImageFormat = "png" | "jpeg" | "svg";

export interface RasterImage {
  format: "png" | "jpeg";
  file: string;
  /** Pixels, as the file stores them (and as the PDF embeds them: never resampled). */
  width: number;
  height: number;
  bytes: Buffer;
}

export interface VectorImage {
  format: "svg";
  file: string;
  /** Natural size in CSS px (1/96 in), from its width and height or its viewBox. */
  width: number;
  height: number;
  /** Its width or height was given; else it fills the text width. */
  hasSize: boolean;
  /** The drawing, made safe to set inside the page (see svg.ts). */
  markup: string;
}

export type ImageAsset = RasterImage | VectorImage;

/** Why an image cannot be used: what is wrong, and how to put it right. */
export interface ImageRefusal {
  message: string;
  hint: string;
}

const SCHEME = /^[a-z][a-z\d+.-]*:/i;
const SUPPORTED = "PNG, JPEG or SVG";

/**
 * The image `target` (as written in the Markdown) names, relative to `dir`: a file in
 * the article's folder or below it, that decodes as a PNG, JPEG or SVG. Nothing is
 * fetched from a network; nothing outside the folder is read.
 */
export function loadImage(dir: string, target: string): { image: ImageAsset } | { refusal: ImageRefusal } {
  const refuse = (message: string, hint: string) => ({ refusal: { message, hint } });
  if (target.trim() === "") return refuse("an image with no file", "write ![caption](file.png) with the file's path");
  if (SCHEME.test(target) && !/^[a-z]:[\\/]/i.test(target)) {
    return refuse(`the image '${target}' is a URL: images are never fetched`, "save the file in the article's folder and give its path");
  }
  const written = decodePath(target);
  if (path.isAbsolute(written) || /^[a-z]:[\\/]/i.test(written) || written.startsWith("//")) {
    return refuse(
      `the image path '${target}' leaves the article's folder`,
      "give a path relative to the article's folder, e.g. figures/map.png",
    );
  }
  const file = path.resolve(dir, written);
  if (!inside(dir, file)) {
    return refuse(
      `the image path '${target}' leaves the article's folder`,
      "copy the file into the article's folder (or a folder below it) and give that path",
    );
  }
  let stats: ReturnType<typeof statSync> | undefined;
  try {
    stats = statSync(file);
  } catch {
    stats = undefined;
  }
  if (!stats?.isFile()) {
    return refuse(
      `image '${target}': no such file`,
      `paths are relative to ${path.basename(dir)}/; put the file there or correct the path`,
    );
  }
  // A link inside the folder may still point out of it.
  if (!inside(realpathSync(dir), realpathSync(file))) {
    return refuse(
      `the image '${target}' is a link to a file outside the article's folder`,
      "copy the file itself into the article's folder",
    );
  }
  const key = `${file}\0${stats.size}\0${stats.mtimeMs}`;
  const known = decoded.get(key);
  if (known) return known;
  const result = decode(file, target);
  decoded.set(key, result);
  return result;
}

/**
 * What each file decoded to, by path, size and time of change: the Markdown is rendered
 * several times in one run (build, check's rules, preview's rebuilds), the files read once.
 */
const decoded = new Map<string, { image: ImageAsset } | { refusal: ImageRefusal }>();

function decode(file: string, target: string): { image: ImageAsset } | { refusal: ImageRefusal } {
  const refuse = (message: string, hint: string) => ({ refusal: { message, hint } });
  const bytes = readFileSync(file);
  const format = sniff(bytes);
  if (format === undefined || typeof format === "object") {
    const known = format?.name ?? unsupportedByName(file);
    return known
      ? refuse(
          `the image '${target}' is ${known}, which is not supported`,
          `convert it to ${SUPPORTED} (PNG for drawings and screenshots, JPEG for photographs)`,
        )
      : refuse(`the image '${target}' does not decode as an image`, `give a ${SUPPORTED} file; this one may be damaged or of another kind`);
  }
  try {
    if (format === "svg") {
      const svg = readSvg(bytes.toString("utf8"), idPrefix(file));
      return { image: { format, file, ...svg } };
    }
    const size = format === "png" ? decodePng(bytes) : decodeJpeg(bytes);
    return { image: { format, file, ...size, bytes } };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (format === "svg")
      return refuse(`the drawing '${target}' cannot be set: ${reason}`, "save it again as plain SVG from the program that made it");
    return refuse(
      `the image '${target}' does not decode as a ${format.toUpperCase()}: ${reason}`,
      `save it again from the program that made it, as ${SUPPORTED}`,
    );
  }
}

/** The file a link names: no query or fragment, percent-escapes undone (markdown-it escapes spaces and non-ASCII). */
export function decodePath(target: string): string {
  const bare = target.replace(/[?#].*$/, "");
  try {
    return decodeURIComponent(bare);
  } catch {
    return bare;
  }
}

function inside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

/** Ids of the drawing's elements are made unique per file, as several drawings share one page. */
function idPrefix(file: string): string {
  let h = 0;
  for (const ch of file) h = (Math.imul(h, 31) + (ch.codePointAt(0) ?? 0)) >>> 0;
  return `svg${h.toString(36)}`;
}

/** The format by the file's first bytes; another image format is named, so the message can say which. */
function sniff(bytes: Buffer): ImageFormat | { name: string } | undefined {
  const starts = (...values: number[]) => values.every((v, i) => bytes[i] === v);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "png";
  if (starts(0xff, 0xd8, 0xff)) return "jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return { name: "a GIF" };
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes.subarray(8, 12).toString("latin1") === "WEBP") return { name: "a WebP image" };
  if (starts(0x42, 0x4d)) return { name: "a BMP image" };
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return { name: "a TIFF image" };
  if (starts(0x25, 0x50, 0x44, 0x46)) return { name: "a PDF" };
  if (
    bytes
      .subarray(4, 12)
      .toString("latin1")
      .match(/^ftyp(heic|heix|mif1|avif)/)
  )
    return { name: "a HEIF/AVIF image" };
  const head = bytes
    .subarray(0, 1024)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(head)) return "svg";
  return undefined;
}

function unsupportedByName(file: string): string | undefined {
  const names: Record<string, string> = {
    ".gif": "a GIF",
    ".webp": "a WebP image",
    ".bmp": "a BMP image",
    ".tif": "a TIFF image",
    ".tiff": "a TIFF image",
    ".pdf": "a PDF",
    ".eps": "an EPS drawing",
    ".heic": "a HEIF image",
    ".avif": "an AVIF image",
  };
  return names[path.extname(file).toLowerCase()];
}

/** PNG: its chunks intact (CRCs), and its image data inflating to exactly the rows its header promises. */
function decodePng(bytes: Buffer): { width: number; height: number } {
  let offset = 8;
  let header: { width: number; height: number; bitDepth: number; colourType: number; interlace: number } | undefined;
  const data: Buffer[] = [];
  let ended = false;
  while (offset < bytes.length && !ended) {
    if (offset + 12 > bytes.length) throw new Error("it ends inside a chunk (is the file cut short?)");
    const length = bytes.readUInt32BE(offset);
    const type = bytes.subarray(offset + 4, offset + 8).toString("latin1");
    const end = offset + 12 + length;
    if (end > bytes.length) throw new Error(`its ${type} chunk runs past the end of the file (is the file cut short?)`);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== bytes.readUInt32BE(offset + 8 + length)) {
      throw new Error(`its ${type} chunk is damaged (checksum mismatch)`);
    }
    if (type === "IHDR") {
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        bitDepth: body[8] ?? 0,
        colourType: body[9] ?? 0,
        interlace: body[12] ?? 0,
      };
    } else if (type === "IDAT") data.push(body);
    else if (type === "IEND") ended = true;
    offset = end;
  }
  if (!header) throw new Error("it has no header (IHDR)");
  if (header.width === 0 || header.height === 0) throw new Error("it is 0 pixels wide or high");
  if (data.length === 0) throw new Error("it has no image data (IDAT)");
  if (!ended) throw new Error("it has no end (IEND): is the file cut short?");
  let pixels: Buffer;
  try {
    pixels = inflateSync(Buffer.concat(data));
  } catch {
    throw new Error("its image data does not decompress");
  }
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[header.colourType];
  if (channels === undefined) throw new Error(`its colour type ${header.colourType} is not a PNG one`);
  const bits = channels * header.bitDepth;
  const rowBytes = (w: number) => (w === 0 ? 0 : 1 + Math.ceil((w * bits) / 8));
  const { width, height } = header;
  // Adam7 passes: offsets and steps in x and y.
  const passes = header.interlace
    ? [
        [0, 8, 0, 8],
        [4, 8, 0, 8],
        [0, 4, 4, 8],
        [2, 4, 0, 4],
        [0, 2, 2, 4],
        [1, 2, 0, 2],
        [0, 1, 1, 2],
      ]
    : [[0, 1, 0, 1]];
  const expected = passes.reduce((sum, [x0 = 0, dx = 1, y0 = 0, dy = 1]) => {
    const w = Math.ceil((width - x0) / dx);
    const h = Math.ceil((height - y0) / dy);
    return sum + (w > 0 && h > 0 ? h * rowBytes(w) : 0);
  }, 0);
  if (pixels.length < expected)
    throw new Error(`its image data holds ${pixels.length} bytes of the ${expected} its size needs (is it cut short?)`);
  return { width, height };
}

const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** JPEG: its segments in order, a frame header with the size, at least one scan, and the end-of-image marker after it. */
function decodeJpeg(bytes: Buffer): { width: number; height: number } {
  let offset = 2;
  let size: { width: number; height: number } | undefined;
  let scans = 0;
  while (offset < bytes.length) {
    if (bytes[offset] !== 0xff) throw new Error(`a segment is damaged at byte ${offset}`);
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset++;
      continue;
    }
    if (marker === 0xd9) {
      if (!size) throw new Error("it has no frame header (no size)");
      if (scans === 0) throw new Error("it has no image data (no scan)");
      return size;
    }
    if (marker >= 0xd0 && marker <= 0xd7) {
      offset += 2;
      continue;
    }
    if (offset + 4 > bytes.length) break;
    const length = bytes.readUInt16BE(offset + 2);
    if (offset + 2 + length > bytes.length) break;
    if (SOF.has(marker)) size = { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    offset += 2 + length;
    if (marker === 0xda) {
      scans++;
      // Entropy-coded data runs to the next marker that is not a stuffed byte or a restart.
      while (offset < bytes.length - 1) {
        if (bytes[offset] === 0xff) {
          const next = bytes[offset + 1] ?? 0;
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
        }
        offset++;
      }
    }
  }
  if (size && (size.width === 0 || size.height === 0)) throw new Error("it is 0 pixels wide or high");
  throw new Error("it ends before its end-of-image marker (is the file cut short?)");
}

let crcTable: Uint32Array | undefined;

function crc32(bytes: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
