import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { SourceError, type SourceProblem } from "../content/errors.ts";
import { ARTICLE_FILE, loadSources, type Article, type IssueSources, type Sources } from "../content/load.ts";
import { splitFrontMatter } from "../content/yaml-source.ts";
import { uncoveredCharacters } from "../fonts/coverage.ts";
import { loadJournalFonts } from "../fonts/journal-fonts.ts";
import { loadFontLibrary, type FontLibrary } from "../fonts/library.ts";
import { isFile } from "../files/exists.ts";
import { renderBody, type RenderedBody } from "../markdown/index.ts";
import type { ArticleRule, CheckedArticle, IssueRule } from "./rule.ts";
import { checkAbstractLength } from "./rules/abstract-length.ts";
import { checkAlignmentAnchors } from "./rules/alignment-anchors.ts";
import { checkArticleNumberPages } from "./rules/article-number-pages.ts";
import { checkClcClass } from "./rules/clc-class.ts";
import { checkImageResolution } from "./rules/image-resolution.ts";
import { checkFontCoverage } from "./rules/font-coverage.ts";
import { checkKeywords } from "./rules/keywords.ts";
import { checkLocalLinks } from "./rules/local-links.ts";
import { checkReceivedDate } from "./rules/received-date.ts";

export type { CheckedArticle } from "./rule.ts";

/** Rules beyond the schema and the Markdown (which loading and rendering report), one a file. */
const ARTICLE_RULES: ArticleRule[] = [
  checkKeywords,
  checkAbstractLength,
  checkClcClass,
  checkReceivedDate,
  checkAlignmentAnchors,
  checkLocalLinks,
  checkImageResolution,
  checkFontCoverage,
];
const ISSUE_RULES: IssueRule[] = [checkArticleNumberPages];

export interface CheckReport {
  /** Every problem found, by file, line and column. */
  problems: SourceProblem[];
  /** Articles whose sources could be read (a faulty front matter leaves its article out of the later rules). */
  articles: number;
}

/**
 * Checks every source under `target` (as `paiban build` would read it) without laying
 * anything out: the journal, issue and article files against their schemas, the Markdown
 * (notes, raw HTML, anchors), and the rules in ./rules. Reports everything found, not only
 * the first fault.
 */
export async function checkSources(target: string): Promise<CheckReport> {
  const { sources, problems } = await loadWhatLoads(target);
  const checked: CheckedArticle[] = [];
  for (const { journal, journalFile, issues } of sources) {
    const fonts = await fontsOf(journalFile, journal.fonts, problems);
    if (journalFile) problems.push(...(await uncoveredCharacters(fonts, [journalFile])));
    for (const issue of issues) {
      for (const article of issue.articles) {
        const { bodies, problems: markdown } = renderEach(article, journal.fullWidthPunctuation);
        problems.push(...markdown);
        const front = splitFrontMatter(await readFile(article.zh.file, "utf8"), article.zh.file).yaml;
        checked.push({ journal, issue, article, front, bodies, fonts });
      }
      for (const rule of ISSUE_RULES) problems.push(...rule(issue));
    }
  }
  for (const article of checked) {
    for (const rule of ARTICLE_RULES) problems.push(...(await rule(article)));
  }
  return { problems: sortProblems(problems), articles: checked.length };
}

/** The fonts of the journal's pages; the faults of the font files it names are problems, and those files left out. */
async function fontsOf(journalFile: string | undefined, entries: string[] | undefined, problems: SourceProblem[]): Promise<FontLibrary> {
  const own = await loadJournalFonts(journalFile, entries).catch((error: unknown) => {
    if (!(error instanceof SourceError)) throw error;
    problems.push(...error.problems);
    return [];
  });
  return loadFontLibrary(own);
}

/**
 * The sources under `target`. When some are faulty, loading stops with all their problems
 * and no sources; then each article folder is loaded on its own, so that the articles
 * without faults of their own are still checked further.
 */
async function loadWhatLoads(target: string): Promise<{ sources: Sources[]; problems: SourceProblem[] }> {
  try {
    return { sources: [await loadSources(target)], problems: [] };
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    const sources: Sources[] = [];
    for (const dir of await articleDirs(path.resolve(target))) {
      // Its problems, if any, were among those of the whole (it is the same file read the same way).
      const one = await loadSources(dir).catch((e: unknown) => {
        if (e instanceof SourceError) return undefined;
        throw e;
      });
      if (one) sources.push(one);
    }
    return { sources: mergeIssues(sources), problems: [...error.problems] };
  }
}

/** Article folders (holding zh.md) at `dir` or up to two levels below it (content/issue/article). */
async function articleDirs(dir: string, depth = 2): Promise<string[]> {
  if (await isFile(path.join(dir, ARTICLE_FILE))) return [dir];
  if (depth === 0) return [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) found.push(...(await articleDirs(path.join(dir, entry.name), depth - 1)));
  }
  return found;
}

/** Articles loaded one by one, gathered back into their issues (for the rules about an issue's articles together). */
function mergeIssues(loaded: Sources[]): Sources[] {
  const byIssue = new Map<string, { sources: Sources; issue: IssueSources }>();
  for (const sources of loaded) {
    for (const issue of sources.issues) {
      const known = byIssue.get(issue.dir);
      if (known) known.issue.articles.push(...issue.articles);
      else byIssue.set(issue.dir, { sources, issue: { ...issue, articles: [...issue.articles] } });
    }
  }
  return [...byIssue.values()].map(({ sources, issue }) => {
    // Print order, as issue.yaml lists them.
    const order = (a: Article) => issue.issue.articles.indexOf(path.basename(a.dir));
    issue.articles.sort((a, b) => order(a) - order(b));
    return { ...sources, issues: [issue] };
  });
}

/** Each language's body, rendered as the build renders it; a body's Markdown faults are problems, not a stop. */
function renderEach(article: Article, fullWidthPunctuation: boolean): { bodies: CheckedArticle["bodies"]; problems: SourceProblem[] } {
  const bodies: CheckedArticle["bodies"] = {};
  const problems: SourceProblem[] = [];
  const render = (lang: "zh" | "en"): RenderedBody | undefined => {
    try {
      return renderBody(article[lang], { lang, fullWidthPunctuation: lang === "zh" && fullWidthPunctuation });
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  bodies.zh = render("zh");
  bodies.en = render("en");
  return { bodies, problems };
}

/** By file (in the order first met), then line and column; problems without a line first. */
function sortProblems(problems: SourceProblem[]): SourceProblem[] {
  const files = [...new Set(problems.map((p) => p.file))];
  return problems
    .map((p, order) => ({ p, order }))
    .sort(
      (a, b) =>
        files.indexOf(a.p.file) - files.indexOf(b.p.file) ||
        (a.p.line ?? 0) - (b.p.line ?? 0) ||
        (a.p.column ?? 0) - (b.p.column ?? 0) ||
        a.order - b.order,
    )
    .map(({ p }) => p);
}
