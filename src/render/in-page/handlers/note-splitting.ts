import { numberNotes } from "../note-numbers.ts";
import { paged, type PagedChunker, type PagedPage } from "../paged.ts";

/** What Paged.js's own footnote handler offers a subclass (node_modules/pagedjs/src/modules/paged-media/footnotes.js). */
declare class Footnotes {
  constructor(chunker: unknown, polisher: unknown, caller: unknown);
  chunker: unknown;
  /** Note contents to lay out at the foot of the next page, in order. */
  needsLayout: Node[];
  /** Inserts the call where the note stood in the flow, and returns it. */
  createFootnoteCall(note: HTMLElement): HTMLElement;
  /** Justifies the last line of the part of a note before a cut. */
  handleAlignment(note: HTMLElement): void;
  moveFootnote(note: Node, pageArea: HTMLElement, needsNoteCall: boolean): void;
  /** Lays out at the page's foot what the page before cut off (`needsLayout`). */
  beforePageLayout(page: PagedPage, content?: unknown): void;
  afterPageLayout(
    pageElement: HTMLElement,
    page: PagedPage,
    breakToken: BreakToken | undefined,
    chunker: PagedChunker,
  ): void | Promise<void>;
}

/** The handler Paged.js lays notes out with, the one NoteSplitting extends and replaces. */
export const PagedFootnotes = builtInFootnotes();

function builtInFootnotes(): typeof Footnotes {
  const found = paged().registeredHandlers.find((handler) => "moveFootnote" in handler.prototype);
  if (!found) throw new Error("paiban: Paged.js's footnote handler was not found (is Paged.js 0.4.3 loaded?)");
  return found as unknown as typeof Footnotes;
}

/**
 * Notes as TeX sets them: a note too long for the room left under its call starts on the
 * call's page and goes on at the foot of the next page (and the next…), above that page's
 * own notes, under the note rule and without a number of its own. The notes take at most
 * a share of the text area (`--notes-max-share` in styles/notes.css: the body keeps a
 * third). Every note whose call is on the page starts on it with at least
 * `--note-min-lines` lines; a call for whose note that leaves no room moves, with its
 * line, to the next page.
 *
 * Paged.js 0.4.3's own footnote handler moves a note whole: a long note takes its call's
 * line to the next page and most of that page, and a note longer than a page runs off the
 * page's foot and is lost. This handler takes its place. It extends it: the `float:
 * footnote` styles, the calls and the marks are Paged.js's; the room the notes get, where
 * they are cut and how the rest goes on are decided here.
 */
export class NoteSplitting extends PagedFootnotes {
  /** Whether the page being laid out has body text (a page Paged.js adds for notes alone has none). */
  private hasBody = true;

  override beforePageLayout(page: PagedPage, content?: unknown): void {
    // A blank page (left for a recto) holds nothing: the notes wait for the next page.
    if (page.element.classList.contains("pagedjs_blank_page")) return;
    this.hasBody = content !== undefined;
    super.beforePageLayout(page, content);
  }

  override moveFootnote(note: Node, pageArea: HTMLElement, needsNoteCall: boolean): void {
    if (!(note instanceof HTMLElement)) return;
    const area = new NoteArea(pageArea, this.hasBody);
    const call = needsNoteCall ? this.createFootnoteCall(note) : undefined;
    // Paged.js marks notes to keep with what comes before them in the flow; in the note area that no longer holds.
    note.removeAttribute("data-break-before");
    // Laid out again after an overflow: it is already in place.
    const placed = area.inner.querySelector<HTMLElement>(`[data-ref="${CSS.escape(note.dataset.ref ?? "")}"]`);
    if (placed) {
      if (call) numberNotes(pageArea);
      note.remove();
      return;
    }
    area.add(note);
    if (call) {
      numberNotes(pageArea);
      placeCalledNote(note, call, area);
    } else area.arrange(Math.max(area.reserved(), Math.min(area.limit, area.wholeHeight())), true);
  }

