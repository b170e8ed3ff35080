import type { DocumentLayout } from "../render/layout.ts";
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
    // Joined once at the end, and only the end so far looked at for a hyphen: a string
    // grown line by line and tested whole at every line took time that grew with the square
    // of the document's length.
    const pieces: string[] = [];
    let length = 0;
    let end = "";
    this.starts = [];
    for (const part of parts) {
      // A line that ends in a hyphen inside a word was broken at a soft hyphen (or at the
      // word's own hyphen, which the comparison leaves out as well).
      if (LINE_END_HYPHEN.test(end) && /^\p{L}/u.test(part.text)) {
        pieces.push((pieces.pop() ?? "").slice(0, -1));
        length -= 1;
        end = end.slice(0, -1);
      }
      this.starts.push({ offset: length, page: part.page });
      if (part.text === "") continue;
      pieces.push(part.text);
      length += part.text.length;
      end = (end + part.text).slice(-4);
    }
    this.text = pieces.join("");
  }

  /** The page the character at `offset` was printed on (the last page for the end). */
  pageAt(offset: number): number | undefined {
    // The last start at or before the offset.
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.starts[middle] as { offset: number }).offset > offset) high = middle;
      else low = middle + 1;
    }
    return this.starts[low - 1]?.page;
  }

  static ofBody(pages: PageModel[]): TextStream {
    return new TextStream(bodyLines(pages));
  }

  /**
   * The notes, each read whole: a note cut at a page's foot reads on in its part at the
   * top of the next page's notes (the layout says which notes go on, in order).
   */
  static ofNotes(pages: PageModel[], layout: DocumentLayout): TextStream {
    type Part = { page: number; text: string };
    const notes: Part[][] = [];
    let goingOn: Part[][] = [];
    pages.forEach((page, i) => {
      const placed = layout.pages[i];
      const next: Part[][] = [];
      page.continued.forEach((part, k) => {
        const note = goingOn.shift();
        const read = { page: page.number, text: normalise(part.text) };
        // Without the layout's word, a part goes on the note before it.
        const into = note ?? notes[notes.length - 1];
        if (into) into.push(read);
        else notes.push([read]);
        if (placed?.continued?.[k]?.continues && into) next.push(into);
      });
      page.notes.forEach((note, k) => {
        const parts = [{ page: page.number, text: normalise(note.text) }];
        notes.push(parts);
        if (placed?.notes[k]?.continues) next.push(parts);
      });
      goingOn = next;
    });
    return new TextStream(notes.flat());
  }
}
