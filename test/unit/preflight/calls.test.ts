import { describe, expect, it } from "vitest";
import { modelPage } from "../../../src/preflight/page.ts";
import type { PdfTextItem } from "../../../src/preflight/pdf.ts";
import { checkLineBreaks } from "../../../src/preflight/rules/line-breaks.ts";
import { checkNotes } from "../../../src/preflight/rules/notes.ts";
import type { DocumentLayout } from "../../../src/render/layout.ts";
import { AREA, call as raisedCall, pdfPage } from "./pages.ts";

// A note call wherever the browser may print it, as pdf.js reads Chromium's PDFs: the
// preflight must read it as a call in every case, so that a valid page yields no finding.

/** One item per character of a 10.5 pt ideograph line. */
const han = (text: string, x: number, top: number): PdfTextItem[] =>
  [...text].map((ch, i) => ({ text: ch, x: x + i * 10.5, right: x + (i + 1) * 10.5, top, size: 10.5, font: "f1" }));
/** A run of Latin text, one item (pdf.js joins a font's glyphs on a baseline). */
const latin = (text: string, x: number, top: number, width = text.length * 5): PdfTextItem => ({
  text,
  x,
  right: x + width,
  top,
  size: 10.5,
  font: "f2",
});
/** The space pdf.js infers between two items. */
const space = (x: number, top: number, width = 3.6): PdfTextItem => ({ text: " ", x, right: x + width, top, size: 0, font: "f2" });
/** A raised call, 8 pt wide. */
const call = (n: number, x: number, top: number): PdfTextItem => raisedCall(n, x, top, 8);
const note = (n: number, text: string, top: number): PdfTextItem => ({
  text: `[${n}] ${text}`,
  x: 50,
  right: 300,
  top,
  size: 8.5,
  font: "f2",
});

function page(items: PdfTextItem[]) {
  return modelPage(pdfPage(1, items), AREA);
}

/** A layout with one page whose notes are all called from it. */
function layout(notes: number): DocumentLayout {
  return {
    pages: [
      {
        index: 1,
        side: "right",
        area: AREA,
        notes: Array.from({ length: notes }, (_, i) => ({ number: i + 1, text: "", callPage: 1 })),
      },
    ],
    links: [],
    floats: [],
    problems: [],
  };
}

describe("note calls, wherever they stand", () => {
  it("after a space at a paragraph's end, more than an em past the last word (English)", () => {
    const model = page([
      latin("valuable of the eleven, too fond of illustration.”", 50, 100, 385.7),
      space(435.7, 100),
      call(1, 438.4, 100),
      latin("The book opens with a sentence that the", 69.6, 115, 380),
      note(1, "Giles, introduction, p. xlv.", 650),
    ]);
    expect(model.calls.map((c) => c.number)).toEqual([1]);
    expect(model.body.map((l) => l.ownText.trim())).toEqual([
      "valuable of the eleven, too fond of illustration.”",
      "The book opens with a sentence that the",
    ]);
    expect(checkNotes([model], layout(1))).toEqual([]);
  });

  it("at a line's start: read as the call it is, and reported as a 避头尾 fault only", () => {
    const model = page([
      latin("as Sun Tzŭ says:", 50, 100, 420),
      call(1, 50, 115),
      latin(". In the case of the State", 58, 115, 200),
      note(1, "Giles.", 650),
    ]);
    expect(model.calls.map((c) => c.number)).toEqual([1]);
    expect(checkNotes([model], layout(1))).toEqual([]);
    expect(checkLineBreaks([model]).map((f) => f.message)).toEqual(["a line starts with the note call '[1]'"]);
  });

  it("after a closing mark, in Chinese, and two on one line", () => {
    const model = page([
      ...han("上海五国”", 50, 100),
      call(1, 102.5, 100),
      ...han("会晤机制。", 110.5, 100),
      call(2, 163, 100),
      ...han("正式升级", 50, 118),
      note(1, "第一条。", 640),
      note(2, "第二条。", 653),
    ]);
    expect(model.calls.map((c) => c.number)).toEqual([1, 2]);
    expect(model.body.map((l) => l.ownText)).toEqual(["上海五国”会晤机制。", "正式升级"]);
    expect(checkNotes([model], layout(2))).toEqual([]);
  });
});
