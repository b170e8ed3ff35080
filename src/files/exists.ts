import { stat } from "node:fs/promises";

/** Whether anything is at `file` (a file or a folder). */
export async function exists(file: string): Promise<boolean> {
  return (await statOf(file)) !== undefined;
}

export async function isFile(file: string): Promise<boolean> {
  return (await statOf(file))?.isFile() ?? false;
}

export async function isDirectory(file: string): Promise<boolean> {
  return (await statOf(file))?.isDirectory() ?? false;
}

/** What is at `file`; undefined when nothing is, or it cannot be read. */
async function statOf(file: string) {
  return stat(file).catch(() => undefined);
}
