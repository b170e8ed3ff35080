import { asPrinted } from "./front-matter.ts";
import type { PressOptions } from "../config/options.ts";
import { sideOf, type PageSide } from "../content/folio.ts";
import type { Journal, Issue, ArticleMeta } from "../content/schema.ts";
import { oneLineTitle, titleLines } from "../content/title.ts";
import type { RenderedBody } from "../markdown/index.ts";
import type { DocumentStyles } from "./assets.ts";

/** Everything the article template prints, already worded and formatted. */
export interface ArticleView {
  idPrefix: string;
  document: { title: string; author: string; subject: string; keywords: string };
  page: PageSetup;
  title: { zh: string; en: string; lines: string[] };
  authors: ArticleMeta["authors"];
  multipleAuthors: boolean;
  abstract: ArticleMeta["abstract"];
  keywords: ArticleMeta["keywords"];
  clc: string;
  documentCode: string;
  articleNumber: string;
  funding?: string;
  received: { zh: string; en: string };
  editor: string;
  runningHeads: { zh: RunningHeads; en: RunningHeads };
  /** The title as the running heads print it: the front matter's `runningHead`, else the title. */
  runningTitle: { zh: string; en: string };
  bodies: { zh: string; en: string };
  /** The parts this document lays out: both, or one of them laid out apart (`articlePart`). */
  parts: { zh: boolean; en: boolean };
  styles: DocumentStyles;
}

/** The page every document of a build shares, and where this document's folios begin. */
export interface PageSetup {
  width: string;
  height: string;
  /** Folio of the document's first page. */
  firstFolio: number;
  /** The side of the first page: its folio's (content/folio.ts), unless a parallel edition says otherwise. */
  firstPageSide: PageSide;
  /** Every page on one side (one language of a facing-pages edition); else they alternate. */
  side?: PageSide;
  /** Folios go up by this much a page (2 for one side of facing pages); else by 1. */
  folioStep?: number;
  /** The document goes on from another's last page (an article's English part laid out apart): its first page is no opening page. */
  continues?: boolean;
  bleed?: string;
}

export function pageSetup(journal: Journal, press: PressOptions, firstFolio: number): PageSetup {
  return {
    width: journal.trim.width,
    height: journal.trim.height,
    firstFolio,
    firstPageSide: sideOf(firstFolio),
    bleed: press.bleed,
  };
}

export interface RunningHeads {
  verso: string;
  recto: string;
}

export interface ArticleViewInput {
  journal: Journal;
  issue: Issue;
  meta: ArticleMeta;
  bodies: { zh: RenderedBody; en: RenderedBody };
  /** Folio of the article's first page. */
  firstPage: number;
  /** 文章编号 to print: declared, or computed from the layout. */
  articleNumber: string;
  styles: DocumentStyles;
  press: PressOptions;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function articleView(input: ArticleViewInput): ArticleView {
  const { journal, issue } = input;
  const meta = asPrinted(input.meta);
  const titleZh = oneLineTitle(meta);
  const runningTitle = { zh: meta.runningHead?.zh ?? titleZh, en: meta.runningHead?.en ?? meta.title.en };
  return {
    idPrefix: "zh",
    document: {
      title: `${titleZh} ${meta.title.en}`,
      author: meta.authors.map((a) => `${a.name.zh} (${a.name.en})`).join("; "),
      subject: meta.abstract.zh,
      keywords: keywordList(meta.keywords).join("; "),
    },
    page: pageSetup(journal, input.press, input.firstPage),
    title: { zh: titleZh, en: meta.title.en, lines: titleLines(meta) },
    authors: meta.authors,
    multipleAuthors: meta.authors.length > 1,
    abstract: meta.abstract,
    keywords: meta.keywords,
    clc: meta.clc,
    documentCode: meta.documentCode,
    articleNumber: input.articleNumber,
    funding: meta.funding,
    received: { zh: meta.received, en: englishDate(meta.received) },
    editor: meta.editor,
    runningHeads: {
      zh: { verso: issueLine(journal, issue, "zh"), recto: runningTitle.zh },
      en: { verso: issueLine(journal, issue, "en"), recto: runningTitle.en },
    },
    runningTitle,
    bodies: { zh: input.bodies.zh.html, en: input.bodies.en.html },
    parts: { zh: true, en: true },
    styles: input.styles,
  };
}

/**
 * One part of an article to lay out apart from the other, from folio `firstFolio`: the
 * English part begins on a page of its own (styles/english.css), so the two can be laid
 * out side by side and their pages put together. The English part goes on from the
 * Chinese part's last page.
 */
export function articlePart(view: ArticleView, part: "zh" | "en", firstFolio: number): ArticleView {
  return {
    ...view,
    parts: { zh: part === "zh", en: part === "en" },
    page: { ...view.page, firstFolio, firstPageSide: sideOf(firstFolio), continues: part === "en" },
  };
}

/** Every keyword, Chinese then English: the PDF's keywords and XMP subjects. */
export function keywordList(keywords: ArticleMeta["keywords"]): string[] {
  return [...keywords.zh, ...(keywords.en ?? [])];
}

/** The verso running head: the journal's name (or its ISSN while it has none), year and issue. */
export function issueLine(journal: Journal, issue: Issue, lang: "zh" | "en"): string {
  if (lang === "zh") {
    const name = journal.name?.zh ?? `ISSN ${journal.issn}`;
    return `${name}\u2003${issue.year}年第${issue.number}期`;
  }
  const name = journal.name?.en ?? `ISSN ${journal.issn}`;
  return `${name}\u2003No. ${issue.number}, ${issue.year}`;
}

export function englishDate(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  return `${MONTHS[(month ?? 1) - 1]} ${day}, ${year}`;
}

/** What the XMP packet says of an article (templates/xmp.hbs). */
export interface XmpView {
  title: { zh: string; en: string };
  creators: string[];
  description: { zh: string; en: string };
  subjects: string[];
  keywords: string;
  articleNumber: string;
  journalName?: string;
  issn: string;
  year: number;
  number: number;
  startPage: number;
  endPage: number;
  /** ISO 8601 timestamp of the build. */
  date: string;
}

export function xmpView(
  view: ArticleView,
  context: { journal: Journal; issue: Issue; startPage: number; endPage: number; date: Date },
): XmpView {
  const subjects = keywordList(view.keywords);
  return {
    title: { zh: view.title.zh, en: view.title.en },
    creators: view.authors.flatMap((a) => [a.name.zh, a.name.en]),
    description: view.abstract,
    subjects,
    keywords: subjects.join("; "),
    articleNumber: view.articleNumber,
    journalName: context.journal.name?.zh,
    issn: context.journal.issn,
    year: context.issue.year,
    number: context.issue.number,
    startPage: context.startPage,
    endPage: context.endPage,
    date: xmpDate(context.date),
  };
}

/** ISO 8601 to the second, as XMP dates are written. */
export function xmpDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
