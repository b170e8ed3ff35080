import { readFile } from "node:fs/promises";
import path from "node:path";
import { codeFingerprint, filesAt } from "../cache/fingerprint.ts";
import { hash } from "../cache/hash.ts";
import { openCache, type LayoutCache } from "../cache/layout-cache.ts";
import type { BuildOptions } from "../config/options.ts";
import { CODE_DIR, STYLES_DIR, TEMPLATES_DIR } from "../config/paths.ts";
import { ISSUE_FILE, type IssueSources, type Sources } from "../content/load.ts";
import { browserIdentity } from "../render/browser.ts";
import type { BuiltIssue } from "./built.ts";

/** What a build of an issue wrote, and from what. */
interface IssueRecord {
  fingerprint: string;
  outputs: { file: string; sha256: string }[];
  built: BuiltIssue;
}

/** All of paiban's code: a change to any of it may change what a build writes. */
const ALL_CODE = [CODE_DIR, TEMPLATES_DIR, STYLES_DIR];

type RecordOptions = Pick<BuildOptions, "outDir" | "cacheDir" | "press" | "archive" | "editions" | "strict">;

/** What an earlier build left of each issue. */
export interface EarlierBuilds {
  /** The issues whose PDFs an earlier build made from exactly these sources, code, options and date, still as it wrote them: they need no new build. */
  upToDate: Map<IssueSources, BuiltIssue>;
  /** The issues built from exactly these sources before, whose PDFs are gone or changed since: written again from the cache, they need no browser. */
  outputsOnly: Set<IssueSources>;
}

/**
 * What earlier builds (SOURCE_DATE_EPOCH included) left of each issue, by their records.
 * Light on purpose: it runs before the typesetter (browser, PDF libraries) is loaded.
 */
export async function findEarlierBuilds(sources: Sources, options: RecordOptions): Promise<EarlierBuilds> {
  const found: EarlierBuilds = { upToDate: new Map(), outputsOnly: new Set() };
  if (!options.cacheDir) return found;
  const cache = openCache(options.cacheDir);
  const code = await codeFingerprint(ALL_CODE, await browserIdentity());
  for (const issue of sources.issues) {
    const record = await cache.record<IssueRecord>(recordName(options, issue));
    if (!record || record.fingerprint !== (await fingerprint(sources, issue, code, options))) continue;
    if (await unchanged(record.outputs)) found.upToDate.set(issue, record.built);
    else found.outputsOnly.add(issue);
  }
  return found;
}

export async function recordBuild(
  cache: LayoutCache,
  sources: Sources,
  issue: IssueSources,
  options: RecordOptions,
  built: BuiltIssue,
): Promise<void> {
  const files = [...built.articles, ...built.parallel, built].flatMap((b) =>
    [b.file, b.archiveFile].filter((f): f is string => f !== undefined),
  );
  const outputs = await Promise.all(files.map(async (file) => ({ file, sha256: hash(new Uint8Array(await readFile(file))) })));
  const record: IssueRecord = {
    fingerprint: await fingerprint(sources, issue, await codeFingerprint(ALL_CODE, await browserIdentity()), options),
    outputs,
    built,
  };
  await cache.saveRecord(recordName(options, issue), record);
}

function recordName(options: RecordOptions, issue: IssueSources): string {
  return hash(options.outDir, issue.dir, issue.partial ? issue.articles.map((a) => a.meta.id).join(",") : "");
}

async function fingerprint(sources: Sources, issue: IssueSources, code: string, options: RecordOptions): Promise<string> {
  const journalDir = sources.journalFile ? path.dirname(sources.journalFile) : "";
  // An article's folder holds its figures' files besides zh.md and en.md.
  const articleFiles = await Promise.all(issue.articles.map((a) => filesAt(a.dir)));
  const files = [
    ...(sources.journalFile ? [sources.journalFile] : []),
    // The journal's own font files, whose glyphs the pages may print.
    ...(sources.journal.fonts ?? []).map((font) => path.resolve(journalDir, font)),
    path.join(issue.dir, ISSUE_FILE),
    ...articleFiles.flat(),
  ];
  // A file that cannot be read (a font file the journal names but lacks) is reported by the build itself.
  const contents = await Promise.all(files.map(async (f) => new Uint8Array(await readFile(f).catch(() => Buffer.alloc(0)))));
  // The printer's own profile is read by the build: its bytes count, not only its name.
  const profile = options.press.outputIcc ? await readFile(options.press.outputIcc).catch(() => new Uint8Array()) : new Uint8Array();
  const settings = JSON.stringify([options.press, options.archive, options.editions, options.strict, sources.journal]);
  return hash(code, settings, process.env.SOURCE_DATE_EPOCH ?? "", new Uint8Array(profile), ...files, ...contents);
}

async function unchanged(outputs: IssueRecord["outputs"]): Promise<boolean> {
  for (const output of outputs) {
    const bytes = await readFile(output.file).catch(() => undefined);
    if (!bytes || hash(new Uint8Array(bytes)) !== output.sha256) return false;
  }
  return true;
}
