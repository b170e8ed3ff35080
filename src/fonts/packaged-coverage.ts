import { readFile } from "node:fs/promises";
import path from "node:path";
import { installedVersion, LIB_DIR, packageDir, packageFile, splitSpecifier } from "../config/paths.ts";
import { readJson, writeAtomically } from "../files/write.ts";
import { readFontFaceRules } from "./font-face-rules.ts";
import { readFontFacts } from "./sfnt.ts";

/**
 * Fontsource stylesheets of the faces the styles name, every weight and style in use: a face
 * the page asks for but does not load would be synthesised, and Chromium writes synthesised
 * faces as Type 3 fonts.
 */
export const FONT_STYLESHEETS = [
  "@fontsource/noto-serif-sc/400.css",
  "@fontsource/noto-serif-sc/700.css",
  "@fontsource/noto-serif/400.css",
  "@fontsource/noto-serif/400-italic.css",
  "@fontsource/noto-serif/700.css",
  "@fontsource/noto-serif/700-italic.css",
];

/** The Han fallback's stylesheet: the slices of Source Han Serif CN (variable), with their unicode ranges. */
const HAN_FALLBACK_STYLESHEET = "@chinese-fonts/syst/dist/SourceHanSerifCN/result.css";

/** What the packaged fonts cover. */
export interface PackagedCoverage {
  /** Code points the faces the styles name have a glyph for. */
  styles: Set<number>;
  /** The Han fallback's slice (its file) that has the code point, if one has. */
  hanSlice(codePoint: number): string | undefined;
}

/**
 * The same, as `npm run compile` records it in lib/: code points as runs (`[first, last, …]`),
 * the Han slices as runs of one file each (`[first, last, file, …]`), files relative to the
 * package. `packages` names the font packages' versions it was read from.
 */
interface CoverageRecord {
  packages: string;
  styles: number[];
  hanFiles: string[];
  hanRuns: number[];
}

/** Where `npm run compile` records the coverage, beside the compiled code. */
const RECORD_FILE = path.join(LIB_DIR, "fonts", "packaged-coverage.json");

let loaded: Promise<PackagedCoverage> | undefined;

/**
 * What the packaged fonts cover: the record `npm run compile` made, when it was made from the
 * font packages installed now; else read from the fonts (the cmaps of some 110 slices and the
 * Han fallback's 380 ranges, 0.1-0.2 s before anything can be composed). Once per process.
 */
export function packagedCoverage(): Promise<PackagedCoverage> {
  loaded ??= loadPackagedCoverage(RECORD_FILE);
  return loaded;
}

/** What the packaged fonts cover, from this record if it was made from the font packages installed now. */
export async function loadPackagedCoverage(recordFile: string): Promise<PackagedCoverage> {
  const record = await readJson<CoverageRecord>(recordFile);
  const packages = installedVersions();
  // No record: not compiled (the tests run the sources), or cut short.
  return fromRecord(record?.packages === packages ? record : await readCoverage(packages));
}

/** Records the coverage of the font packages installed now, for builds to come (`npm run compile`). */
export async function recordPackagedCoverage(recordFile = RECORD_FILE): Promise<void> {
  await writeAtomically(recordFile, `${JSON.stringify(await readCoverage(installedVersions()))}\n`);
}

/** The font packages and their versions as installed: a record made from others does not count. */
function installedVersions(): string {
  const names = [...new Set([...FONT_STYLESHEETS, HAN_FALLBACK_STYLESHEET].map((spec) => splitSpecifier(spec).name))];
  return names.map((name) => `${name}@${installedVersion(name)}`).join(" ");
}

async function readCoverage(packages: string): Promise<CoverageRecord> {
  const styles = new Set<number>();
  // Every weight and style of a family holds the same characters: the regular face speaks for them.
  const regular = await Promise.all(FONT_STYLESHEETS.filter((s) => s.endsWith("/400.css")).map((s) => readFontFaceRules(packageFile(s))));
  const facts = await Promise.all(regular.flat().map((rule) => factsOf(rule.file)));
  // The cmap, not the declared range: Fontsource's ranges name characters some slices lack.
  for (const { coverage } of facts) for (const c of coverage) styles.add(c);
  // This package's ranges are its slices' cmaps (cut by the same tool that wrote them). Where
  // two slices declare a character, the first has it.
  const hanDir = packageDir(splitSpecifier(HAN_FALLBACK_STYLESHEET).name);
  const hanFiles: string[] = [];
  const hanSliceOf = new Map<number, number>();
  for (const rule of await readFontFaceRules(packageFile(HAN_FALLBACK_STYLESHEET))) {
    const file = hanFiles.push(path.relative(hanDir, rule.file)) - 1;
    for (const c of rule.range) if (!hanSliceOf.has(c)) hanSliceOf.set(c, file);
  }
  const hanRuns: number[] = [];
  for (const [first, last] of runs(hanSliceOf.keys(), (a, b) => hanSliceOf.get(a) === hanSliceOf.get(b))) {
    hanRuns.push(first, last, hanSliceOf.get(first) as number);
  }
  return { packages, styles: runs(styles).flat(), hanFiles, hanRuns };
}

/** A slice's facts, from its WOFF twin when there is one (a WOFF2 must be decompressed whole for its cmap). */
async function factsOf(file: string) {
  const woff = file.replace(/\.woff2$/, ".woff");
  return readFontFacts(await readFile(woff).catch(() => readFile(file)));
}

/** Code points in order as runs of consecutive ones (`together` says whether two neighbours may share a run). */
function runs(points: Iterable<number>, together: (a: number, b: number) => boolean = () => true): [number, number][] {
  const sorted = [...points].sort((a, b) => a - b);
  const found: [number, number][] = [];
  for (const c of sorted) {
    const last = found.at(-1);
    if (last && last[1] === c - 1 && together(last[1], c)) last[1] = c;
    else found.push([c, c]);
  }
  return found;
}

function fromRecord(record: CoverageRecord): PackagedCoverage {
  const styles = new Set<number>();
  for (let i = 0; i < record.styles.length; i += 2) {
    for (let c = record.styles[i] as number; c <= (record.styles[i + 1] as number); c++) styles.add(c);
  }
  const hanDir = packageDir(splitSpecifier(HAN_FALLBACK_STYLESHEET).name);
  const files = record.hanFiles.map((file) => path.join(hanDir, file));
  const { hanRuns } = record;
  return {
    styles,
    hanSlice(c) {
      // The last run that starts at or before c, by halves.
      let low = 0;
      let high = hanRuns.length / 3;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((hanRuns[middle * 3] as number) <= c) low = middle + 1;
        else high = middle;
      }
      const run = (low - 1) * 3;
      return run >= 0 && c <= (hanRuns[run + 1] as number) ? files[hanRuns[run + 2] as number] : undefined;
    },
  };
}
