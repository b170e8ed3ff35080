import { describe, expect, it } from "vitest";
import { renderBody, type MarkdownOptions } from "../../../src/markdown/index.ts";

const ZH: MarkdownOptions = { lang: "zh", fullWidthPunctuation: true };
const EN: MarkdownOptions = { lang: "en", fullWidthPunctuation: false };

const texts = (body: string, options = ZH) => renderBody({ file: "test.md", body, bodyLine: 1 }, options).texts;

describe("the source texts the preflight checks the PDF against", () => {
  it("holds every paragraph and heading as plain text, headings with their level", () => {
    const { blocks } = texts(
      "## 一、标题 `代码`\n\n第一段**加粗**和*强调*，[链接](https://example.org)与`代码`。\n写在两行。\n\n### 小标题\n\n- 列表项\n\n> 引文段落",
    );
    expect(blocks).toEqual([
      { kind: "heading", level: 2, text: "一、标题 代码" },
      { kind: "paragraph", text: "第一段加粗和强调，链接与代码。\n写在两行。" },
      { kind: "heading", level: 3, text: "小标题" },
      { kind: "paragraph", text: "列表项" },
      { kind: "paragraph", text: "引文段落" },
    ]);
  });

  it("holds the text as printed: punctuation set full-width, no note calls", () => {
    const { blocks } = texts("中文,标点(半角)写法[^1]:好。\n\n[^1]: 注释。");
    expect(blocks).toEqual([{ kind: "paragraph", text: "中文，标点（半角）写法：好。" }]);
  });

  it("holds the notes in the order of their calls, not of their definitions, their paragraphs together", () => {
    const { blocks, notes } = texts("先引[^b]，后引[^a]。\n\n[^a]: 后引的注, 在后。\n\n[^b]: 先引的注。\n\n    第二段。");
    expect(blocks).toEqual([{ kind: "paragraph", text: "先引，后引。" }]);
    expect(notes).toEqual(["先引的注。\n第二段。", "后引的注，在后。"]);
  });

  it("keeps the soft hyphens of English paragraphs (the comparison leaves them out)", () => {
    const { blocks, notes } = texts("## International Cooperation\n\nInternational cooperation.", EN);
    expect(blocks[0]).toEqual({ kind: "heading", level: 2, text: "International Cooperation" });
    expect(blocks[1]?.text.replace(/\u00ad/g, "")).toBe("International cooperation.");
    expect(blocks[1]?.text).toContain("\u00ad");
    expect(notes).toEqual([]);
  });
});