  /**
   * Once the page is laid out, the notes that got less room than they need are cut at
   * a line, and the rest of each goes, in order, to the foot of the next page; where
   * the text has ended (or the next page must start afresh), to a page of notes alone.
   */
  override async afterPageLayout(
    pageElement: HTMLElement,
    page: PagedPage,
    breakToken: BreakToken | undefined,
    chunker: PagedChunker,
  ): Promise<void> {
    const area = new NoteArea(child(pageElement, ".pagedjs_area"), this.hasBody);
    numberNotes(area.area);
    // Notes whose calls went to the next page were taken out: the others may use their room.
    if (area.notes().length > 0) area.arrange(Math.min(area.limit, area.reserved()), false);
    const rest = document.createDocumentFragment();
    for (const note of area.notes()) {
      const part = cutNote(note, Number(note.dataset.noteRoom));
      if (!part) continue;
      rest.append(part);
      this.handleAlignment(note);
    }
    area.fitToNotes();
    if (!rest.hasChildNodes()) return;
    this.needsLayout.push(rest);
    if (!breakToken || forcesBreak(breakToken)) {
      // Paged.js numbers a page by its count of pages so far, which only a page of text
      // updates: without this, pages added for notes would share a number.
      chunker.total = chunker.pages.length;
      await chunker.clonePage(page);
      chunker.total = chunker.pages.length;
    }
  }
}

/** A note whose call is in the body on this page: whole, cut, or sent with its call's line to the next page. */
function placeCalledNote(note: HTMLElement, call: HTMLElement, area: NoteArea): void {
  const line = lineOf(call);
  // Its line is already past the page: the note comes with it on the next page.
  if (!line || !area.holdsLine(line)) {
    note.remove();
    return;
  }
  const before = area.reserved();
  let room = Math.min(area.limit, area.bottom - line.bottom);
  const whole = area.wholeHeight();
  if (whole <= room) {
    area.arrange(Math.max(whole, before), true);
    if (area.holdsLine(lineOf(call))) return;
  }
  // Cut: the room under the call, shared out. Notes taking more room can move the call's
  // line (a paragraph keeps two lines together at a break): then try a line less.
  while (room >= area.leastHeight()) {
    area.arrange(room, true);
    if (area.holdsLine(lineOf(call))) return;
    room -= line.bottom - line.top;
  }
  // No room for it under its call: the call's line, and the note, start the next page. The
  // room reserved reaches up to the middle of the call's line: its box is known only from
  // its glyphs, and reaching up to its estimated top took the line above along too.
  note.remove();
  area.reserve(Math.max(before, area.bottom - (line.top + line.bottom) / 2));
  area.arrange(Math.min(area.limit, area.reserved()), false);
}

/** Where the next page's text starts (chunker/breaktoken.js). */
interface BreakToken {
  node?: Node;
}

/**
 * The next page starts with a break the styles ask for (a new part): the notes left go on a
 * page of their own first. Not the page breaks a parallel edition puts before a unit to
 * start it on a later page (`align-break`, handlers/alignment.ts): they move the text, and
 * the notes go on at the next page's foot as they would have.
 */
function forcesBreak(token: BreakToken): boolean {
  const node = token.node;
  if (!(node instanceof HTMLElement) || node.classList.contains("align-break")) return false;
  const { breakBefore, previousBreakAfter } = node.dataset;
  return [breakBefore, previousBreakAfter].some((value) => value !== undefined && value !== "avoid");
}

/** A line of the body: its box, top to bottom, and where it starts. */
interface LineBox {
  top: number;
  bottom: number;
  left: number;
}

/**
 * The line box of a call: where the text just before it stands (a word joiner and the
 * character the call belongs to), grown to the paragraph's line height. The call itself is
 * a raised number with no line height of its own.
 */
function lineOf(call: HTMLElement): LineBox | undefined {
  const range = document.createRange();
  const before = call.previousSibling;
  const length = before?.nodeType === Node.TEXT_NODE ? (before.textContent ?? "").length : 0;
  if (before && length > 0) {
    range.setStart(before, Math.max(0, length - 2));
    range.setEnd(before, length);
  } else range.selectNode(call);
  const boxes = [...range.getClientRects()].filter((box) => box.height > 0).sort((a, b) => a.top - b.top);
  const box = boxes[boxes.length - 1];
  if (!box) return undefined;
  const block = call.parentElement?.closest("p, li, dd, blockquote, h1, h2, h3, h4, h5, h6, div") ?? call.parentElement;
  const half = block ? lineHeight(block) / 2 : box.height / 2;
  const middle = (box.top + box.bottom) / 2;
  return { top: middle - half, bottom: middle + half, left: box.left };
}

