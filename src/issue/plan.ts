/**
 * The pagination plan of an issue: which folio each article starts on, from the page
 * counts its layout gave. Articles follow one another from the issue's first page; a
 * journal that starts every article on a recto (an odd folio) leaves a blank page before
 * an article that would otherwise start on a verso.
 */

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
    const blankBefore = start === "recto" && page % 2 === 0;
    if (blankBefore) page += 1;
    const article = { id, firstPage: page, lastPage: page + pageCount - 1, pageCount, blankBefore };
    page += pageCount;
    return article;
  });
  return { articles: planned, nextPage: page };
}

/** An odd folio is a recto (a right-hand page); an even one a verso. */
export function sideOf(folio: number): "left" | "right" {
  return folio % 2 === 1 ? "right" : "left";
}
