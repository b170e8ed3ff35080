import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser } from "puppeteer";
import { fontStylesheetUrls, readableRoots, stylesheetUrls } from "../compose/assets.ts";
import { loadTemplates } from "../compose/index.ts";
import { articleView, formatArticleNumber, keywordList, parseArticleNumber, xmpView, type PressOptions } from "../compose/view.ts";
import type { Article, IssueSources, Sources } from "../content/load.ts";
import type { Journal } from "../content/schema.ts";
import { renderBody, type RenderedBody } from "../markdown/index.ts";
import { buildDate, finishPdf, writeAtomically } from "../output/index.ts";
import { launchBrowser } from "../render/browser.ts";
import type { DocumentLayout } from "../render/layout.ts";
import { renderWithPagedJs } from "../render/paged.ts";
import { formatFinding, preflight } from "../preflight/index.ts";

/** A strict build whose pages did not pass the preflight: nothing of it was written. */
export class PreflightFailed extends Error {
  constructor(articleId: string, count: number) {
    super(`${articleId}: ${count} preflight finding${count === 1 ? "" : "s"} (strict mode); nothing was written`);
    this.name = "PreflightFailed";
  }
}

export interface BuildOptions {
  outDir: string;
  /** Fail the build on any preflight finding (nothing is written then). */
  strict: boolean;
  press: PressOptions;
  /** Progress lines for the person or CI log watching. */
  report: (line: string) => void;
}

export interface BuiltArticle {
  id: string;
  file: string;
  layout: DocumentLayout;
}

/** The article edition of every article in `sources`: one PDF each, in `outDir/<issue>/<id>.pdf`. */
export async function buildArticles(sources: Sources, options: BuildOptions): Promise<BuiltArticle[]> {
  const templates = await loadTemplates();
  // Markdown first, for every article: a fault in the last one should not wait for layout.
  const prepared = sources.issues.flatMap((issue) =>
    issue.articles.map((article) => ({ issue, article, bodies: renderBodies(article, sources.journal) })),
  );
  // The same styles, fonts and readable folders for every article.
  const assets = { fontStylesheets: fontStylesheetUrls(), stylesheets: stylesheetUrls(), readableRoots: readableRoots() };
  const workDir = await mkdtemp(path.join(os.tmpdir(), "paiban-"));
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const built: BuiltArticle[] = [];
    for (const { issue, article, bodies } of prepared) {
      const started = Date.now();
      const declared = article.meta.articleNumber ? parseArticleNumber(article.meta.articleNumber) : undefined;
      const firstPage = declared?.firstPage ?? issue.issue.firstPage;
      const view = articleView({
        journal: sources.journal,
        issue: issue.issue,
        meta: article.meta,
        bodies,
        firstPage,
        articleNumber: article.meta.articleNumber ?? "",
        fontStylesheets: assets.fontStylesheets,
        stylesheets: assets.stylesheets,
        press: options.press,
      });
      const htmlFile = path.join(workDir, `${article.meta.id}.html`);
      await writeFile(htmlFile, templates.article(view));
      options.report(`laying out ${article.meta.id}`);
      const { pdf, layout } = await renderWithPagedJs(browser, htmlFile, { readableRoots: assets.readableRoots });
      const date = buildDate();
      const endPage = firstPage + layout.pages.length - 1;
      const finished = await finishPdf(pdf, {
        info: {
          title: view.document.title,
          author: view.document.author,
          subject: view.document.subject,
          keywords: keywordList(article.meta.keywords),
          lang: "zh-Hans",
          date,
        },
        trim: sources.journal.trim,
        bleed: options.press.bleed,
        firstFolio: firstPage,
        outlineTitles: [view.title.zh, ...headingTexts(bodies.zh), view.title.en, ...headingTexts(bodies.en)],
        xmp: templates.xmp(xmpView(view, { journal: sources.journal, issue: issue.issue, startPage: firstPage, endPage, date })),
      });
      const file = path.join(options.outDir, issueFolder(issue), `${article.meta.id}.pdf`);
      const findings = await preflight({ pdf: finished, layout, expected: [bodies.zh.texts, bodies.en.texts] });
      for (const finding of findings) options.report(`preflight: ${article.meta.id}: ${formatFinding(finding)}`);
      if (findings.length > 0 && options.strict) throw new PreflightFailed(article.meta.id, findings.length);
      await writeAtomically(file, finished);
      const computed = formatArticleNumber(sources.journal.issn, issue.issue, firstPage, layout.pages.length);
      options.report(
        `wrote ${path.relative(process.cwd(), file)}: ${layout.pages.length} pages, ` +
          `${findings.length} preflight finding${findings.length === 1 ? "" : "s"}, ` +
          `${layout.pages.reduce((n, p) => n + p.notes.length, 0)} notes, 文章编号 ${computed} ` +
          `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
      built.push({ id: article.meta.id, file, layout });
    }
    return built;
  } finally {
    await browser?.close();
    await rm(workDir, { recursive: true, force: true });
  }
}

function headingTexts(body: RenderedBody): string[] {
  return body.headings.map((h) => h.text);
}

function renderBodies(article: Article, journal: Journal) {
  return {
    zh: renderBody(article.zh, { lang: "zh", fullWidthPunctuation: journal.fullWidthPunctuation }),
    en: renderBody(article.en, { lang: "en", fullWidthPunctuation: false }),
  };
}

/** dist/<year>-<number>/: one folder per issue. */
export function issueFolder(issue: IssueSources): string {
  return `${issue.issue.year}-${String(issue.issue.number).padStart(2, "0")}`;
}
