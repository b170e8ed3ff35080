import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser } from "puppeteer";
import { fontStylesheetUrls, jobLineStylesheetUrl, readableRoots, stylesheetUrls } from "../compose/assets.ts";
import { loadTemplates } from "../compose/index.ts";
import { resolutionWarnings } from "../compose/resolution.ts";
import type { ArchiveStandard, BuildOptions, PressStandard } from "../config/options.ts";
import { STYLES_DIR } from "../config/paths.ts";
import { parseArticleNumber } from "../content/article-number-form.ts";
import { formatProblem, SourceError } from "../content/errors.ts";
import { issueFolder } from "../content/issue-folder.ts";
import type { Article, IssueSources, Sources } from "../content/load.ts";
import { oneLineTitle } from "../content/title.ts";
import type { Journal, ParallelLayout } from "../content/schema.ts";
import { checkArticleNumbersFromPages, createPlacement, guessFirstPages, type Guess } from "../issue/index.ts";
import { codeFingerprint } from "../cache/fingerprint.ts";
import { openCache } from "../cache/layout-cache.ts";
import { writeAtomically } from "../files/write.ts";
import { buildDate } from "../output/index.ts";
import { loadProfiles, requireGhostscript } from "../output/press/index.ts";
import { formatFinding, PREFLIGHT_CODE, type PreflightFinding } from "../preflight/index.ts";
import { browserIdentity, launchBrowser } from "../render/browser.ts";
import { layoutCode } from "../render/paged.ts";
import { uncoveredCharacters } from "../fonts/coverage.ts";
import { loadJournalFonts } from "../fonts/journal-fonts.ts";
import { loadFontLibrary } from "../fonts/library.ts";
import { renderBodies, type RenderedBodies } from "../markdown/index.ts";
import type { DocumentLayout } from "../render/layout.ts";
import { layOutArticle, type LaidOutArticle } from "./article.ts";
import type { BuildContext } from "./context.ts";
import { type Deliverable, type Delivered, deliver } from "./deliver.ts";
import { buildIssueEdition, type IssueEdition } from "./issue.ts";
import { buildParallelEdition } from "./parallel.ts";
import { PreflightFailed } from "./errors.ts";
import { createPool } from "./pool.ts";
import { recordBuild } from "./up-to-date.ts";

export { PreflightFailed } from "./errors.ts";

export interface BuiltArticle {
  id: string;
  /** The offprint: the article at its pages in the issue. */
  file: string;
  /** Its archive copy (PDF/A), when one was asked for. */
  archiveFile?: string;
  layout: DocumentLayout;
  firstPage: number;
  pageCount: number;
  articleNumber: string;
}

export interface BuiltParallel {
  id: string;
  layout: ParallelLayout;
  file: string;
  archiveFile?: string;
}

export interface BuiltIssue {
  /** The issue PDF; none when only some of its articles were built. */
  file?: string;
  archiveFile?: string;
  articles: BuiltArticle[];
  /** Parallel-text editions. */
  parallel: BuiltParallel[];
}

/**
 * Every issue in `sources`: each article laid out at its real pages (an offprint each, in
 * `outDir/<year>-<NN>/<id>.pdf`) and, when the whole issue was asked for, the issue PDF
 * (`outDir/<year>-<NN>.pdf`). An article built on its own starts where its declared
 * 文章编号 says, else on the issue's first page.
 */
