import { describe, expect, it } from "vitest";
import type { SourceBlock } from "../../../src/markdown/plugins/source-text.ts";
import { modelPage } from "../../../src/preflight/page.ts";
import { checkHeadings } from "../../../src/preflight/rules/headings.ts";
import { AREA, pdfPage, run } from "./pages.ts";

// Pages of body lines as pdf.js reads them (one item per character, 18 pt apart), and the
// sources' blocks: where does each heading stand, and what of its section is under it?

function page(number: number, lines: string[]): ReturnType<typeof modelPage> {
  return modelPage(
    pdfPage(
      number,
      lines.flatMap((text, row) => run(text, 50, 100 + 18 * row)),
    ),
    AREA,
  );
}

const heading = (text: string, level = 2): SourceBlock => ({ kind: "heading", level, text });
const paragraph = (text: string): SourceBlock => ({ kind: "paragraph", text });
const check = (pages: ReturnType<typeof page>[], blocks: SourceBlock[]) => checkHeadings(pages, [{ blocks, notes: [], floats: [] }]);

describe("a heading keeps two lines of its section under it", () => {
  const blocks = [paragraph("前文一行前文二行"), heading("一、标题"), paragraph("正文一行正文二行正文三行")];

  it("finds nothing when two lines follow it on its page", () => {
    expect(check([page(1, ["前文一行", "前文二行", "一、标题", "正文一行", "正文二行"]), page(2, ["正文三行"])], blocks)).toEqual([]);
  });

  it("finds a heading at the page's foot, and one with a single line under it", () => {
    expect(check([page(1, ["前文一行", "前文二行", "一、标题"]), page(2, ["正文一行", "正文二行", "正文三行"])], blocks)).toEqual([
      expect.objectContaining({
        rule: "heading-at-foot",
        page: 1,
        message: "a heading (level 2) ends the page's body: what follows it starts on page 2",
      }),
    ]);
    expect(check([page(1, ["前文一行", "前文二行", "一、标题", "正文一行"]), page(2, ["正文二行", "正文三行"])], blocks)).toEqual([
      expect.objectContaining({
        page: 1,
        message: "a heading (level 2) keeps only 1 line of its section under it: the rest starts on page 2",
      }),
    ]);
  });

  it("asks no more than the section has: one line, then the next heading of its level", () => {
    const short = [heading("一、标题"), paragraph("一行"), heading("二、标题"), paragraph("正文一行正文二行")];
    expect(check([page(1, ["一、标题", "一行"]), page(2, ["二、标题", "正文一行", "正文二行"])], short)).toEqual([]);
    // A subsection is part of the section: one line and then the subsection's heading on the next page is too little.
    const sub = [heading("一、标题"), paragraph("一行"), heading("（一）小标题", 3), paragraph("正文一行正文二行")];
    expect(check([page(1, ["一、标题", "一行"]), page(2, ["（一）小标题", "正文一行", "正文二行"])], sub).map((f) => f.text)).toEqual([
      "一、标题",
    ]);
  });

  it("finds two headings in a row at a page's foot: the first has only the second under it", () => {
    const two = [paragraph("前文"), heading("一、标题"), heading("（一）小标题", 3), paragraph("正文一行正文二行")];
    expect(check([page(1, ["前文", "一、标题", "（一）小标题"]), page(2, ["正文一行", "正文二行"])], two).map((f) => f.text)).toEqual([
      "一、标题",
      "（一）小标题",
    ]);
  });

  it("finds a heading the page break cut in two", () => {
    const long = [paragraph("前文"), heading("一、很长的标题分成两行"), paragraph("正文一行正文二行")];
    expect(check([page(1, ["前文", "一、很长的标题"]), page(2, ["分成两行", "正文一行", "正文二行"])], long)).toEqual([
      expect.objectContaining({ page: 1, message: "a heading (level 2) is cut by the page break: it goes on on page 2" }),
    ]);
  });
});
