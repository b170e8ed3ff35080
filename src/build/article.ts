import { articleView, keywordList, xmpView } from "../compose/view.ts";
import { formatArticleNumber } from "../content/article-number.ts";
import type { Article, IssueSources } from "../content/load.ts";
import type { Assumed } from "../issue/index.ts";
import { renderBody, type RenderedBody } from "../markdown/index.ts";
import { finishPdf } from "../output/index.ts";
import type { PreflightFinding } from "../preflight/index.ts";
import type { DocumentLayout } from "../render/layout.ts";
import type { BuildContext } from "./context.ts";
import { checkPages, renderDocument } from "./render-document.ts";

export interface RenderedBodies {
  zh: RenderedBody;
  en: RenderedBody;
}

/** An article laid out from a given first page: its finished PDF (the offprint) and what the preflight found. */
export interface LaidOutArticle {
  article: Article;
  pdf: Uint8Array;
  layout: DocumentLayout;
  pageCount: number;
  firstPage: number;
  /** The 文章编号 printed in its metadata block. */
  articleNumber: string;
  findings: PreflightFinding[];
  seconds: number;
  /** Where the time went: layout (waiting for a window included), finishing the PDF, the preflight. */
  profile: { layout: number; finish: number; preflight: number };
}

export function renderBodies(article: Article, fullWidthPunctuation: boolean): RenderedBodies {
  return {
    zh: renderBody(article.zh, { lang: "zh", fullWidthPunctuation }),
    en: renderBody(article.en, { lang: "en", fullWidthPunctuation: false }),
  };
}

/**
 * Composes, lays out, finishes and checks one article as if it began on `assumed.firstPage`
 * (the caller lays it out again if the plan moves it). Its 文章编号 is filled in from its
 * page count once it is laid out.
 */
export async function layOutArticle(
  context: BuildContext,
  issue: IssueSources,
  article: Article,
  bodies: RenderedBodies,
  assumed: Assumed,
): Promise<LaidOutArticle> {
  const started = Date.now();
  const { journal } = context;
  const numberFor = (pageCount: number) => formatArticleNumber(journal.issn, issue.issue, assumed.firstPage, pageCount);
  const view = articleView({
    journal,
    issue: issue.issue,
    meta: article.meta,
    bodies,
    firstPage: assumed.firstPage,
    articleNumber: numberFor(assumed.pageCount),
    fontStylesheets: context.assets.fontStylesheets,
    stylesheets: context.assets.stylesheets,
    press: context.press,
  });
  const rendered = await renderDocument(context, `${article.meta.id}-${assumed.firstPage}`, context.templates.article(view), {
    report: `laying out ${article.meta.id} from page ${assumed.firstPage}`,
    fill: {
      values: (layout) => ({ "article-number": numberFor(layout.pages.length) }),
      from: numberFor(0),
    },
  });
  const { pdf, layout } = rendered;
  const laidOut = Date.now();
  const endPage = assumed.firstPage + layout.pages.length - 1;
  const finished = await finishPdf(pdf, {
    info: {
      title: view.document.title,
      author: view.document.author,
      subject: view.document.subject,
      keywords: keywordList(article.meta.keywords),
      lang: "zh-Hans",
      date: context.date,
    },
    trim: journal.trim,
    bleed: context.press.bleed,
    firstFolio: assumed.firstPage,
    outlineTitles: [view.title.zh, ...headingTexts(bodies.zh), view.title.en, ...headingTexts(bodies.en)],
    xmp: context.templates.xmp(
      xmpView(
        { ...view, articleNumber: numberFor(layout.pages.length) },
        { journal, issue: issue.issue, startPage: assumed.firstPage, endPage, date: context.date },
      ),
    ),
  });
  const finishedAt = Date.now();
  const findings = await checkPages(context, rendered, { pdf: finished, layout, expected: [bodies.zh.texts, bodies.en.texts] });
  const seconds = (from: number, to: number) => (to - from) / 1000;
  return {
    article,
    pdf: finished,
    layout,
    pageCount: layout.pages.length,
    firstPage: assumed.firstPage,
    articleNumber: numberFor(layout.pages.length),
    findings,
    seconds: seconds(started, Date.now()),
    profile: { layout: seconds(started, laidOut), finish: seconds(laidOut, finishedAt), preflight: seconds(finishedAt, Date.now()) },
  };
}

function headingTexts(body: RenderedBody): string[] {
  return body.headings.map((h) => h.text);
}
