import { composeWithFaces } from "../compose/faces.ts";
import { abstractsView, contentsView, issueXmpView, type IssueEntry } from "../compose/issue-view.ts";
import { issueLine, keywordList } from "../compose/view.ts";
import { sideOf } from "../content/folio.ts";
import type { IssueSources } from "../content/load.ts";
import { oneLineTitle } from "../content/title.ts";
import type { IssuePlan } from "../issue/index.ts";
import {
  finishMerged,
  finishPdf,
  mergeDocuments,
  pageTop,
  type DocumentInfo,
  type MergePart,
  type OutlineEntry,
  type PageLink,
} from "../output/index.ts";
import type { PreflightFinding } from "../preflight/index.ts";
import type { DocumentLayout } from "../render/layout.ts";
import type { FinishedPages } from "./article.ts";
import type { BuildContext } from "./context.ts";
import type { PressPage } from "./deliver.ts";
import { checkPages, renderDocument } from "./render-document.ts";

/** One of the issue's own documents (contents, ABSTRACTS), laid out and checked. */
interface IssuePage {
  pdf: Uint8Array;
  layout: DocumentLayout;
  findings: PreflightFinding[];
}

export interface IssueEdition {
  pdf: Uint8Array;
  pageCount: number;
  /** What each page is: its text area, and whose title and 文章编号 its job line gives. */
  pages: PressPage[];
  /** Findings on the contents and ABSTRACTS pages (the articles' are reported with them). */
  findings: { part: string; finding: PreflightFinding }[];
}

/** The contents and ABSTRACTS pages, laid out and checked, and what the issue PDF is told of itself. */
export interface IssuePages {
  contents: IssuePage;
  abstracts: IssuePage;
  info: DocumentInfo;
  xmp: string;
}

/**
 * The contents and ABSTRACTS pages, from the issue's plan: they need the articles' first
 * pages, not their PDFs, and are laid out once the articles are printed, while the articles
 * are still finished and checked (make-issue.ts).
 */
export async function layOutIssuePages(context: BuildContext, issue: IssueSources, plan: IssuePlan): Promise<IssuePages> {
  const entries: IssueEntry[] = issue.articles.map((article, i) => ({
    meta: article.meta,
    firstPage: plan.articles[i]?.firstPage ?? issue.issue.firstPage,
  }));
  const common = {
    journal: context.journal,
    issue: issue.issue,
    entries,
    styles: context.assets.styles,
    press: context.press,
  };
  const info = issueInfo(context, issue, entries);
  const xmp = context.templates.xmp(issueXmpView(common, { startPage: issue.issue.firstPage, endPage: plan.nextPage }, context.date));
  const contentsHtml = composeWithFaces(
    (styles) => context.templates.contents(contentsView({ ...common, styles })),
    common.styles,
    context.fonts,
  );
  const abstractsHtml = composeWithFaces(
    (styles) => context.templates.abstracts(abstractsView({ ...common, styles, firstFolio: plan.nextPage })),
    common.styles,
    context.fonts,
  );
  const [contents, abstracts] = await Promise.all([
    layOutIssuePage(context, "contents", await contentsHtml, { info, xmp, firstFolio: 1, title: "目次" }),
    layOutIssuePage(context, "abstracts", await abstractsHtml, {
      info,
      xmp,
      firstFolio: plan.nextPage,
      title: "ABSTRACTS",
    }),
  ]);
  return { contents, abstracts, info, xmp };
}

/**
 * The issue PDF: the contents (front matter, no folios), the articles as laid out at their
 * pages in the issue, the ABSTRACTS page after them; merged, with one bookmark per article,
 * contents and ABSTRACTS entries linked to the articles, page labels matching the folios.
 */
