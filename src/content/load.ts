import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { exists, isDirectory } from "../files/exists.ts";
import { articleNumberPrefix } from "./article-number-form.ts";
import { problem, SourceError, type SourceProblem } from "./errors.ts";
import { articleNumberPattern, articleSchema, issueSchema, journalSchema, type ArticleMeta, type Issue, type Journal } from "./schema.ts";
import { validate } from "./schema-problems.ts";
import { parseYaml, splitFrontMatter, type YamlSource } from "./yaml-source.ts";

/** One Markdown source, with where its body starts so errors can name file lines. */
export interface MarkdownSource {
  file: string;
  body: string;
  bodyLine: number;
}

export interface Article {
  dir: string;
  meta: ArticleMeta;
  /** The Chinese article: front matter + body (`zh.md`). */
  zh: MarkdownSource;
  /** The English version (`en.md`), body only. */
  en: MarkdownSource;
  /** Line of the declared 文章编号 in zh.md, for the report when the pages disagree with it. */
  articleNumberLine?: number;
}

export interface IssueSources {
  dir: string;
  issue: Issue;
  articles: Article[];
  /** Only some of the issue's articles were asked for (an article folder was given). */
  partial: boolean;
}

export interface Sources {
  journal: Journal;
  /** The journal file the journal was read from (unset for sources made up in memory). */
  journalFile?: string;
  issues: IssueSources[];
}

export const JOURNAL_FILE = "journal.yaml";
export const ISSUE_FILE = "issue.yaml";
export const ARTICLE_FILE = "zh.md";
export const ENGLISH_FILE = "en.md";

/**
 * Loads what `target` names — the content folder (journal.yaml), an issue folder
 * (issue.yaml) or an article folder (zh.md) — with the journal and issue around it.
 * Every problem found is reported at once, not only the first.
 */
