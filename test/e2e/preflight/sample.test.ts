import { beforeAll, describe, expect, it } from "vitest";
import { formatFinding, preflight } from "../../../src/preflight/index.ts";
import { readPdfText } from "../../../src/preflight/pdf.ts";
import { buildArticle, type Rendered } from "../../support/render.ts";

// The sample article, built as `paiban build` builds it, read back by the preflight.

let sample: Rendered;

beforeAll(async () => {
  sample = await buildArticle();
}, 180_000);

describe("preflight on the sample article", () => {
  it("finds nothing wrong", async () => {
    expect((await preflight(sample)).map(formatFinding)).toEqual([]);
  });

  it("reads Chromium's pages with the text layer of its own exactly as pdf.js reads them", async () => {
    const ours = [/^Noto/, /^SourceHan/];
    const [own, pdfjs] = await Promise.all([
      readPdfText(sample.pdf, { fonts: true, ours }),
      readPdfText(sample.pdf, { fonts: true, ours, pdfjsOnly: true }),
    ]);
    expect(own.pages).toHaveLength(13);
    // The fonts' keys are each reader's own: the same font, the same key, on both sides.
    const keys = new Map<string, string>();
    const sameFont = (a: string, b: string) => (keys.get(a) ?? keys.set(a, b).get(a)) === b;
    own.pages.forEach((page, i) => {
      const other = pdfjs.pages[i];
      expect(page.items.map(({ font, ...item }) => item)).toEqual(other?.items.map(({ font, ...item }) => item));
      expect(page.items.every((item, k) => sameFont(item.font, other?.items[k]?.font ?? ""))).toBe(true);
    });
  });

  it("checks against the texts of both sources: every paragraph, heading and note", () => {
    const [zh, en] = sample.expected;
    expect(zh?.blocks).toHaveLength(21);
    expect(zh?.blocks.filter((b) => b.kind === "heading").map((b) => b.level)).toEqual([2, 2, 2, 2]);
    expect(zh?.notes).toHaveLength(27);
    expect(en?.blocks.filter((b) => b.kind === "heading")).toHaveLength(3);
    expect(en?.notes).toEqual([]);
  });

  it("reports a paragraph of the sources that the PDF does not have", async () => {
    const [zh, en] = sample.expected;
    if (!zh || !en) throw new Error("no sources");
    const blocks = [...zh.blocks];
    blocks.splice(3, 0, { kind: "paragraph", text: "这一段只在源文件里，没有印出来。" });
    const findings = await preflight({ ...sample, expected: [{ ...zh, blocks }, en] });
    expect(findings.map(formatFinding)).toEqual([
      "page 2: text-missing: the paragraph '这一段只在源文件里，没有…' is missing from the PDF: 这一段只在源文件里，没有印出来。",
    ]);
  });

  it("reports a note whose text the PDF does not have as printed", async () => {
    const [zh, en] = sample.expected;
    if (!zh || !en) throw new Error("no sources");
    const notes = zh.notes.map((note, i) => (i === 1 ? note.replace("1999年", "1998年") : note));
    const findings = await preflight({ ...sample, expected: [{ ...zh, notes }, en] });
    expect(findings.map(formatFinding)).toEqual([
      "page 2: text-missing: the note '楚树龙：《冷战后中国安全…' is damaged after '…际政治与安全》199': " +
        "the PDF has '9年第9期，第12页…' where the source has '8年第9期，第12页…': 楚树龙：《冷战后中国安全战略思想的发展》，载《国…",
    ]);
  });

  it("takes the list of our fonts as a parameter", async () => {
    // With Noto Serif SC alone allowed, the Latin text set in Noto Serif is foreign.
    const findings = await preflight({ ...sample, fonts: [/^NotoSerifSC/] });
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.rule === "missing-glyph" && /^set in NotoSerif-/.test(f.message))).toBe(true);
    expect(findings.filter((f) => f.page === 1).map((f) => f.message)).toEqual([
      "set in NotoSerif-Regular, not one of our fonts: the browser fell back to this machine's font for glyphs ours lack",
    ]);
  });
});
