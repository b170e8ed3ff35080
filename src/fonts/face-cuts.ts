import { createHash } from "node:crypto";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { installedVersion, LIB_DIR, packageFile, splitSpecifier } from "../config/paths.ts";
import { readJson, writeAtomically } from "../files/write.ts";
import { parseUnicodeRange } from "./font-face-rules.ts";
import { subsetter } from "./subsetter.ts";

/**
 * Cuts of packaged font files for our own @font-face rules, made when paiban is compiled. A
 * rule of styles/punctuation-font.css takes some forty full-width marks from Noto Serif SC's
 * simplified-Chinese slice, a file of 1.5 MB in each weight; the browser decodes a face's
 * whole file before it draws with it, and those two files were a third of the sample's font
 * loading in the page. The cut holds just the rule's characters, their glyphs as they are and
 * every layout feature (halt, chws: 标点挤压), so the pages come out the same.
 */
export interface FaceCutAsked {
  /** The file, as the rule names it: `~package/file`. */
  source: string;
  /** The rule's `unicode-range`, as written. */
  range: string;
}

interface CutRecord {
  /** `~package/file` and its range, normalised: the file cut for it, and the package's version it was cut from. */
  cuts: Record<string, { file: string; from: string }>;
}

const CUTS_DIR = path.join(LIB_DIR, "fonts", "cuts");
/** What `npm run compile` cut: part of the layout's fingerprint, since the PDFs embed the cut files. */
export const FACE_CUTS_RECORD = path.join(CUTS_DIR, "cuts.json");

const key = ({ source, range }: FaceCutAsked) => `${source} ${range.replace(/\s+/g, "").toUpperCase()}`;

/** The package a `~package/file` names, and the version of it installed. */
function installedFrom(source: string): string {
  const { name } = splitSpecifier(source.slice(1));
  return `${name}@${installedVersion(name)}`;
}

/** Cuts each asked file to its range (`npm run compile`). */
export async function cutFaces(asked: FaceCutAsked[], recordFile = FACE_CUTS_RECORD): Promise<void> {
  const subset = await subsetter();
  const cuts: CutRecord["cuts"] = {};
  for (const face of asked) {
    const source = packageFile(face.source.slice(1));
    const chars = String.fromCodePoint(...parseUnicodeRange(face.range));
    const bytes = await subset(await readFile(source), chars, { targetFormat: "woff2" });
    const file = `${createHash("sha256").update(key(face)).digest("hex").slice(0, 16)}.woff2`;
    await writeAtomically(path.join(path.dirname(recordFile), file), bytes);
    cuts[key(face)] = { file, from: installedFrom(face.source) };
  }
  await writeAtomically(recordFile, `${JSON.stringify({ cuts } satisfies CutRecord, null, 2)}\n`);
  // Cuts for rules since changed or gone.
  const kept = new Set([path.basename(recordFile), ...Object.values(cuts).map((cut) => cut.file)]);
  const dir = path.dirname(recordFile);
  for (const file of await readdir(dir)) if (!kept.has(file)) await rm(path.join(dir, file), { force: true });
}

/**
 * The cut files, as a lookup: the file cut for a rule's source and range, if one was cut from
 * the version of its package installed now (else the rule loads its file whole: the tests
 * running the sources, an installed paiban whose journal upgraded the font package).
 */
export async function faceCuts(recordFile = FACE_CUTS_RECORD): Promise<(asked: FaceCutAsked) => string | undefined> {
  const record = await readJson<CutRecord>(recordFile);
  return (asked) => {
    const cut = record?.cuts[key(asked)];
    return cut && cut.from === installedFrom(asked.source) ? path.join(path.dirname(recordFile), cut.file) : undefined;
  };
}
