import { describe, expect, it } from "vitest";
import { buildLines, modelPage } from "../../../src/preflight/page.ts";
import type { PdfTextItem, PdfTextPage } from "../../../src/preflight/pdf.ts";
import { checkLineBreaks } from "../../../src/preflight/rules/line-breaks.ts";
import { AREA, call, pdfPage, run } from "./pages.ts";

// Text items as pdf.js gives them for Chromium's PDFs: split wherever the font subset
// changes, calls on a baseline of their own, in content order.

const page = (items: PdfTextItem[]): PdfTextPage => pdfPage(1, items);

describe("lines rebuilt from text items", () => {
  it("puts a raised call on the line it belongs to, not on a line of its own", () => {
    const items = [...run("实现普遍安全”。", 50, 100), call(1, 134, 100), ...run("中国新安全观", 141.3, 100), ...run("不仅", 50, 118)];
    const lines = buildLines(items);
    expect(lines.map((l) => l.text)).toEqual(["实现普遍安全”。[1]中国新安全观", "不仅"]);
    expect(lines[0]?.ownText).toBe("实现普遍安全”。中国新安全观");
    expect(lines[0]?.pieces.filter((p) => p.raised).map((p) => p.text)).toEqual(["[1]"]);
  });

  it("reads items in content order as lines top to bottom, left to right", () => {
    const items = [...run("二", 60.5, 118), ...run("一", 50, 118), ...run("上", 50, 100)];
    expect(buildLines(items).map((l) => l.text)).toEqual(["上", "一二"]);
  });

  it("finds the notes below the body: smaller type, starting [n]", () => {
    const items = [
      ...run("正文", 50, 100),
      call(1, 71, 100),
      ...run("完", 78.3, 100),
      ...run("[1]注释第一行", 50, 650, 8.5),
      ...run("注释第二行", 50, 663, 8.5),
      ...run("1", 250, 700, 8.5),
    ];
    const model = modelPage(page(items), AREA);
    expect(model.body.map((l) => l.ownText)).toEqual(["正文完"]);
    expect(model.notes.map((n) => [n.number, n.text])).toEqual([[1, "注释第一行注释第二行"]]);
    expect(model.calls.map((c) => c.number)).toEqual([1]);
    expect(model.below.map((l) => l.text)).toEqual(["1"]);
  });
});

describe("避头尾 on rebuilt lines", () => {
  it("does not count a raised call as the start of a line, but finds a call separated from its text", () => {
    const ok = modelPage(page([...run("安全。", 50, 100), call(1, 81.5, 100), ...run("中国", 50, 118)]), AREA);
    expect(checkLineBreaks([ok])).toEqual([]);
    const cut = modelPage(page([...run("安全。", 50, 100), call(1, 50, 118), ...run("中国", 57.3, 118)]), AREA);
    expect(checkLineBreaks([cut]).map((f) => f.message)).toEqual(["a line starts with the note call '[1]'"]);
  });

  it("lets a web address break before its % or ), but not a sentence before its full-width marks", () => {
    const url = modelPage(page([...run("见https://example.org/", 50, 100, 8.5), ...run("%E4%B8%AD)", 50, 113, 8.5)]), AREA);
    expect(checkLineBreaks([url])).toEqual([]);
    const text = modelPage(page([...run("增长了五十", 50, 100), ...run("%，并且", 50, 118)]), AREA);
    expect(checkLineBreaks([text]).map((f) => f.message)).toEqual(["a line starts with '%'"]);
  });
});