export async function buildIssueEdition(
  context: BuildContext,
  issue: IssueSources,
  articles: FinishedPages[],
  plan: IssuePlan,
  issuePages: IssuePages,
): Promise<IssueEdition> {
  const { contents, abstracts, info, xmp } = issuePages;
  // The first article's first page keeps the side its folio gives it: a blank page after
  // the front matter when the sheet it would fall on (the one after the contents) is the other side.
  const padFront = sideOf(contents.layout.pages.length + 1) !== sideOf(issue.issue.firstPage);
  const parts: MergePart[] = [{ name: "contents", pdf: contents.pdf }];
  if (padFront) parts.push({ blank: true });
  const articleParts = new Map<string, number>();
  articles.forEach((a, i) => {
    if (plan.articles[i]?.blankBefore) parts.push({ blank: true });
    articleParts.set(a.article.meta.id, parts.length);
    parts.push({ name: a.article.meta.id, pdf: a.pdf, document: a.document });
  });
  const abstractsPart = parts.length;
  parts.push({ name: "abstracts", pdf: abstracts.pdf });
  const merged = await mergeDocuments(parts);
  const placed = (index: number) => merged.parts[index] as (typeof merged.parts)[number];

  const firstPageOf = (id: string) => placed(articleParts.get(id) ?? 0).firstPage;
  const articleOf = (id: string) => articles.find((a) => a.article.meta.id === id);
  const links = (part: number, layout: DocumentLayout, lang: "zh" | "en"): PageLink[] =>
    layout.links.map((link) => {
      const target = articleOf(link.target);
      const title = target && (lang === "zh" ? oneLineTitle(target.article.meta) : target.article.meta.title.en);
      return {
        page: placed(part).firstPage + link.page - 1,
        area: link.area,
        targetPage: firstPageOf(link.target),
        description: title && (lang === "zh" ? `${title}（第${target.firstPage}页）` : `${title} (p. ${target.firstPage})`),
      };
    });

  const outline: OutlineEntry[] = [
    { title: "目次", dest: pageTop(merged.pdf, 0), children: [] },
    ...articles.map((a) => articleBookmark(placed(articleParts.get(a.article.meta.id) ?? 0).outline)),
    { title: "ABSTRACTS", dest: pageTop(merged.pdf, placed(abstractsPart).firstPage), children: [] },
  ];
  const articlesStart = placed(1 + (padFront ? 1 : 0)).firstPage;
  const pdf = await finishMerged(merged.pdf, {
    info,
    xmp,
    labels: [
      { startPage: 0, style: "roman", first: 1 },
      { startPage: articlesStart, style: "decimal", first: issue.issue.firstPage },
    ],
    outline,
    links: [...links(0, contents.layout, "zh"), ...links(abstractsPart, abstracts.layout, "en")],
  });
  const issueTitle = issueLine(context.journal, issue.issue, "zh");
  const pages: PressPage[] = [];
  parts.forEach((part, i) => {
    const { firstPage, pageCount } = placed(i);
    const article = "blank" in part ? undefined : articleOf(part.name);
    const layout = "blank" in part ? undefined : i === 0 ? contents.layout : i === abstractsPart ? abstracts.layout : article?.layout;
    for (let page = 0; page < pageCount; page++) {
      pages[firstPage + page] = article
        ? { area: layout?.pages[page]?.area, title: oneLineTitle(article.article.meta), articleNumber: article.articleNumber }
        : { area: layout?.pages[page]?.area, title: issueTitle };
    }
  });
  return {
    pdf,
    pageCount: merged.pdf.getPageCount(),
    pages,
    findings: [
      ...contents.findings.map((finding) => ({ part: "contents", finding })),
      ...abstracts.findings.map((finding) => ({ part: "ABSTRACTS", finding })),
    ],
  };
}

/**
 * An article's bookmark in the issue: its Chinese title, with its sections below and its
 * English part (with the English sections) after them.
 */
function articleBookmark(outline: OutlineEntry[]): OutlineEntry {
  const [chinese, ...rest] = outline;
  if (!chinese) throw new Error("an article of the issue has no bookmarks");
  return { ...chinese, children: [...chinese.children, ...rest] };
}

async function layOutIssuePage(
  context: BuildContext,
  name: string,
  html: string,
  finish: { info: DocumentInfo; xmp: string; firstFolio: number; title: string },
): Promise<IssuePage> {
  const rendered = await renderDocument(context, name, html, { report: `laying out the ${name} page` });
  const { pdf, layout } = rendered;
  const finished = await finishPdf(pdf, {
    info: finish.info,
    trim: context.journal.trim,
    bleed: context.press.bleed,
    firstFolio: finish.firstFolio,
    outlineTitles: [finish.title],
    xmp: finish.xmp,
  });
  const findings = await checkPages(context, rendered, { pdf: finished, layout, expected: [] });
  return { pdf: finished, layout, findings };
}

function issueInfo(context: BuildContext, issue: IssueSources, entries: IssueEntry[]): DocumentInfo {
  const line = issueLine(context.journal, issue.issue, "zh");
  return {
    title: `${line} ${issueLine(context.journal, issue.issue, "en")}`,
    author: [...new Set(entries.flatMap(({ meta }) => meta.authors.map((a) => `${a.name.zh} (${a.name.en})`)))].join("; "),
    subject: `${line} 目次：${entries.map(({ meta }) => oneLineTitle(meta)).join("；")}`,
    keywords: [...new Set(entries.flatMap(({ meta }) => keywordList(meta.keywords)))],
    lang: "zh-Hans",
    date: context.date,
  };
}
