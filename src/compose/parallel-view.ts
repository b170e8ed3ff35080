import type { Issue, Journal, ParallelLayout } from "../content/schema.ts";
import type { DocumentStyles } from "./assets.ts";
import { issueLine, type ArticleView, type PageSetup } from "./view.ts";

/**
 * Where one side of a parallel-text edition starts an alignment unit, for the page to
 * carry out while laying it out (src/render/in-page/handlers/alignment.ts): the white
 * space before the unit ends `bottom` points below the top of page `page`, reached after
 * at most `breaks` page breaks. src/parallel works it out.
 */
export interface UnitTarget {
  page: number;
  bottom: number;
  breaks: number;
}

/** One language of a parallel-text edition (templates/parallel.hbs). */
export interface ParallelSideView extends ArticleView {
  layout: ParallelLayout;
  zh: boolean;
  /** Where each unit starts, as JSON for the page (src/render/in-page/handlers/alignment.ts). */
  alignment: string;
  /** Columns: each column's share of the text block (styles/parallel.css takes the gap between out of both). */
  columns?: ColumnShares;
}

/** The columns edition's two columns, as shares of the text block's width: 0.45 and 0.55. */
export interface ColumnShares {
  zh: number;
  en: number;
}

/**
 * Facing pages: the Chinese on the versos (folios 2, 4, …), the English on the rectos
 * (3, 5, …), after a title page (folio 1). Columns: both on the same pages (1, 2, …); the
 * Chinese side carries the running heads and folios.
 */
export function parallelSideView(
  article: ArticleView,
  layout: ParallelLayout,
  lang: "zh" | "en",
  alignment: Record<string, UnitTarget>,
  columns: ColumnShares = { zh: 0.5, en: 0.5 },
): ParallelSideView {
  const zh = lang === "zh";
  const page: PageSetup =
    layout === "facing"
      ? { ...article.page, firstFolio: zh ? 2 : 3, folioStep: 2, side: zh ? "left" : "right", firstPageSide: zh ? "left" : "right" }
      : { ...article.page, firstFolio: 1, firstPageSide: "right" };
  const heads = (verso: string, recto: string) => ({ verso, recto });
  const running = article.runningTitle;
  return {
    ...article,
    page,
    layout,
    zh,
    // Each side's running head is its own title; in columns the versos show the Chinese, the rectos the English.
    runningHeads:
      layout === "facing"
        ? { zh: heads(running.zh, running.zh), en: heads(running.en, running.en) }
        : { zh: heads(running.zh, running.en), en: heads(running.zh, running.en) },
    alignment: JSON.stringify(alignment),
    ...(layout === "columns" ? { columns } : {}),
  };
}

/** The facing-pages edition's title page. */
export interface ParallelTitleView {
  page: PageSetup;
  styles: DocumentStyles;
  document: { title: string };
  issueLine: { zh: string; en: string };
  title: ArticleView["title"];
  authors: ArticleView["authors"];
}

export function parallelTitleView(article: ArticleView, journal: Journal, issue: Issue): ParallelTitleView {
  return {
    page: { ...article.page, firstFolio: 1, firstPageSide: "right" },
    styles: article.styles,
    document: { title: `${article.title.zh} ${article.title.en}（中英对照）` },
    issueLine: { zh: issueLine(journal, issue, "zh"), en: issueLine(journal, issue, "en") },
    title: article.title,
    authors: article.authors,
  };
}
