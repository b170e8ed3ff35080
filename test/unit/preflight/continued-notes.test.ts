import { describe, expect, it } from "vitest";
import type { PageLayout } from "../../../src/render/layout.ts";
import { modelPage, type PageModel } from "../../../src/preflight/page.ts";
import { TextStream } from "../../../src/preflight/reading.ts";
import { checkCompleteness } from "../../../src/preflight/rules/completeness.ts";
import { checkNoteShare } from "../../../src/preflight/rules/note-share.ts";
import { checkNotes } from "../../../src/preflight/rules/notes.ts";
import { AREA, call, pdfPage, run as runFrom } from "./pages.ts";

// Pages as pdf.js reads Chromium's PDFs: one item per character, calls raised in small
// type. A text area from 60 to 680 pt; notes in 8.5 pt type, 13 pt apart.

/** A line from the text area's left edge. */
const run = (text: string, top: number, size = 10.5, x = 50) => runFrom(text, x, top, size);

/** Note lines from `top` on, 13 pt apart. */
const noteLines = (texts: string[], top: number) => texts.flatMap((text, i) => run(text, top + 13 * i, 8.5));

function layoutPage(index: number, page: Partial<PageLayout>): PageLayout {
  return { index, side: index % 2 ? "right" : "left", notes: [], area: { left: 50, top: 60, right: 470, bottom: 680 }, ...page };
}

/**
 * Page 1: a call, its note [1] cut at the foot; a second call, its note [2] whole after it.
 * Page 2: the rest of [1] at the top of the notes (no number), then the page's own [1].
 */
function twoPages(): { pages: PageModel[]; layout: PageLayout[] } {
  const one = pdfPage(1, [
    ...run("正文第一行", 100),
    call(1, 102.5, 100),
    ...run("第二行有注", 118),
    call(2, 102.5, 118),
    ...noteLines(["[1]甲注第一句说明", "甲注第二句说明", "[2]乙注全文在此。"], 600),
  ]);
  const two = pdfPage(2, [...run("正文第三行", 100), call(1, 102.5, 100), ...noteLines(["甲注第三句说明。", "[1]丙注全文。"], 640)]);
  const layout = [
    layoutPage(1, {
      notes: [
        { number: 1, text: "", callPage: 1, continues: true },
        { number: 2, text: "", callPage: 1 },
      ],
      notesTop: 590,
    }),
    layoutPage(2, { notes: [{ number: 1, text: "", callPage: 2 }], continued: [{ top: 630 }], notesTop: 630 }),
  ];
  const pages = [modelPage(one, AREA, [], { top: 590, continued: [] }), modelPage(two, AREA, [], { top: 630, continued: [630] })];
  return { pages, layout };
}

describe("a note cut at a page's foot and continued on the next", () => {
  it("reads the continued part apart from the page's own notes, which are numbered from 1", () => {
    const { pages } = twoPages();
    expect(pages[1]?.continued.map((part) => part.text)).toEqual(["甲注第三句说明。"]);
    expect(pages[1]?.notes.map((note) => [note.number, note.text])).toEqual([[1, "丙注全文。"]]);
    expect(pages[1]?.body.map((line) => line.ownText)).toEqual(["正文第三行"]);
  });

  it("is not a misnumbered note: calls and numbered notes match on both pages", () => {
    const { pages, layout } = twoPages();
    expect(checkNotes(pages, { pages: layout, links: [], floats: [], problems: [] })).toEqual([]);
  });

  it("reads whole across its pages, though a whole note stands between its parts", () => {
    const { pages, layout } = twoPages();
    const document = { pages: layout, links: [], floats: [], problems: [] };
    expect(TextStream.ofNotes(pages, document).text).toBe("甲注第一句说明甲注第二句说明甲注第三句说明。乙注全文在此。丙注全文。");
    const expected = [{ blocks: [], floats: [], notes: ["甲注第一句说明甲注第二句说明甲注第三句说明。", "乙注全文在此。", "丙注全文。"] }];
    expect(checkCompleteness(pages, expected, document)).toEqual([]);
  });

  it("without the layout's word on which note goes on, joins a continued part to the note before it", () => {
    const { pages } = twoPages();
    const document = { pages: [layoutPage(1, {}), layoutPage(2, {})], links: [], floats: [], problems: [] };
    expect(TextStream.ofNotes(pages, document).text).toBe("甲注第一句说明甲注第二句说明乙注全文在此。甲注第三句说明。丙注全文。");
  });

  it("tells several continued parts apart by where the layout started each", () => {
    const page = modelPage(pdfPage(2, [...run("正文", 100), ...noteLines(["甲注续", "甲注续完。", "乙注续完。"], 600)]), AREA, [], {
      top: 590,
      continued: [590, 615],
    });
    expect(page.continued.map((part) => part.text)).toEqual(["甲注续甲注续完。", "乙注续完。"]);
  });
});

describe("the body keeps a third of the text area", () => {
  const page = (notesFrom: number, body = true) =>
    modelPage(pdfPage(1, [...(body ? run("正文", 100) : []), ...noteLines(["[1]注", "注", "注"], notesFrom)]), AREA, [], {
      top: notesFrom - 10,
      continued: [],
    });

  it("finds notes that take more than two thirds of a page with body text", () => {
    // The area is 620 pt high: notes whose first baseline is at 250 pt (its glyphs from 242.5 pt) take 71 % of it.
    expect(checkNoteShare([page(250)])).toEqual([
      expect.objectContaining({
        rule: "note-share",
        page: 1,
        message: "the notes take 71 % of the text area: the body keeps less than a third",
      }),
    ]);
    expect(checkNoteShare([page(300)])).toEqual([]);
  });

  it("lets a page of notes alone be all notes", () => {
    expect(checkNoteShare([page(80, false)])).toEqual([]);
  });
});
