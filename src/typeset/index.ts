import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { codeFingerprint } from "../cache/fingerprint.ts";
import { openCache } from "../cache/layout-cache.ts";
import { pageAssets } from "../compose/assets.ts";
import { loadTemplates } from "../compose/index.ts";
import { resolutionWarnings } from "../compose/resolution.ts";
import type { ArchiveStandard, BuildOptions, PressStandard } from "../config/options.ts";
import { STYLES_DIR } from "../config/paths.ts";
import { formatProblem, SourceError } from "../content/errors.ts";
import { issueFolder } from "../content/issue-folder.ts";
import type { Article, IssueSources, Sources } from "../content/load.ts";
import type { Journal } from "../content/schema.ts";
import { renderBodies, type RenderedBodies } from "../markdown/index.ts";
import { buildDate } from "../output/index.ts";
import { loadProfiles, requireGhostscript } from "../output/press/index.ts";
import { formatFinding, PREFLIGHT_CODE, type PreflightFinding } from "../preflight/index.ts";
import { browserIdentity } from "../render/browser.ts";
import { BrowserLauncher } from "../render/launcher.ts";
import { layoutCode } from "../render/paged.ts";
import { uncoveredCharacters } from "../fonts/coverage.ts";
import { loadJournalFonts } from "../fonts/journal-fonts.ts";
import { FACE_CUTS_RECORD } from "../fonts/face-cuts.ts";
import { loadFontLibrary } from "../fonts/library.ts";
import type { BuiltIssue } from "./built.ts";
import type { BuildContext } from "./context.ts";
import { deliver, deliveryLaysOut } from "./deliver.ts";
import { PreflightFailed } from "./errors.ts";
import { makeIssue } from "./make-issue.ts";
import { createPool } from "./pool.ts";
import { recordBuild } from "./up-to-date.ts";
import { deliverables, writeIssue } from "./write-issue.ts";

export { PreflightFailed } from "./errors.ts";
export type { BuiltArticle, BuiltIssue, BuiltParallel } from "./built.ts";

/**
 * Every issue in `sources`: each article laid out at its real pages (an offprint each, in
 * `outDir/<year>-<NN>/<id>.pdf`) and, when the whole issue was asked for, the issue PDF
 * (`outDir/<year>-<NN>.pdf`). An article built on its own starts where its declared
 * 文章编号 says, else on the issue's first page. `launcher`: the browser, when the caller
 * launched it ahead (and closes it).
 */
