import { describe, expect, it } from "vitest";
import { modelPage } from "../../../src/preflight/page.ts";
import type { PdfTextItem } from "../../../src/preflight/pdf.ts";
import { checkArea } from "../../../src/preflight/rules/area.ts";
import { AREA, pdfPage } from "./pages.ts";

// A line of 10.5 pt ideographs as Chromium's PDF gives it: each glyph with its font's full
// advance, also a mark the browser set half-width at the line's end by moving the glyph.

const SIZE = 10.5;

const item = (text: string, x: number, width = SIZE * [...text].length): PdfTextItem => ({
  text,
  x,
  right: x + width,
  top: 100,
  size: SIZE,
  font: "f1",
});

function findings(items: PdfTextItem[]) {
  return checkArea([modelPage(pdfPage(1, items), AREA)]);
}

describe("text at the text area's edges", () => {
  it("takes a full-width closing mark set half-width at the line's end as inside: its ink is in the em's left half", () => {
    // 。」 ends the line: 」 starts half an em before the edge, its full advance reaches half an em past it.
    expect(findings([item("敏於事而慎於言", 470 - 7.5 * SIZE), item("。", 470 - SIZE, SIZE / 2), item("」", 470 - SIZE / 2)])).toEqual([]);
  });

  it("takes an opening mark set half-width at a line's start as inside", () => {
    expect(findings([item("「", 50 - SIZE / 2), item("學而時習之", 50 + SIZE / 2)])).toEqual([]);
  });

  it("still finds a mark that stands outside with its ink", () => {
    const found = findings([item("敏於事而慎於言", 470 - 7 * SIZE), item("」", 470 + 1)]);
    expect(found.map((f) => [f.text, f.message])).toEqual([["」", "text outside the text area (6.3 pt right of it)"]]);
  });

  it("does not take half an em off a narrow Latin quote", () => {
    const found = findings([item("the end of it.", 470 - 60, 60), item("”", 470 + 2, 4)]);
    expect(found.map((f) => f.text)).toEqual(["”"]);
  });
});
