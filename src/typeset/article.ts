import type { PDFDocument } from "pdf-lib";
import { composeWithFaces } from "../compose/faces.ts";
import { articlePart, articleView, keywordList, xmpView, type ArticleView } from "../compose/view.ts";
import { formatArticleNumber } from "../content/article-number-form.ts";
import type { Article, IssueSources } from "../content/load.ts";
import type { Guess } from "../issue/index.ts";
import type { RenderedBodies, RenderedBody } from "../markdown/index.ts";
import { finishDocument } from "../output/index.ts";
import { dropReading, type PreflightFinding } from "../preflight/index.ts";
import type { DocumentLayout } from "../render/layout.ts";
import type { BuildContext } from "./context.ts";
import { layoutErrors } from "./layout-problems.ts";
import { layOutApart } from "./article-parts.ts";
import { checkPages, renderPlaced, type PlacedPart } from "./render-document.ts";

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

/** An article's finished pages, what the issue is made of: its PDF (and as pdf-lib holds it), its layout, where it stands. */
export interface FinishedPages extends Omit<LaidOutArticle, "findings" | "seconds" | "profile"> {
  document: PDFDocument;
}

/**
 * An article finished, its pages still being checked on the reading thread: enough to
 * merge the issue meanwhile.
 */
export interface FinishedArticle extends FinishedPages {
  /** The article once checked: what the preflight found, and where its time went. */
  checked: Promise<LaidOutArticle>;
}

/** Where an article's pages go in its issue, and who is told when it no longer needs the browser. */
export interface ArticlePlace {
  /** Takes the article's page count and gives its true first page (in an issue, once the articles before it are counted). */
  place: (pageCount: number) => Promise<number>;
  /** Called once the article is printed (or found printed in the cache), before its parts are joined: its windows are free for other documents. */
  printed?: () => void;
}

/**
 * Composes, lays out, finishes and checks one article; the check goes on after it returns
 * (`checked`). It is composed to begin on `guess.firstPage`; `where.place` gives its true
 * first page, where its pages are moved before printing. Its 文章编号 is filled in from its
 * pages then.
 */
export async function layOutArticle(
  context: BuildContext,
  issue: IssueSources,
  article: Article,
  bodies: RenderedBodies,
  guess: Guess,
  where: ArticlePlace,
): Promise<FinishedArticle> {
  const started = Date.now();
  const { journal } = context;
  const numberFor = (firstPage: number, pageCount: number) => formatArticleNumber(journal.issn, issue.issue, firstPage, pageCount);
  const view = articleView({
    journal,
    issue: issue.issue,
    meta: article.meta,
    bodies,
    firstPage: guess.firstPage,
    articleNumber: numberFor(guess.firstPage, guess.pageCount),
    styles: context.assets.styles,
    press: context.press,
  });
  const compose = (v: ArticleView) => composeWithFaces((styles) => context.templates.article({ ...v, styles }), v.styles, context.fonts);
  const name = `${article.meta.id}-${guess.firstPage}`;
  // A long article's English part goes on from its Chinese part's last page, wherever that
  // falls: its pages are moved there once both are laid out.
  const parts: PlacedPart[] = layOutApart(bodies)
    ? [
        { name: `${name}-zh`, html: await compose(articlePart(view, "zh", guess.firstPage)), guess: guess.firstPage },
        { name: `${name}-en`, html: await compose(articlePart(view, "en", guess.firstPage + 1)), guess: guess.firstPage + 1 },
      ]
    : [{ name, html: await compose(view), guess: guess.firstPage }];
  const rendered = await renderPlaced(context, parts, {
    report: `laying out ${article.meta.id}`,
    place: where.place,
    fill: {
      values: (layout, firstPage) => ({ "article-number": numberFor(firstPage, layout.pages.length) }),
      from: numberFor(0, 0),
    },
    printed: where.printed,
  });
  const { layout, firstFolio: firstPage } = rendered;
  const faults = layoutErrors([layout], article);
  if (faults) {
    // Its parts, read as they were printed, will not be checked.
    if (rendered.read) dropReading(rendered.read);
    throw faults;
  }
  const laidOut = Date.now();
  const endPage = firstPage + layout.pages.length - 1;
  const { pdf: finished, document } = await finishDocument(rendered.parts, {
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
    firstFolio: firstPage,
    outlineTitles: [view.title.zh, ...headingTexts(bodies.zh), view.title.en, ...headingTexts(bodies.en)],
    xmp: context.templates.xmp(
      xmpView(
        { ...view, articleNumber: numberFor(firstPage, layout.pages.length) },
        { journal, issue: issue.issue, startPage: firstPage, endPage, date: context.date },
      ),
    ),
  });
  const finishedAt = Date.now();
  // Without the document: once the issue is merged, nothing needs it.
  const pages = {
    article,
    pdf: finished,
    layout,
    pageCount: layout.pages.length,
    firstPage,
    articleNumber: numberFor(firstPage, layout.pages.length),
  };
  const seconds = (from: number, to: number) => (to - from) / 1000;
  const checked = checkPages(context, rendered, {
    pdf: finished,
    read: rendered.read,
    layout,
    expected: [bodies.zh.texts, bodies.en.texts],
  }).then((findings) => ({
    ...pages,
    findings,
    seconds: seconds(started, Date.now()),
    profile: { layout: seconds(started, laidOut), finish: seconds(laidOut, finishedAt), preflight: seconds(finishedAt, Date.now()) },
  }));
  // Awaited by whoever takes the article; a failed check is theirs.
  checked.catch(() => undefined);
  return { ...pages, document, checked };
}

function headingTexts(body: RenderedBody): string[] {
  return body.headings.map((h) => h.text);
}