export async function build(sources: Sources, options: BuildOptions, launcher?: BrowserLauncher): Promise<BuiltIssue[]> {
  const templates = await loadTemplates();
  // Markdown first, for every article: a fault in the last one should not wait for layout.
  const bodies = new Map(
    sources.issues.flatMap((issue) =>
      issue.articles.map((article) => [article, renderBodies(article, sources.journal.fullWidthPunctuation)] as const),
    ),
  );
  for (const [article, rendered] of bodies) {
    for (const warning of [
      ...resolutionWarnings(sources.journal, rendered.zh, article.zh.file),
      ...resolutionWarnings(sources.journal, rendered.en, article.en.file),
    ]) {
      options.report(formatProblem(warning));
    }
  }
  const standards = resolveStandards(options, sources.journal);
  // What the standards need is looked for first: a missing profile or Ghostscript stops the build before any layout.
  const profiles = standards.press || standards.archive ? await loadProfiles(options.press.outputIcc) : undefined;
  if (standards.press === "pdfx1a") await requireGhostscript();
  // Every character must have a font before anything is laid out.
  const library = await loadFontLibrary(await loadJournalFonts(sources.journalFile, sources.journal.fonts));
  // Every font file our stylesheets name, found wherever npm put it: a missing one stops the build here.
  const assets = await pageAssets();
  const missing = await uncoveredCharacters(library, sourceFiles(sources));
  if (missing.length > 0) throw new SourceError(missing);
  const workDir = options.htmlDir ?? (await mkdtemp(path.join(os.tmpdir(), "paiban-")));
  await mkdir(workDir, { recursive: true });
  // Subsets for characters the styles' faces lack: kept with the cache, else with this build.
  const fontsDir = path.join(options.cacheDir ?? workDir, "fonts");
  // The browser, unless the caller launched it ahead, is launched when a layout is not in the cache (a build with nothing new needs none).
  const browser = launcher ?? new BrowserLauncher();
  try {
    const cache = openCache(options.cacheDir);
    const context: BuildContext = {
      journal: sources.journal,
      templates,
      // The same styles, fonts and readable folders for every document.
      assets: { ...assets, readableRoots: [...assets.readableRoots, fontsDir] },
      fonts: { library, dir: fontsDir },
      browser: () => browser.get(),
      // A failure to close is the final close's to report (the same promise, awaited at the end).
      doneWithBrowser: () => void browser.close().catch(() => undefined),
      cache,
      // The cut font files too: whether the page loads them or the package's whole files, the PDFs embed other bytes.
      code: await codeFingerprint([STYLES_DIR, ...(await layoutCode()), PREFLIGHT_CODE, FACE_CUTS_RECORD], await browserIdentity()),
      pool: createPool(),
      workDir,
      press: options.press,
      standards,
      profiles: async () => {
        if (!profiles) throw new Error("no press or archive standard asked for: no colour profiles loaded");
        return profiles;
      },
      date: buildDate(),
      report: options.report,
      progress: options.progress ?? (() => undefined),
    };
    const built: BuiltIssue[] = [];
    for (const [i, issue] of sources.issues.entries()) {
      const last = i === sources.issues.length - 1;
      const result = await buildIssue(context, issue, bodies, options, last);
      // What was written, and from what: the next build with nothing changed can stop early.
      if (options.cacheDir) await recordBuild(cache, sources, issue, options, result);
      built.push(result);
    }
    return built;
  } finally {
    if (!launcher) await browser.close();
    if (!options.htmlDir) await rm(workDir, { recursive: true, force: true });
  }
}

/** The files whose text is printed: the journal's (its name heads the pages), every article's two. */
function sourceFiles(sources: Sources): string[] {
  const articles = sources.issues.flatMap((issue) => issue.articles.flatMap((a) => [a.zh.file, a.en.file]));
  return [...(sources.journalFile ? [sources.journalFile] : []), ...articles];
}

/**
 * One issue: everything laid out and checked, the findings reported; every PDF made what
 * the build asked for (press, archive) and checked again; only then are the PDFs written.
 */
async function buildIssue(
  context: BuildContext,
  issue: IssueSources,
  bodies: Map<Article, RenderedBodies>,
  options: BuildOptions,
  last: boolean,
): Promise<BuiltIssue> {
  // The build's last issue, printed, needs the browser no more unless job lines are to be laid out.
  const done = last && !deliveryLaysOut(context) ? context.doneWithBrowser : undefined;
  const made = await makeIssue(
    context,
    issue,
    (article) => bodies.get(article) ?? renderBodies(article, context.journal.fullWidthPunctuation),
    options,
    { printed: done },
  );
  for (const line of made.warnings) options.report(line);
  reportFindings(made.findings, issue, options);
  const { delivered, findings } = await deliver(context, deliverables(made, path.join(options.outDir, issueFolder(issue))));
  reportFindings(findings, issue, options);
  return writeIssue(made, delivered, options.report);
}

/** Each finding as a `preflight:` line; in strict mode, any finding stops the build before anything is written. */
function reportFindings(findings: { part: string; finding: PreflightFinding }[], issue: IssueSources, options: BuildOptions): void {
  for (const { part, finding } of findings) options.report(`preflight: ${part}: ${formatFinding(finding)}`);
  if (findings.length > 0 && options.strict) throw new PreflightFailed(issueFolder(issue), findings.length);
}

/** The standards to make the PDFs to: the command line's, else journal.yaml's ("none" on the command line: none). */
export function resolveStandards(
  options: Pick<BuildOptions, "press" | "archive">,
  journal: Journal,
): { press?: PressStandard; archive?: ArchiveStandard } {
  const press = options.press.standard ?? journal.press;
  const archive = options.archive ?? journal.archive;
  return { press: press === "none" ? undefined : press, archive: archive === "none" ? undefined : archive };
}