export async function build(sources: Sources, options: BuildOptions): Promise<BuiltIssue[]> {
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
  const missing = await uncoveredCharacters(library, sourceFiles(sources));
  if (missing.length > 0) throw new SourceError(missing);
  const workDir = options.htmlDir ?? (await mkdtemp(path.join(os.tmpdir(), "paiban-")));
  await mkdir(workDir, { recursive: true });
  // Subsets for characters the styles' faces lack: kept with the cache, else with this build.
  const fontsDir = path.join(options.cacheDir ?? workDir, "fonts");
  // The browser is launched when a layout is not in the cache (a build with nothing new needs none).
  let browser: Promise<Browser> | undefined;
  try {
    const cache = openCache(options.cacheDir);
    const context: BuildContext = {
      journal: sources.journal,
      templates,
      // The same styles, fonts and readable folders for every document.
      assets: {
        stylesheets: stylesheetUrls(),
        readableRoots: [...readableRoots(), fontsDir],
        jobLineStylesheet: jobLineStylesheetUrl(),
      },
      fonts: { stylesheets: fontStylesheetUrls(), library, dir: fontsDir },
      browser: () => (browser ??= launchBrowser()),
      cache,
      code: await codeFingerprint([STYLES_DIR, ...(await layoutCode()), PREFLIGHT_CODE], await browserIdentity()),
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
    for (const issue of sources.issues) {
      const result = await buildIssue(context, issue, bodies, options);
      // What was written, and from what: the next build with nothing changed can stop early.
      if (options.cacheDir) await recordBuild(cache, sources, issue, options, result);
      built.push(result);
    }
    return built;
  } finally {
    if (browser) await (await browser).close();
    if (!options.htmlDir) await rm(workDir, { recursive: true, force: true });
  }
}

/** The files whose text is printed: the journal's (its name heads the pages), every article's two. */
function sourceFiles(sources: Sources): string[] {
  const articles = sources.issues.flatMap((issue) => issue.articles.flatMap((a) => [a.zh.file, a.en.file]));
  return [...(sources.journalFile ? [sources.journalFile] : []), ...articles];
}

async function buildIssue(
  context: BuildContext,
  issue: IssueSources,
  bodies: Map<Article, RenderedBodies>,
  options: BuildOptions,
): Promise<BuiltIssue> {
  const bodiesOf = (article: Article) => bodies.get(article) ?? renderBodies(article, context.journal.fullWidthPunctuation);
  const laid = options.editions.issue ? await layOutIssue(context, issue, bodiesOf, options) : undefined;
  // A parallel edition prints the 文章编号 the pages gave, else the declared one.
  const numberOf = (article: Article) =>
    laid?.articles.find((a) => a.article === article)?.articleNumber ?? article.meta.articleNumber ?? "";
  const parallel = await Promise.all(
    issue.articles.flatMap((article) =>
      parallelLayouts(article, issue, options).map(async (layout) => ({
        article,
        edition: await buildParallelEdition(context, issue, article, bodiesOf(article), layout, numberOf(article)),
      })),
    ),
  );
  // Both layouts of an article find the same passages alone: say each once.
  for (const line of new Set(parallel.flatMap((e) => e.edition.warnings.map(formatProblem)))) options.report(line);

  const findings: { part: string; finding: PreflightFinding }[] = [
    ...(laid?.articles ?? []).flatMap((a) => a.findings.map((finding) => ({ part: a.article.meta.id, finding }))),
    ...(laid?.edition?.findings ?? []),
    ...parallel.flatMap((e) => e.edition.findings),
  ];
  for (const { part, finding } of findings) options.report(`preflight: ${part}: ${formatFinding(finding)}`);
  if (findings.length > 0 && options.strict) throw new PreflightFailed(issueFolder(issue), findings.length);

  // Every PDF made what the build asked for (press, archive) and checked again.
  const folder = path.join(options.outDir, issueFolder(issue));
  const languages = ["zh", "en"];
  const items: Deliverable[] = [
    ...(laid?.articles ?? []).map((a) => ({
      part: a.article.meta.id,
      file: path.join(folder, `${a.article.meta.id}.pdf`),
      pdf: a.pdf,
      pages: a.layout.pages.map((page) => ({ area: page.area, title: oneLineTitle(a.article.meta), articleNumber: a.articleNumber })),
      languages,
    })),
    ...parallel.map(({ article, edition }) => ({
      part: `${article.meta.id}.parallel-${edition.layout}`,
      file: path.join(folder, `${article.meta.id}.parallel-${edition.layout}.pdf`),
      pdf: edition.pdf,
      pages: edition.pages,
      languages,
    })),
    ...(laid?.edition
      ? [{ part: issueFolder(issue), file: `${folder}.pdf`, pdf: laid.edition.pdf, pages: laid.edition.pages, languages }]
      : []),
  ];
  const { delivered, findings: standardFindings } = await deliver(context, items);
  for (const { part, finding } of standardFindings) options.report(`preflight: ${part}: ${formatFinding(finding)}`);
  if (standardFindings.length > 0 && options.strict) throw new PreflightFailed(issueFolder(issue), standardFindings.length);

  // Everything laid out and checked: only now is anything written.
  const write = async (item: Delivered, line: string) => {
    await writeAtomically(item.file, item.pdf);
    options.report(`wrote ${path.relative(process.cwd(), item.file)}${item.standard ? ` (${item.standard})` : ""}: ${line}`);
    if (item.archive) {
      await writeAtomically(item.archive.file, item.archive.pdf);
      options.report(`wrote ${path.relative(process.cwd(), item.archive.file)}: the archive copy (${item.archive.conformance})`);
    }
    return item.archive?.file;
  };
  const deliveredAt = (i: number) => delivered[i] as Delivered;
  const articles: BuiltArticle[] = [];
  for (const [i, a] of (laid?.articles ?? []).entries()) {
    const notes = a.layout.pages.reduce((n, p) => n + p.notes.length, 0);
    const archiveFile = await write(
      deliveredAt(i),
      `pages ${a.firstPage}–${a.firstPage + a.pageCount - 1}, ${notes} notes, 文章编号 ${a.articleNumber} ` +
        `(${a.seconds.toFixed(1)} s: layout ${a.profile.layout.toFixed(1)}, finishing ${a.profile.finish.toFixed(1)}, preflight ${a.profile.preflight.toFixed(1)})`,
    );
    articles.push({
      id: a.article.meta.id,
      file: deliveredAt(i).file,
      archiveFile,
      layout: a.layout,
      firstPage: a.firstPage,
      pageCount: a.pageCount,
      articleNumber: a.articleNumber,
    });
  }
  const offset = articles.length;
  const parallelFiles: BuiltParallel[] = [];
  for (const [i, { article, edition }] of parallel.entries()) {
    const item = deliveredAt(offset + i);
    const archiveFile = await write(
      item,
      `parallel text (${edition.layout}), ${edition.pageCount} pages, aligned in ${edition.rounds} layouts`,
    );
    parallelFiles.push({ id: article.meta.id, layout: edition.layout, file: item.file, archiveFile });
  }
  let file: string | undefined;
  let archiveFile: string | undefined;
  if (laid?.edition) {
    const item = deliveredAt(offset + parallel.length);
    archiveFile = await write(
      item,
      `the issue, ${laid.edition.pageCount} pages, ${articles.length} article${articles.length === 1 ? "" : "s"}`,
    );
    file = item.file;
  }
  return { file, archiveFile, articles, parallel: parallelFiles };
}

/**
 * The issue edition: every article laid out at its real pages (its offprint), the
 * 文章编号 checked against them, and the issue PDF when the whole issue was asked for.
 */
async function layOutIssue(
  context: BuildContext,
  issue: IssueSources,
  bodiesOf: (article: Article) => RenderedBodies,
  options: BuildOptions,
): Promise<{ articles: LaidOutArticle[]; edition?: IssueEdition }> {
  const declared = issue.articles.map((a) => (a.meta.articleNumber ? parseArticleNumber(a.meta.articleNumber) : undefined));
  // An article built on its own starts where its 文章编号 says; an issue starts at its first page.
  const firstPage = issue.partial ? (declared[0]?.firstPage ?? issue.issue.firstPage) : issue.issue.firstPage;
  // Laid out side by side; each article's pages move to their true folios once the
  // articles before it are counted.
  const placement = createPlacement(
    firstPage,
    issue.partial ? "any" : context.journal.articleStart,
    issue.articles.map((a) => a.meta.id),
  );
  const guesses = guessFirstPages(firstPage, declared);
  const laidOut = await Promise.all(
    issue.articles.map((article, i) =>
      layOutArticle(context, issue, article, bodiesOf(article), guesses[i] as Guess, (pageCount) => placement.place(i, pageCount)).catch(
        (error: unknown) => {
          placement.fail(error);
          throw error;
        },
      ),
    ),
  );
  const plan = await placement.plan();
  const numberProblems = checkArticleNumbersFromPages(
    context.journal.issn,
    issue.issue,
    plan,
    issue.articles.map((a) => ({ id: a.meta.id, file: a.zh.file, line: a.articleNumberLine, declared: a.meta.articleNumber })),
  );
  if (numberProblems.length > 0 && options.strict) throw new SourceError(numberProblems);
  // Not strict: the pages win, and the metadata block prints the computed number.
  for (const p of numberProblems) options.report(formatProblem({ ...p, severity: "warning" }));
  const edition = issue.partial ? undefined : await buildIssueEdition(context, issue, laidOut, plan);
  return { articles: laidOut, edition };
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

/** The parallel-text layouts to make of an article: the command line's, else the article's, else the issue's. */
function parallelLayouts(article: Article, issue: IssueSources, options: BuildOptions): ParallelLayout[] {
  if (options.editions.parallel !== "sources") return options.editions.parallel;
  // Asked for parallel editions alone, with no layout anywhere: facing pages.
  return article.meta.parallel ?? issue.issue.parallel ?? (options.editions.issue ? [] : ["facing"]);
}
