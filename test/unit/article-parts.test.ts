import { describe, expect, it } from "vitest";
import { renderBody } from "../../src/markdown/index.ts";
import type { DocumentLayout, PageLayout } from "../../src/render/layout.ts";
import { joinLayouts } from "../../src/render/layout.ts";
import { layOutApart } from "../../src/typeset/article-parts.ts";

const body = (lang: "zh" | "en", text: string) =>
  renderBody({ file: `${lang}.md`, body: text, bodyLine: 1 }, { lang, fullWidthPunctuation: lang === "zh" });
const chinese = (characters: number) => body("zh", `${"地区合作".repeat(characters / 4)}。`);
const english = (characters: number) => body("en", `${"Regional cooperation. ".repeat(characters / 22)}`);

describe("an article's parts laid out apart", () => {
  it("only when both parts run to several pages: a short English part (or Chinese part) keeps the article whole", () => {
    expect(layOutApart({ zh: chinese(12_000), en: english(24_000) })).toBe(true);
    expect(layOutApart({ zh: chinese(12_000), en: english(4_000) })).toBe(false);
    expect(layOutApart({ zh: chinese(2_000), en: english(40_000) })).toBe(false);
    // Latin letters take about half the room of a Chinese character: 12,000 of them are not six pages.
    expect(layOutApart({ zh: chinese(12_000), en: english(12_000) })).toBe(false);
  });

  it("reads back as one document: the second part's pages, notes, figures and running heads numbered after the first's", () => {
    const page = (index: number, callPage: number): PageLayout => ({
      index,
      side: index % 2 ? "right" : "left",
      notes: [{ number: 1, text: `note on ${index}`, callPage }],
      area: { left: 0, top: 0, right: 1, bottom: 1 },
    });
    const part = (pages: number): DocumentLayout => ({
      pages: Array.from({ length: pages }, (_, i) => page(i + 1, i + 1)),
      links: [],
      floats: [{ kind: "figure", lang: "en", line: 3, page: pages, continued: false, area: { left: 0, top: 0, right: 1, bottom: 1 } }],
      problems: [],
      runningHeads: [{ page: 1, full: "a", printed: "a", cut: false }],
    });
    const second = part(3);
    const firstPage = second.pages[0] as PageLayout;
    second.pages[0] = { ...firstPage, notes: [{ number: 1, text: "a note whose call was not found", callPage: 0 }] };
    const joined = joinLayouts([part(2), second]);
    expect(joined.pages.map((p) => p.index)).toEqual([1, 2, 3, 4, 5]);
    expect(joined.pages.map((p) => p.notes[0]?.callPage)).toEqual([1, 2, 0, 4, 5]);
    expect(joined.floats.map((f) => f.page)).toEqual([2, 5]);
    expect(joined.runningHeads?.map((h) => h.page)).toEqual([1, 3]);
  });
});
