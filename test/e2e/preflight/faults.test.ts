import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { PDFDocument, StandardFonts } from "pdf-lib";
import type { Browser } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatFinding, preflight, type PreflightFinding } from "../../../src/preflight/index.ts";
import { launchBrowser } from "../../../src/render/browser.ts";
import { renderFixture, type Fixture, type Rendered } from "../../support/render.ts";

// Small documents laid out by the real renderer on the journal's page, each with one
// fault put in by an extra stylesheet or a change to the HTML: the preflight must name
// the fault, on its page, and nothing else.

const require = createRequire(import.meta.url);
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** A paragraph of `length` sentences that reads like text and never repeats. */
const paragraph = (n: number, length = 4) =>
  `${Array.from({ length }, (_, k) => `第${n}段第${k + 1}句说明地区安全合作的第${n * 100 + k}个方面`).join("，")}。`;

async function check(fixture: Fixture): Promise<{ rendered: Rendered; findings: PreflightFinding[] }> {
  const rendered = await renderFixture(browser, fixture);
  return { rendered, findings: await preflight(rendered) };
}

/** Findings as `page:rule`, to compare whole lists (the fault and nothing else). */
const where = (findings: PreflightFinding[]) => findings.map((f) => `${f.page ?? "-"}:${f.rule}`);

/** Puts a class on the paragraph that starts with `start`. */
const classOn = (start: string, name: string) => (html: string) => {
  if (!html.includes(`<p>${start}`)) throw new Error(`no paragraph starts with ${start}`);
  return html.replace(`<p>${start}`, `<p class="${name}">${start}`);
};

