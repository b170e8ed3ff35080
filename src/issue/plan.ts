/**
 * The pagination plan of an issue: which folio each article starts on, from the page
 * counts its layout gave. Articles follow one another from the issue's first page; a
 * journal that starts every article on a recto (an odd folio) leaves a blank page before
 * an article that would otherwise start on a verso.
 */

import { sideOf } from "../content/folio.ts";

export type ArticleStart = "any" | "recto";

export interface PlannedArticle {
  id: string;
  firstPage: number;
  lastPage: number;
  pageCount: number;
  /** A blank page precedes the article, so that it starts on a recto. */
  blankBefore: boolean;
}

export interface IssuePlan {
  articles: PlannedArticle[];
  /** The folio after the last article's last page. */
  nextPage: number;
}

export function planIssue(firstPage: number, articles: { id: string; pageCount: number }[], start: ArticleStart): IssuePlan {
  let page = firstPage;
  const planned = articles.map(({ id, pageCount }) => {
    const blankBefore = start === "recto" && sideOf(page) === "left";
    if (blankBefore) page += 1;
    const article = { id, firstPage: page, lastPage: page + pageCount - 1, pageCount, blankBefore };
    page += pageCount;
    return article;
  });
  return { articles: planned, nextPage: page };
}
