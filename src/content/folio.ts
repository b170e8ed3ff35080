/**
 * A folio's side, the one home of "an odd folio is a right-hand page (a recto), an even one
 * a left-hand page (a verso)": for composing a document (which side its first page takes),
 * for planning an issue (articles on a recto), for merging (blank pages that keep the sides)
 * and in the page (moving laid-out pages to other folios).
 */
export type PageSide = "left" | "right";

export function sideOf(folio: number): PageSide {
  return folio % 2 === 1 ? "right" : "left";
}
