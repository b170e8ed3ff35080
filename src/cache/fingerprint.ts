import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { packageFiles, PROJECT_ROOT } from "../config/paths.ts";
import { hash } from "./hash.ts";

/**
 * The fingerprint of code: the files named (a folder stands for every file under it), the
 * installed packages (config/paths.ts, `packageFiles`) and the browser (render/browser.ts,
 * `browserIdentity`). The callers name what shapes their results by where their modules
 * are, so the fingerprint follows the code when it moves.
 */
export async function codeFingerprint(paths: string[], browser: string): Promise<string> {
  const files = [...(await Promise.all(paths.map(filesAt))).flat(), ...packageFiles()];
  const contents = await Promise.all(files.map(async (f) => [path.relative(PROJECT_ROOT, f), await readFile(f).catch(() => "")] as const));
  return hash(browser, ...contents.flat());
}

/** The file itself, or every file under a folder, in a stable order. */
export async function filesAt(file: string): Promise<string[]> {
  const folder = await stat(file).catch(() => undefined);
  if (!folder?.isDirectory()) return [file];
  const entries = await readdir(file, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
