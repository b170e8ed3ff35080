import { pageAssets } from "../compose/assets.ts";
import { composeWithFaces, type DocumentFonts } from "../compose/faces.ts";
import { loadTemplates } from "../compose/index.ts";
import { articleView } from "../compose/view.ts";
import { parseArticleNumber } from "../content/article-number-form.ts";
import { issueFolder } from "../content/issue-folder.ts";
import { loadSources, type Article, type IssueSources } from "../content/load.ts";
import { loadJournalFonts } from "../fonts/journal-fonts.ts";
import { loadFontLibrary } from "../fonts/library.ts";
import { renderBodies } from "../markdown/index.ts";
import { assetUrl, PREVIEW_FONTS_DIR, previewScripts } from "./assets.ts";
import type { PreviewTemplates } from "./templates.ts";

/** One article of the preview: where it is served, and its page. */
export interface PreviewArticle {
  /** URL path, `/<year>-<NN>/<id>/`. */
  route: string;
  article: Article;
  html: string;
}

export interface PreviewSite {
  articles: PreviewArticle[];
  issues: { name: string; articles: PreviewArticle[] }[];
}

/**
 * Every article under `target`, composed as the build composes it (same view, same
 * templates, same styles and fonts) but for the browser window: served over HTTP, laid out
 * by Paged.js's previewer. Folios start where the declared 文章编号 says (else on the
 * issue's first page): only a build knows the real pages.
 */
export async function composeSite(target: string, templates: PreviewTemplates, version: number): Promise<PreviewSite> {
  const sources = await loadSources(target);
  const printed = await loadTemplates();
  const { styles } = await pageAssets(assetUrl);
  const head = templates.head({ version, scripts: await previewScripts() });
  const fonts: DocumentFonts = {
    library: await loadFontLibrary(await loadJournalFonts(sources.journalFile, sources.journal.fonts)),
    dir: PREVIEW_FONTS_DIR,
    url: assetUrl,
  };
  const compose = async (issue: IssueSources, a: Article): Promise<PreviewArticle> => {
    const declared = a.meta.articleNumber;
    const view = articleView({
      journal: sources.journal,
      issue: issue.issue,
      meta: a.meta,
      bodies: renderBodies(a, sources.journal.fullWidthPunctuation),
      firstPage: (declared ? parseArticleNumber(declared)?.firstPage : undefined) ?? issue.issue.firstPage,
      articleNumber: declared ?? "",
      styles,
      press: {},
    });
    const html = await composeWithFaces((styles) => printed.article({ ...view, styles }), styles, fonts);
    return { route: `/${issueFolder(issue)}/${a.meta.id}/`, article: a, html: forTheWindow(html, head) };
  };
  const issues = await Promise.all(
    sources.issues.map(async (issue) => ({
      name: issueFolder(issue),
      articles: await Promise.all(issue.articles.map((a) => compose(issue, a))),
    })),
  );
  return { issues, articles: issues.flatMap((i) => i.articles) };
}

/**
 * The build's document, for a page served over HTTP: its Content-Security-Policy admits
 * file: URLs only, so it gives way to the server's (which admits this server only), and
 * the preview's head (Paged.js, the reload script) goes in.
 */
function forTheWindow(html: string, head: string): string {
  return html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/i, "").replace("</head>", `${head}</head>`);
}
