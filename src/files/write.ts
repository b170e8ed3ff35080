import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

let written = 0;

/**
 * Writes the whole file beside its destination, then renames it into place, so a reader
 * never sees half a file (a PDF, a cache entry, a bundle) and a failed write leaves the
 * previous one untouched.
 */
export async function writeAtomically(file: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // Unique within the process too: two writes of one file may be in flight at once.
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${written++}.tmp`);
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** A JSON file's value; undefined when it is missing or not JSON (a cache that was never written, or cut short). */
export async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}