describe("preflight on laid-out documents", () => {
  let clean: Rendered;

  beforeAll(async () => {
    clean = await renderFixture(browser, { markdown: `${paragraph(1)}有注[^1]。\n\n[^1]: 一条注释。\n\n## 一、标题\n\n${paragraph(2)}` });
  });

  it("finds nothing in a document laid out as it should be", async () => {
    expect((await preflight(clean)).map(formatFinding)).toEqual([]);
  });

  it("finds a line that starts with a comma and one that ends with an opening bracket (避头尾)", async () => {
    // A narrow box where lines may break anywhere, punctuation or not: 5 characters a line.
    const { findings } = await check({
      markdown: `${paragraph(1)}\n\n一二三四五，六七八九十。一二（五六七八）九十。\n\n${paragraph(2)}`,
      edit: classOn("一二三", "narrow"),
      css: ".article-body p.narrow { width: 5em; text-indent: 0; line-break: anywhere; }",
    });
    expect(where(findings)).toEqual(["1:line-start", "1:line-end"]);
    expect(formatFinding(findings[0] as PreflightFinding)).toBe("page 1: line-start: a line starts with '，': 一二三四五⏎，六七八九");
    expect(findings[1]).toMatchObject({ message: "a line ends with '（'", text: "十。一二（⏎五六七八）" });
  });

  it("finds text set outside the text area", async () => {
    const { findings } = await check({
      markdown: `${paragraph(1)}\n\n这一段被挪到版心左边的白边里。\n\n${paragraph(2)}`,
      edit: classOn("这一段", "out"),
      css: ".article-body p.out { position: relative; left: -20mm; }",
    });
    expect(where(findings)).toEqual(["1:outside-area"]);
    // Indented 2 em and moved 20 mm left, its first four characters stand in the margin.
    expect(findings[0]?.text).toBe("这一段被");
    expect(findings[0]?.message).toMatch(/^text outside the text area \(3\d\.\d pt left of it\)$/);
  });

  it("finds text in a font that is not ours, naming it", async () => {
    // The browser keeps the machine's fonts out (test/e2e/machine-fonts.test.ts): a font
    // the page loads itself stands in for one it would have fallen back to.
    const foreign = await readFile(
      require.resolve("@fontsource/noto-sans-egyptian-hieroglyphs/files/noto-sans-egyptian-hieroglyphs-latin-400-normal.woff2"),
    );
    const { findings } = await check({
      markdown: `${paragraph(1)}\n\n这一段里有 \`monospace\` 字样。\n\n${paragraph(2)}`,
      css: `@font-face { font-family: Foreign; src: url(data:font/woff2;base64,${foreign.toString("base64")}); } .article-body code { font-family: Foreign; }`,
    });
    expect(where(findings)).toEqual(["1:missing-glyph"]);
    expect(findings[0]).toMatchObject({
      text: "monospace",
      message:
        "set in NotoSansEgyptianHieroglyphs-Regular, not one of our fonts: the browser fell back to this machine's font for glyphs ours lack",
    });
  });

  it("finds a character no font has: a .notdef glyph, in a fallback font, and the text damaged", async () => {
    const { findings } = await check({ markdown: `${paragraph(1)}\n\n缺字\u{13000}的一段。\n\n${paragraph(2)}` });
    const glyphs = findings.filter((f) => f.rule === "missing-glyph");
    expect(glyphs.some((f) => f.page === 1 && /\.notdef/.test(f.message) && f.text.replace(/\s/g, "").includes("缺字□的一段"))).toBe(true);
    expect(findings.filter((f) => f.rule === "text-missing")).toEqual([
      expect.objectContaining({ page: 1, text: "缺字\u{13000}的一段。", message: expect.stringMatching(/damaged after '缺字'/) }),
    ]);
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(["missing-glyph", "text-missing"]));
  });

  it("finds a Type 3 font: bold synthesised because the bold face was not loaded", async () => {
    const { findings } = await check({
      markdown: `${paragraph(1)}\n\n这里有**加粗的中文**和正文。\n\n${paragraph(2)}`,
      // No bold face at all: punctuation-font.css has one too (for the marks only), and a
      // bold face for some characters makes the browser fall back for the others, not synthesise.
      fonts: (url) => !/\/(700(-italic)?|punctuation-font)\.css$/.test(url),
    });
    expect(where(findings)).toEqual(["1:font-type3"]);
    expect(findings[0]?.text).toBe("加粗的中文");
  });

  it("finds a font that is not embedded", async () => {
    // Chromium embeds every font it uses: add a line in one of the standard 14 fonts, which are referenced only.
    const pdf = await PDFDocument.load(clean.pdf);
    const page = pdf.getPage(0);
    page.drawText("Helvetica", { x: 120, y: page.getHeight() - 600, size: 10.5, font: await pdf.embedFont(StandardFonts.Helvetica) });
    const findings = await preflight({ ...clean, pdf: await pdf.save() });
    expect(where(findings)).toEqual(["1:missing-glyph", "1:font-unembedded"]);
    expect(findings[1]).toMatchObject({ text: "Helvetica", message: "the font Helvetica is not embedded" });
  });

  it("finds a heading at the foot of a page, with only notes below it", async () => {
    const { findings } = await check({
      markdown: `${paragraph(1)}有注[^1]。\n\n[^1]: 页脚的注释。\n\n## 二、落在页脚的标题\n\n${paragraph(2)}`,
      css: ".article-body h2 { break-after: page; }",
    });
    expect(where(findings)).toEqual(["1:heading-at-foot"]);
    expect(findings[0]).toMatchObject({
      text: "二、落在页脚的标题",
      message: "a heading (level 2) ends the page's body: what follows it starts on page 2",
    });
  });

  it("finds a paragraph of the sources missing from the print, and one damaged", async () => {
    const { findings } = await check({
      markdown: `${paragraph(1)}\n\n第二段在排版前丢掉了。\n\n${paragraph(3)}\n\n第四段有一个字被改了。`,
      edit: (html) => html.replace(/<p>第二段[^<]*<\/p>/, "").replace("一个字被改", "一个字被换"),
    });
    expect(where(findings)).toEqual(["1:text-missing", "1:text-missing"]);
    expect(findings[0]).toMatchObject({
      text: "第二段在排版前丢掉了。",
      message: "the paragraph '第二段在排版前丢掉了。' is missing from the PDF",
    });
    expect(findings[1]?.message).toBe(
      "the paragraph '第四段有一个字被改了。' is damaged after '第四段有一个字被': the PDF has '换了。' where the source has '改了。'",
    );
  });

  it("finds a note missing from the print", async () => {
    const { findings } = await check({
      markdown: `${paragraph(1)}有注[^1]。\n\n[^1]: 这条注释没有印出来。\n\n${paragraph(2)}`,
      css: ".pagedjs_footnote_area .footnote { display: none; }",
    });
    expect(findings.filter((f) => f.rule === "text-missing")).toEqual([
      expect.objectContaining({ text: "这条注释没有印出来。", message: "the note '这条注释没有印出来。' is missing from the PDF" }),
    ]);
  });

  it("finds a note on page 1 whose call is on page 2", async () => {
    // The note's own call is hidden; a call [1] is printed at a paragraph on the next page instead.
    const { findings } = await check({
      markdown: `${paragraph(1)}注释在第一页[^1]。\n\n[^1]: 这条注释的引用挪到了下一页。\n\n第二页的段落。`,
      edit: classOn("第二页的段落", "call"),
      css:
        "::footnote-call { content: none; } .article-body p.call { break-before: page; }" +
        " .article-body p.call::after { content: '[1]'; font-size: 0.6em; line-height: 0; vertical-align: super; }",
    });
    expect(where(findings)).toEqual(["1:note-page"]);
    expect(formatFinding(findings[0] as PreflightFinding)).toBe(
      "page 1: note-page: note [1] is on page 1, its call 第二页的段落。[1] on page 2: 这条注释的引用挪到了下一页。",
    );
  });

  it("finds a note the layout puts away from its call's page", async () => {
    const layout = structuredClone(clean.layout);
    const note = layout.pages[0]?.notes[0];
    if (!note) throw new Error("the clean document has no note on page 1");
    note.callPage = 2;
    const findings = await preflight({ ...clean, layout });
    expect(where(findings)).toEqual(["1:note-page"]);
    expect(findings[0]?.message).toBe("note [1] is on page 1, its call on page 2");
  });

  it("finds notes not numbered 1, 2… on their page", async () => {
    // The mark prints a number of its own instead of its call's: both notes print [2].
    const { findings } = await check({
      markdown: `${paragraph(1)}有注[^1]，再一个[^2]。\n\n[^1]: 第一条注。\n\n[^2]: 第二条注。`,
      css: "::footnote-marker { content: '[2] '; }",
    });
    expect(where(findings)).toEqual(["1:note-numbering"]);
    expect(findings[0]).toMatchObject({ text: "第一条注。", message: "the notes are numbered [2][2], not [1][2]" });
  });
});
