import type { Area, DocumentLayout, PageLayout } from "../../layout.ts";
import { expose } from "../contract.ts";
import { paged } from "../paged.ts";
import { shortenedHeads } from "./running-heads.ts";
import { layoutProblems } from "./table-breaks.ts";

/**
 * Once the pages are laid out, Node reads back what landed on which page (`readLayout`):
 * the text area and notes of each page, the entries that link elsewhere, where each
 * alignment unit starts, where the figures and tables are, what could not be laid out. See src/render/layout.ts for what each value means.
 */
export class LayoutReadout extends paged().Handler {
  afterRendered(): void {
    expose("readLayout", readLayout);
  }
}

function readLayout(): DocumentLayout {
  return {
    // Figures and tables where they landed (a table once per page it is on), with the
    // printed size of a figure's picture.
    floats: [...document.querySelectorAll<HTMLElement>(".pagedjs_page figure.figure, .pagedjs_page .table-wrap")].map((el) => {
      const img = el.querySelector<HTMLImageElement>(".figure-graphic img");
      const graphic = el.querySelector(".figure-graphic");
      return {
        kind: el.matches("figure") ? "figure" : "table",
        lang: el.closest("[lang]")?.getAttribute("lang") === "en" ? "en" : "zh",
        line: Number(el.dataset.line),
        page: pageOf(el),
        continued: el.hasAttribute("data-split-from"),
        area: boxOn(el),
        graphic: graphic ? boxOn(img ?? graphic) : undefined,
        pixels: img ? { width: img.naturalWidth, height: img.naturalHeight } : undefined,
        tableSize: el.dataset.tableSize ? Number(el.dataset.tableSize) : undefined,
      };
    }),
    problems: [...layoutProblems],
    runningHeads: [...shortenedHeads],
    // Entries that lead to another document's page (contents, ABSTRACTS): linked after merging.
    links: [...document.querySelectorAll<HTMLElement>(".pagedjs_page [data-goto]")].map((el) => ({
      page: pageOf(el),
      target: el.dataset.goto ?? "",
      area: boxOn(el),
    })),
    pages: [...document.querySelectorAll<HTMLElement>(".pagedjs_page")].map(readPage),
  };
}

function readPage(page: HTMLElement, i: number, pages: HTMLElement[]): PageLayout {
  // A note cut at this page's foot goes on in a part on the next page, marked with its ref.
  const next = pages[i + 1];
  const continues = (note: HTMLElement) =>
    next?.querySelector(`.pagedjs_footnote_area [data-split-from="${CSS.escape(note.dataset.ref ?? "")}"]`) ? { continues: true } : {};
  const notes = page.querySelectorAll<HTMLElement>(".pagedjs_footnote_area [data-footnote-marker]");
  const own = [...notes].filter((note) => note.dataset.splitFrom === undefined);
  const continued = [...notes].filter((note) => note.dataset.splitFrom !== undefined);
  const shown = [...notes].find((note) => note.getClientRects().length > 0);
  return {
    index: Number(page.dataset.pageNumber),
    side: page.classList.contains("pagedjs_left_page") ? "left" : "right",
    // Numbers restart on every page, so a note's number is its place among the page's own notes.
    notes: own.map((note, n) => {
      const call = document.querySelector(`[data-footnote-call="${note.dataset.footnoteMarker}"]`);
      return { number: n + 1, text: (note.textContent ?? "").trim(), callPage: call ? pageOf(call) : 0, ...continues(note) };
    }),
    ...(continued.length > 0 ? { continued: continued.map((part) => ({ top: boxOn(part).top, ...continues(part) })) } : {}),
    // Where the notes start: the first note with a box (one the styles hide has none, and would read as the page's top).
    ...(shown ? { notesTop: boxOn(shown).top } : {}),
    area: boxOn(found(page.querySelector(".pagedjs_area"), "a page's text area")),
  };
}

/** The 1-based page an element is on; 0 when it is on none. */
function pageOf(el: Element): number {
  const page = el.closest<HTMLElement>(".pagedjs_page");
  return page ? Number(page.dataset.pageNumber) : 0;
}

/** CSS px to PDF points, rounded as the PDF's coordinates are compared. */
function pt(px: number): number {
  return Math.round(px * 0.75 * 100) / 100;
}

/** The page box (the trim) of the page an element is on. */
function pageBoxOf(el: Element): DOMRect {
  const page = found(el.closest(".pagedjs_page"), "the page of an element");
  return found(page.querySelector(".pagedjs_pagebox"), "a page's page box").getBoundingClientRect();
}

/** An element's box in points from its page's top-left corner. */
function boxOn(el: Element): Area {
  const pageBox = pageBoxOf(el);
  const box = el.getBoundingClientRect();
  return {
    left: pt(box.left - pageBox.left),
    top: pt(box.top - pageBox.top),
    right: pt(box.right - pageBox.left),
    bottom: pt(box.bottom - pageBox.top),
  };
}

/** Paged.js always makes these elements; one missing is a fault of the page, not of the sources. */
function found<T extends Element>(el: T | null, what: string): T {
  if (!el) throw new Error(`paiban: ${what} was not found in the laid-out pages`);
  return el;
}
