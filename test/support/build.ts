import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { main } from "../../src/cli/main.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const SAMPLE = path.join(ROOT, "content");
export const SAMPLE_ARTICLE = path.join(SAMPLE, "2021-03", "xu-tao-sco-security");

/**
 * Runs `paiban build --strict` in-process into a fresh folder, laying everything out afresh:
 * a preflight finding fails it, as in CI. Fails, with what the build printed, if it exits
 * non-zero.
 */
export async function buildInto(target: string, ...args: string[]): Promise<string> {
  const out = await mkdtemp(path.join(os.tmpdir(), "paiban-test-"));
  const printed: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    printed.push(String(chunk));
    return write(chunk, ...(rest as []));
  }) as typeof process.stderr.write;
  let code: number;
  try {
    code = await main(["build", target, "--out", out, "--no-cache", "--strict", ...args]);
  } finally {
    process.stderr.write = write;
  }
  if (code !== 0) throw new Error(`paiban build ${target} exited with ${code}:\n${printed.join("")}`);
  return out;
}

export const mm = (value: number) => (value * 72) / 25.4;

// The page as the journal specifies it (styles/page.css): 185 × 260 mm, text block
// 24 mm from the top, 20 mm from the foot, 19 mm inner and 17.83 mm outer margins.
export const AREA = { top: mm(24), bottom: mm(260 - 20), inner: mm(19), outer: mm(17.83) };
export const NOTE_SIZE = 8.5;
