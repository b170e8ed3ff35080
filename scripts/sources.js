// Whether lib/ was compiled from src/ as it is now: `npm run compile` (scripts/compile.ts)
// records a digest of every file under src/, and bin/paiban.js, in a checkout, compares it
// with the sources before it runs lib/. Plain JavaScript: it runs before anything is compiled.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SOURCES = path.join(ROOT, "src");
const RECORD = path.join(ROOT, "lib", "compiled-from.sha256");

/** A digest of every file under src/, names and contents, in a stable order. */
export function sourcesDigest() {
  const files = readdirSync(SOURCES, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(SOURCES, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
  const hash = createHash("sha256");
  for (const file of files)
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(SOURCES, file)))
      .update("\0");
  return hash.digest("hex");
}

/** Whether lib/ holds what src/ compiles to now. */
export function isCompiled() {
  try {
    return readFileSync(RECORD, "utf8").trim() === sourcesDigest();
  } catch {
    return false;
  }
}

/**
 * Records that lib/ was compiled from sources with this digest (taken before compiling: a
 * change made meanwhile is compiled next time).
 * @param {string} digest
 */
export function recordCompiled(digest) {
  mkdirSync(path.dirname(RECORD), { recursive: true });
  const temporary = `${RECORD}.${process.pid}.tmp`;
  writeFileSync(temporary, `${digest}\n`);
  renameSync(temporary, RECORD);
}
