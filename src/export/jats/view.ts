import { asPrinted } from "../../compose/front-matter.ts";
import type { Issue, ArticleMeta, Journal } from "../../content/schema.ts";
import { oneLineTitle } from "../../content/title.ts";
import { clean, type JatsBody } from "./body.ts";

/** Everything templates/jats.hbs writes of one article, as text ready for XML. */
export interface JatsView {
  journal: { issn: string; title?: string; transTitle?: string };
  id: string;
  /** 文章编号, from the article's real pages. */
  articleNumber: string;
  /** 中图分类号, one entry a class. */
  clc: string[];
  documentCode: string;
  title: { zh: string; en: string };
  /** The running heads the front matter chooses (`runningHead`), as JATS alt-titles; none when the heads are the titles. */
  runningHead: { zh?: string; en?: string };
  authors: { name: { zh: string; en: string }; bio: { zh: string; en: string }; affiliation?: { zh: string; en?: string } }[];
  editor: string;
  year: number;
  issue: number;
  fpage: number;
  lpage: number;
  received: { iso: string; year: string; month: string; day: string };
  abstract: { zh: string; en: string };
  keywords: { zh: string[]; en?: string[] };
  funding?: string;
  body: JatsBody;
  /** The English version, a translation sub-article. */
  translation: JatsBody;
}

export interface JatsViewInput {
  journal: Journal;
  issue: Issue;
  meta: ArticleMeta;
  pages: { first: number; count: number };
  articleNumber: string;
  bodies: { zh: JatsBody; en: JatsBody };
}

export function jatsView({ journal, issue, meta: written, pages, articleNumber, bodies }: JatsViewInput): JatsView {
  // As printed: the same quotes and dashes as the PDF.
  const meta = asPrinted(written);
  const [year = "", month = "", day = ""] = meta.received.split("-");
  return {
    journal: { issn: journal.issn, title: optional(journal.name?.zh), transTitle: optional(journal.name?.en) },
    id: meta.id,
    articleNumber,
    clc: meta.clc.split(";").map((c) => c.trim()),
    documentCode: meta.documentCode,
    title: { zh: clean(oneLineTitle(meta)), en: clean(meta.title.en) },
    runningHead: { zh: optional(meta.runningHead?.zh), en: optional(meta.runningHead?.en) },
    authors: meta.authors.map((a) => ({
      name: { zh: clean(a.name.zh), en: clean(a.name.en) },
      bio: { zh: clean(a.bio.zh), en: clean(a.bio.en) },
      affiliation: a.affiliation && { zh: clean(a.affiliation.zh), en: optional(a.affiliation.en) },
    })),
    editor: clean(meta.editor),
    year: issue.year,
    issue: issue.number,
    fpage: pages.first,
    lpage: pages.first + pages.count - 1,
    received: { iso: meta.received, year, month, day },
    abstract: { zh: clean(meta.abstract.zh), en: clean(meta.abstract.en) },
    keywords: { zh: meta.keywords.zh.map(clean), en: meta.keywords.en?.map(clean) },
    funding: optional(meta.funding),
    body: bodies.zh,
    translation: bodies.en,
  };
}

function optional(text: string | undefined): string | undefined {
  return text === undefined ? undefined : clean(text);
}
