import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { issueFolder } from "../../content/issue-folder.ts";
import type { Article, Sources } from "../../content/load.ts";
import { renderBody } from "../../markdown/index.ts";
import { writeAtomically } from "../../files/write.ts";
import { build, type BuiltArticle } from "../../typeset/index.ts";
import { jatsBody, type JatsBody } from "./body.ts";
import { loadJatsTemplate } from "./template.ts";
import { jatsView } from "./view.ts";

export interface JatsExportOptions {
  /** The XML goes to `<outDir>/<year>-<NN>/<id>.xml`. */
  outDir: string;
  /** As for the build: fail on a preflight finding or a 文章编号 the pages contradict. */
  strict: boolean;
  /** Where the build that gives the pages writes its PDFs; a temporary folder (removed) when unset. */
  pdfDir?: string;
  /** The build's layout cache (see BuildOptions.cacheDir); none when unset. */
  cacheDir?: string;
  report: (line: string) => void;
}

export interface ExportedArticle {
  id: string;
  file: string;
  /** The build's record of the article: pages, 文章编号, layout (its notes page by page). */
  built: BuiltArticle;
}

/**
 * JATS 1.3 (journal publishing) XML of every article in `sources`. The page numbers and
 * 文章编号 are only known after layout, so the issue is built first (its issue edition,
 * into a temporary folder unless `pdfDir` is given).
 */
export async function exportJats(sources: Sources, options: JatsExportOptions): Promise<ExportedArticle[]> {
  const template = await loadJatsTemplate();
  // The Markdown first: a fault should not wait for layout. renderBody reports as the build
  // does; JATS is made from the tokens it parsed.
  const bodies = new Map<Article, { zh: JatsBody; en: JatsBody }>();
  for (const issue of sources.issues) {
    for (const article of issue.articles) {
      const fullWidthPunctuation = sources.journal.fullWidthPunctuation;
      const zh = renderBody(article.zh, { lang: "zh", fullWidthPunctuation });
      const en = renderBody(article.en, { lang: "en", fullWidthPunctuation: false });
      bodies.set(article, { zh: jatsBody(zh, article.zh, "zh"), en: jatsBody(en, article.en, "en") });
    }
  }
  const pdfDir = options.pdfDir ?? (await mkdtemp(path.join(os.tmpdir(), "paiban-jats-")));
  try {
    const built = await build(sources, {
      outDir: pdfDir,
      strict: options.strict,
      press: {},
      // Only the pages matter: the issue edition has them; parallel-text editions do not.
      editions: { issue: true, parallel: [] },
      cacheDir: options.cacheDir,
      report: options.report,
    });
    const exported: ExportedArticle[] = [];
    for (const [index, issue] of sources.issues.entries()) {
      for (const article of issue.articles) {
        const record = built[index]?.articles.find((a) => a.id === article.meta.id);
        const body = bodies.get(article);
        if (!record || !body) throw new Error(`the build made no pages for ${article.meta.id}`);
        const file = path.join(options.outDir, issueFolder(issue), `${article.meta.id}.xml`);
        const view = jatsView({
          journal: sources.journal,
          issue: issue.issue,
          meta: article.meta,
          pages: { first: record.firstPage, count: record.pageCount },
          articleNumber: record.articleNumber,
          bodies: body,
        });
        await writeAtomically(file, template(view));
        options.report(
          `wrote ${path.relative(process.cwd(), file)}: pages ${view.fpage}–${view.lpage}, ${body.zh.notes.length + body.en.notes.length} notes`,
        );
        exported.push({ id: article.meta.id, file, built: record });
      }
    }
    return exported;
  } finally {
    if (options.pdfDir === undefined) await rm(pdfDir, { recursive: true, force: true });
  }
}
