import type { Line, PageModel } from "./page.ts";
import { normalise } from "./text.ts";

/** A body line in reading order over the whole document. */
export interface ReadLine {
  page: number;
  line: Line;
  /** The line's own text (no calls), normalised. */
  text: string;
  /** The last body line of its page. */
  last: boolean;
}

/** Body lines of every page, in order: running heads, folios, calls and notes left out. */
export function bodyLines(pages: PageModel[]): ReadLine[] {
  return pages.flatMap((page) =>
    page.body.map((line, i) => ({ page: page.number, line, text: normalise(line.ownText), last: i === page.body.length - 1 })),
  );
}

const LINE_END_HYPHEN = /\p{L}[-\u2010\u2011]$/u;

/** Text read in order, joined, knowing on which page each part was printed. */
export class TextStream {
  readonly text: string;
  private readonly starts: { offset: number; page: number }[];

  constructor(parts: { page: number; text: string }[]) {
    let text = "";
    this.starts = [];
    for (const part of parts) {
      // A line that ends in a hyphen inside a word was broken at a soft hyphen (or at the
      // word's own hyphen, which the comparison leaves out as well).
      if (LINE_END_HYPHEN.test(text) && /^\p{L}/u.test(part.text)) text = text.slice(0, -1);
      this.starts.push({ offset: text.length, page: part.page });
      text += part.text;
    }
    this.text = text;
  }

  /** The page the character at `offset` was printed on (the last page for the end). */
  pageAt(offset: number): number | undefined {
    let page: number | undefined;
    for (const start of this.starts) {
      if (start.offset > offset) break;
      page = start.page;
    }
    return page;
  }

  static ofBody(pages: PageModel[]): TextStream {
    return new TextStream(bodyLines(pages));
  }

  static ofNotes(pages: PageModel[]): TextStream {
    return new TextStream(pages.flatMap((page) => page.notes.map((note) => ({ page: page.number, text: normalise(note.text) }))));
  }
}
