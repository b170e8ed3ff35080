/** What the laid-out document looked like, read from the page after Paged.js finished (in-page/layout.js). */
export interface DocumentLayout {
  pages: PageLayout[];
}

export interface PageLayout {
  /** 1-based position in the document. */
  index: number;
  side: "left" | "right";
  /** Notes whose body sits on this page, with the number printed. */
  notes: { number: number; text: string; callPage: number }[];
  /** The text area (body and notes), in points from the page's top-left corner. */
  area: { left: number; top: number; right: number; bottom: number };
}
