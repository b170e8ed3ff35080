/** What the laid-out document looked like, read from the page after Paged.js finished (in-page/handlers/layout-readout.ts). */
export interface DocumentLayout {
  pages: PageLayout[];
  /** Elements marked `data-goto` (entries of the contents and ABSTRACTS), with where they landed. */
  links: LinkLayout[];
  /** Where each alignment unit (`data-align`) starts: the page and top edge, in points, of its first line of text. */
  anchors: { id: string; page: number; top: number }[];
}

/** A box in points from the page's top-left corner. */
export interface Area {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface LinkLayout {
  /** 1-based page the element is on. */
  page: number;
  /** What it leads to: the value of its data-goto. */
  target: string;
  area: Area;
}

export interface PageLayout {
  /** 1-based position in the document. */
  index: number;
  side: "left" | "right";
  /** Notes whose body sits on this page, with the number printed. */
  notes: { number: number; text: string; callPage: number }[];
  /** The text area (body and notes), in points from the page's top-left corner. */
  area: Area;
}