function lineHeight(element: Element): number {
  const style = getComputedStyle(element);
  const height = Number.parseFloat(style.lineHeight);
  return Number.isFinite(height) ? height : 1.2 * Number.parseFloat(style.fontSize);
}

/**
 * A page's note area. `--pagedjs-footnotes-height` on the text area is the room reserved
 * at its foot: the body gets the rest. Each note in it is given its share of the room
 * (`data-note-room`, in px); a note given less than its height is cut there once the page
 * is laid out.
 */
class NoteArea {
  readonly area: HTMLElement;
  readonly body: HTMLElement;
  readonly content: HTMLElement;
  readonly inner: HTMLElement;
  /** The foot of the text area. */
  readonly bottom: number;
  /** The most room the notes may take: their share of the text area, or all of it on a page without text. */
  readonly limit: number;

  constructor(area: HTMLElement, hasBody: boolean) {
    this.area = area;
    this.body = child(area, ".pagedjs_page_content");
    this.content = child(area, ".pagedjs_footnote_content");
    this.inner = child(this.content, ".pagedjs_footnote_inner_content");
    const height = area.getBoundingClientRect().height;
    this.bottom = this.body.getBoundingClientRect().top + height;
    const share = this.property("--notes-max-share");
    this.limit = hasBody && share > 0 && share < 1 ? share * height : height;
  }

  add(note: HTMLElement): void {
    this.inner.appendChild(note);
    this.content.classList.remove("pagedjs_footnote_empty");
    // The number is set with its call's (note-numbers.ts); the id is the call's link target.
    note.dataset.footnoteMarker = note.dataset.ref ?? "";
    if (note.dataset.splitFrom === undefined) note.id = `note-${note.dataset.ref}`;
  }

  /** The notes in the area, in order: the parts continued from the page before, then the page's own. */
  notes(): HTMLElement[] {
    return [...this.inner.children].filter((e): e is HTMLElement => e instanceof HTMLElement);
  }

  /** The room every note in the area takes whole, with the note rule's margin, padding and border. */
  wholeHeight(): number {
    return this.notes().reduce((sum, note) => sum + note.getBoundingClientRect().height, this.chrome());
  }

  /** The least room the notes can do with: each whole, or its first lines if it is longer. */
  leastHeight(): number {
    return this.notes().reduce((sum, note) => sum + leastOf(note, this.minLines()), this.chrome());
  }

  reserved(): number {
    return Number.parseFloat(this.area.style.getPropertyValue("--pagedjs-footnotes-height")) || 0;
  }

  reserve(room: number): void {
    this.area.style.setProperty("--pagedjs-footnotes-height", `${room}px`);
  }

  /**
   * Shares `room` out among the notes (and reserves it, when `reserve`). Each gets its
   * first lines at least; the notes that can then be whole are, in order; the first that
   * cannot gets what is left, and is cut.
   */
  arrange(room: number, reserve: boolean): void {
    if (reserve) this.reserve(room);
    const notes = this.notes();
    const heights = notes.map((note) => note.getBoundingClientRect().height);
    const shares = notes.map((note) => leastOf(note, this.minLines()));
    let spare = room - this.chrome() - shares.reduce((a, b) => a + b, 0);
    heights.forEach((height, i) => {
      const more = height - (shares[i] as number);
      if (more <= spare) {
        shares[i] = height;
        spare -= more;
      }
    });
    heights.forEach((height, i) => {
      const more = Math.min(Math.max(spare, 0), height - (shares[i] as number));
      shares[i] = (shares[i] as number) + more;
      spare -= more;
    });
    notes.forEach((note, i) => {
      note.dataset.noteRoom = String(shares[i]);
    });
  }

