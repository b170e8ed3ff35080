import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A separation as a press would expose it: how much ink each pixel takes (0–255), row by row. */
export interface Plate {
  width: number;
  height: number;
  ink: Uint8Array;
}

/**
 * Page `page` (1-based) of a PDF separated into its plates by Ghostscript's tiffsep device,
 * as a CMYK press would print it: Cyan, Magenta, Yellow, Black (and any spot colour).
 */
export async function separate(file: string, page: number, dpi = 50): Promise<Map<string, Plate>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "paiban-plates-"));
  try {
    await run("gs", [
      "-q",
      "-dNOPAUSE",
      "-dBATCH",
      "-dSAFER",
      "-sDEVICE=tiffsep",
      "-sCompression=none",
      `-r${dpi}`,
      `-dFirstPage=${page}`,
      `-dLastPage=${page}`,
      `-sOutputFile=${path.join(dir, "page.tif")}`,
      file,
    ]);
    const plates = new Map<string, Plate>();
    for (const name of await readdir(dir)) {
      const colorant = /\((.+)\)\.tif$/.exec(name)?.[1];
      if (colorant) plates.set(colorant, readTiff(new Uint8Array(await readFile(path.join(dir, name)))));
    }
    return plates;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The ink on a plate inside a rectangle given in points from the page's top-left corner (its share of full coverage). */
export function inkWithin(plate: Plate, box: { left: number; top: number; right: number; bottom: number }, dpi = 50): number {
  const px = (pt: number) => Math.round((pt / 72) * dpi);
  let sum = 0;
  let count = 0;
  for (let y = Math.max(0, px(box.top)); y < Math.min(plate.height, px(box.bottom)); y++) {
    for (let x = Math.max(0, px(box.left)); x < Math.min(plate.width, px(box.right)); x++) {
      sum += plate.ink[y * plate.width + x] as number;
      count++;
    }
  }
  return count === 0 ? 0 : sum / (count * 255);
}

/** An uncompressed 8-bit, one-channel TIFF (what tiffsep writes for each plate). */
function readTiff(bytes: Uint8Array): Plate {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = bytes[0] === 0x49;
  const u16 = (at: number) => view.getUint16(at, le);
  const u32 = (at: number) => view.getUint32(at, le);
  const ifd = u32(4);
  const tags = new Map<number, { type: number; count: number; value: number }>();
  for (let i = 0; i < u16(ifd); i++) {
    const entry = ifd + 2 + 12 * i;
    const type = u16(entry + 2);
    const count = u32(entry + 4);
    tags.set(u16(entry), { type, count, value: type === 3 && count === 1 ? u16(entry + 8) : u32(entry + 8) });
  }
  const tag = (id: number) => tags.get(id) ?? { type: 0, count: 0, value: 0 };
  const width = tag(256).value;
  const height = tag(257).value;
  const at = (t: { type: number; count: number; value: number }, i: number) =>
    t.count === 1 ? t.value : t.type === 3 ? u16(t.value + 2 * i) : u32(t.value + 4 * i);
  const offsets = tag(273);
  const counts = tag(279);
  const data = new Uint8Array(width * height);
  let filled = 0;
  for (let i = 0; i < offsets.count; i++) {
    const strip = bytes.subarray(at(offsets, i), at(offsets, i) + at(counts, i));
    data.set(strip.subarray(0, data.length - filled), filled);
    filled += strip.length;
  }
  // Photometric 0: 0 is white, so the value is the ink; 1: the other way round.
  if (tag(262).value === 1) for (let i = 0; i < data.length; i++) data[i] = 255 - (data[i] as number);
  return { width, height, ink: data };
}
