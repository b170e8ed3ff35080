import type { ArticleMeta, Issue, Journal } from "../content/schema.ts";
import type { PressOptions } from "../config/options.ts";
import { oneLineTitle } from "../content/title.ts";
import type { DocumentStyles } from "./assets.ts";
import { asPrinted } from "./front-matter.ts";
import { issueLine, keywordList, pageSetup, xmpDate, type PageSetup, type XmpView } from "./view.ts";

/** An article of the issue as the contents and the ABSTRACTS page list it. */
export interface IssueEntry {
  meta: ArticleMeta;
  firstPage: number;
}

interface IssueDocument {
  page: PageSetup;
  styles: DocumentStyles;
  document: { title: string };
}

/** 目次: each article's title, authors and first page, in print order. */
export interface ContentsView extends IssueDocument {
  journalName: string;
  issueLine: string;
  entries: { id: string; title: string; authors: string[]; page: number }[];
}

/** The English ABSTRACTS page: start page, title, by-line with bios, abstract. */
export interface AbstractsView extends IssueDocument {
  runningHeads: { verso: string; recto: string };
  entries: { id: string; page: string; title: string; authors: { name: string; bio: string }[]; abstract: string }[];
}

export interface IssueViewInput {
  journal: Journal;
  issue: Issue;
  entries: IssueEntry[];
  styles: DocumentStyles;
  press: PressOptions;
}

/** The entries' front matter as printed (curly quotes, dashes). */
function printed(entries: IssueEntry[]): IssueEntry[] {
  return entries.map((entry) => ({ ...entry, meta: asPrinted(entry.meta) }));
}

export function contentsView(input: IssueViewInput): ContentsView {
  const { journal, issue } = input;
  const line = issueLine(journal, issue, "zh");
  return {
    // Front matter: its pages carry no folio (the first article's first page is the issue's first).
    page: pageSetup(journal, input.press, 1),
    styles: input.styles,
    document: { title: `${line} 目次` },
    journalName: journal.name?.zh ?? "",
    issueLine: journal.name ? `${issue.year}年第${issue.number}期` : line,
    entries: printed(input.entries).map(({ meta, firstPage }) => ({
      id: meta.id,
      title: oneLineTitle(meta),
      authors: meta.authors.map((a) => a.name.zh),
      page: firstPage,
    })),
  };
}

export function abstractsView(input: IssueViewInput & { firstFolio: number }): AbstractsView {
  const { journal, issue } = input;
  return {
    page: pageSetup(journal, input.press, input.firstFolio),
    styles: input.styles,
    document: { title: `${issueLine(journal, issue, "en")} ABSTRACTS` },
    runningHeads: { verso: issueLine(journal, issue, "en"), recto: "ABSTRACTS" },
    entries: printed(input.entries).map(({ meta, firstPage }) => ({
      id: meta.id,
      // The seed's form: the start page in two digits at least (01, 14, 102).
      page: String(firstPage).padStart(2, "0"),
      title: meta.title.en,
      authors: meta.authors.map((a) => ({ name: a.name.en, bio: a.bio.en })),
      abstract: meta.abstract.en,
    })),
  };
}

/** What the issue PDF's XMP packet says: the issue as the title, every article's authors and keywords. */
export function issueXmpView(
  input: Pick<IssueViewInput, "journal" | "issue" | "entries">,
  pages: { startPage: number; endPage: number },
  date: Date,
): XmpView {
  const { journal, issue } = input;
  const entries = printed(input.entries);
  const subjects = [...new Set(entries.flatMap(({ meta }) => keywordList(meta.keywords)))];
  return {
    title: { zh: issueLine(journal, issue, "zh"), en: issueLine(journal, issue, "en") },
    creators: [...new Set(entries.flatMap(({ meta }) => meta.authors.flatMap((a) => [a.name.zh, a.name.en])))],
    description: {
      zh: entries.map(({ meta }) => oneLineTitle(meta)).join("；"),
      en: entries.map(({ meta }) => meta.title.en).join("; "),
    },
    subjects,
    keywords: subjects.join("; "),
    articleNumber: "",
    journalName: journal.name?.zh,
    issn: journal.issn,
    year: issue.year,
    number: issue.number,
    startPage: pages.startPage,
    endPage: pages.endPage,
    date: xmpDate(date),
  };
}