  /** After the cuts: the room reserved shrinks to the notes left (the body is laid out already). */
  fitToNotes(): void {
    if (this.notes().length === 0) {
      this.content.classList.add("pagedjs_footnote_empty");
      return;
    }
    this.reserve(Math.min(this.reserved(), this.wholeHeight()));
  }

  /** Whether a line of the body is on this page: in the body's column, above the notes. */
  holdsLine(line: LineBox | undefined): boolean {
    if (!line) return false;
    const body = this.body.getBoundingClientRect();
    return line.left < body.right && line.bottom <= body.bottom + 1;
  }

  /** Lines of a note that must stand under its call. */
  private minLines(): number {
    return Math.max(1, this.property("--note-min-lines"));
  }

  private property(name: string): number {
    const value = Number.parseFloat(getComputedStyle(this.area).getPropertyValue(name));
    return Number.isFinite(value) ? value : 0;
  }

  /** The note rule's margin, padding and border (the @footnote box), besides the notes. */
  private chrome(): number {
    const style = getComputedStyle(this.content);
    return [style.marginTop, style.marginBottom, style.paddingTop, style.paddingBottom, style.borderTopWidth, style.borderBottomWidth]
      .map((value) => Number.parseFloat(value) || 0)
      .reduce((a, b) => a + b, 0);
  }
}

/** The least room a note can have: all of it, or its first `lines` lines. */
function leastOf(note: HTMLElement, lines: number): number {
  return Math.min(note.getBoundingClientRect().height, lines * lineHeight(note));
}

/**
 * Cuts a note at the last line that ends within `room` px of its top: the lines below go
 * into a part of their own (marked `data-split-from`, no number, no id), returned; the note
 * keeps the rest. Nothing when the note fits.
 */
function cutNote(note: HTMLElement, room: number): HTMLElement | undefined {
  const box = note.getBoundingClientRect();
  if (!Number.isFinite(room) || box.height <= room + 0.5) return undefined;
  const at = firstCharacterBelow(note, box.top + room + 0.5);
  if (!at) return undefined;
  const range = document.createRange();
  range.setStart(at.node, at.offset);
  range.setEnd(note, note.childNodes.length);
  const rest = range.extractContents();
  // A line that broke at a soft hyphen shows the hyphen; as the part's last line it would not.
  const text = at.node.textContent ?? "";
  if (text.endsWith("\u00ad")) at.node.textContent = `${text.slice(0, -1)}\u2010`;
  const part = note.cloneNode(false) as HTMLElement;
  part.removeAttribute("id");
  delete part.dataset.noteRoom;
  part.dataset.splitFrom = note.dataset.ref ?? "";
  part.append(rest);
  return part;
}

/** The first character of a note whose line reaches below `limit` (a y coordinate). */
function firstCharacterBelow(note: HTMLElement, limit: number): { node: Text; offset: number } | undefined {
  const walker = document.createTreeWalker(note, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const length = node.length;
    if (length === 0 || bottomOf(node, length - 1) <= limit) continue;
    // Lines run top to bottom: search the offsets for the first that is below.
    let low = 0;
    let high = length - 1;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (bottomOf(node, middle) > limit) high = middle;
      else low = middle + 1;
    }
    // A cut at the very start of the note would leave nothing above it.
    if (low === 0 && node === firstText(note)) return undefined;
    return { node, offset: low };
  }
  return undefined;
}

function firstText(note: HTMLElement): Node | null {
  return document.createTreeWalker(note, NodeFilter.SHOW_TEXT).nextNode();
}

/**
 * The bottom of the line a character stands on; a character with no box (a soft hyphen
 * not taken, a joiner) takes the next one's. The first character of a line that broke at
 * a soft hyphen also has an empty box at the end of the line before: its own is the one
 * with a width.
 */
function bottomOf(node: Text, offset: number): number {
  const range = document.createRange();
  for (let i = offset; i < node.length; i++) {
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    const boxes = [...range.getClientRects()].filter((b) => b.height > 0);
    const box = boxes.find((b) => b.width > 0) ?? boxes[boxes.length - 1];
    if (box) return box.bottom;
  }
  return Number.NEGATIVE_INFINITY;
}

function child(parent: Element, selector: string): HTMLElement {
  const found = parent.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`paiban: a page has no ${selector}`);
  return found;
}