export async function loadSources(target: string): Promise<Sources> {
  const dir = path.resolve(target);
  if (!(await isDirectory(dir))) {
    throw new SourceError([
      problem(target, "no such folder", {
        hint: "give the content folder, an issue folder or an article folder (default: content)",
      }),
    ]);
  }
  const journalDir = await findUp(dir, JOURNAL_FILE);
  if (!journalDir) {
    throw new SourceError([
      problem(path.join(target, JOURNAL_FILE), "no journal file here or in any parent folder", {
        hint: `create ${JOURNAL_FILE} in the content folder with at least 'issn: 1234-5678'`,
      }),
    ]);
  }
  const journal = await loadYamlFile(path.join(journalDir, JOURNAL_FILE), journalSchema);

  let issueDirs: string[];
  let only: string | undefined;
  if (await exists(path.join(dir, ARTICLE_FILE))) {
    issueDirs = [path.dirname(dir)];
    only = path.basename(dir);
  } else if (await exists(path.join(dir, ISSUE_FILE))) {
    issueDirs = [dir];
  } else if (dir === journalDir) {
    issueDirs = await listIssueDirs(dir);
  } else {
    throw new SourceError([
      problem(target, "this folder holds no article (zh.md), issue (issue.yaml) or journal (journal.yaml)", {
        hint: "give the content folder, an issue folder or an article folder",
      }),
    ]);
  }

  const problems: SourceProblem[] = [];
  const issues: IssueSources[] = [];
  for (const issueDir of issueDirs) {
    try {
      issues.push(await loadIssue(issueDir, journal, only));
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new SourceError(problems);
  return { journal, journalFile: path.join(journalDir, JOURNAL_FILE), issues };
}

async function loadIssue(dir: string, journal: Journal, only?: string): Promise<IssueSources> {
  const file = path.join(dir, ISSUE_FILE);
  const yaml = await readYaml(file);
  const issue = validate(yaml, issueSchema);
  const problems: SourceProblem[] = [];
  const articles: Article[] = [];
  const seen = new Map<string, string>();
  for (const [index, name] of issue.articles.entries()) {
    if (only !== undefined && name !== only) continue;
    const articleDir = path.join(dir, name);
    if (!(await exists(path.join(articleDir, ARTICLE_FILE)))) {
      problems.push(
        problem(file, `article folder '${name}' has no ${ARTICLE_FILE}`, {
          line: yaml.lineOf(["articles", index]),
          field: `articles[${index}]`,
          hint: `create ${path.join(dir, name, ARTICLE_FILE)} or remove '${name}' from the list`,
        }),
      );
      continue;
    }
    try {
      const { article, yaml: front } = await loadArticle(articleDir, journal, issue);
      const twin = seen.get(article.meta.id);
      if (twin !== undefined) {
        problems.push(
          problem(article.zh.file, `id '${article.meta.id}' is already used by ${twin}`, {
            field: "id",
            line: front.lineOf(["id"]),
            hint: "give every article of an issue its own id",
          }),
        );
      }
      seen.set(article.meta.id, article.zh.file);
      articles.push(article);
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (only !== undefined && articles.length === 0 && problems.length === 0) {
    problems.push(
      problem(file, `the article folder '${only}' is not listed in this issue`, {
        field: "articles",
        line: yaml.lineOf(["articles"]),
        hint: `add '- ${only}' to the articles of ${ISSUE_FILE}`,
      }),
    );
  }
  if (problems.length > 0) throw new SourceError(problems);
  return { dir, issue, articles, partial: only !== undefined };
}

async function loadArticle(dir: string, journal: Journal, issue: Issue): Promise<{ article: Article; yaml: YamlSource }> {
  const file = path.join(dir, ARTICLE_FILE);
  const split = splitFrontMatter(await readSource(file), file);
  const enFile = path.join(dir, ENGLISH_FILE);
  // The front matter's faults and a missing English version are reported together.
  const problems: SourceProblem[] = [];
  let meta: ArticleMeta | undefined;
  try {
    meta = validate(split.yaml, articleSchema);
    checkArticleNumberPrefix(meta, split.yaml, journal, issue);
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    problems.push(...error.problems);
  }
  if (!(await exists(enFile))) {
    problems.push(
      problem(enFile, "the English version is missing", {
        hint: `write the English version of ${file} in ${ENGLISH_FILE} beside it`,
      }),
    );
  }
  if (problems.length > 0 || !meta) throw new SourceError(problems);
  const enText = (await readSource(enFile)).replace(/^\uFEFF/, "");
  const article: Article = {
    dir,
    meta,
    zh: { file, body: split.body, bodyLine: split.bodyLine },
    en: { file: enFile, body: enText, bodyLine: 1 },
    articleNumberLine: split.yaml.lineOf(["articleNumber"]),
  };
  return { article, yaml: split.yaml };
}

/**
 * Loading: a declared 文章编号 belongs to this journal and issue (its pages are checked by
 * `paiban check`, check/rules/article-number-pages.ts, and against the real pages after
 * layout, issue/article-numbers-from-pages.ts).
 */
function checkArticleNumberPrefix(meta: ArticleMeta, yaml: YamlSource, journal: Journal, issue: Issue): void {
  if (!meta.articleNumber) return;
  const m = articleNumberPattern.exec(meta.articleNumber);
  if (!m) return;
  const [, issn, year, number] = m;
  const expected = articleNumberPrefix(journal.issn, issue);
  if (`${issn}(${year})${number}` !== expected) {
    throw new SourceError([
      problem(yaml.file, `'${meta.articleNumber}' does not match the journal's ISSN and this issue`, {
        line: yaml.lineOf(["articleNumber"]),
        field: "articleNumber",
        hint: `a 文章编号 of this issue starts with ${expected}-`,
      }),
    ]);
  }
}

async function loadYamlFile<T extends z.ZodType>(file: string, schema: T): Promise<z.output<T>> {
  return validate(await readYaml(file), schema);
}

async function readYaml(file: string): Promise<YamlSource> {
  return parseYaml(await readSource(file), file);
}

/**
 * A source's text in Unicode's composed form (NFC): a CJK compatibility ideograph (豈 U+F900,
 * as conversions from legacy character sets leave them) becomes the unified ideograph it
 * stands for, which our fonts have, and a letter typed with a combining accent becomes the
 * accented letter.
 */
async function readSource(file: string): Promise<string> {
  try {
    return (await readFile(file, "utf8")).normalize("NFC");
  } catch {
    throw new SourceError([problem(file, "cannot read this file", { hint: "check that it exists and is readable" })]);
  }
}

async function listIssueDirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory() && (await exists(path.join(dir, entry.name, ISSUE_FILE)))) {
      found.push(path.join(dir, entry.name));
    }
  }
  if (found.length === 0) {
    throw new SourceError([
      problem(dir, "the content folder holds no issue", {
        hint: `make a folder per issue with an ${ISSUE_FILE} (see README: adding an article)`,
      }),
    ]);
  }
  return found;
}

async function findUp(start: string, name: string): Promise<string | undefined> {
  let dir = start;
  for (;;) {
    if (await exists(path.join(dir, name))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
