import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "puppeteer";
import { pageAssets } from "../../src/compose/assets.ts";
import { launchBrowser } from "../../src/render/browser.ts";
import { readPdfBytes, type PdfFile } from "../support/pdf.ts";
import { renderHtml } from "../support/render.ts";

// A paragraph opened by a run-in heading (`**（二）……**` and the text), whose heading line is
// the last line of a page: the next page starts at the very beginning of the text after the
// heading. That text is longer than a page, so the next page breaks inside it too.
// Every sentence is numbered, so that a lost one is named.
const SENTENCES = 400;
const sentence = (n: number) => `第${n}句说明。`;

// 100 mm square pages with 10 mm margins: an 80 mm text area, 8 lines of 10 mm. The spacer
// takes 7 of them; the heading (as wide as the column) fills the 8th.
const html = (fonts: string[]) => `<!DOCTYPE html>
<html lang="zh-Hans"><head><meta charset="utf-8">
${fonts.map((href) => `<link rel="stylesheet" href="${href}" data-pagedjs-ignore>`).join("\n")}
<style>
@page { size: 100mm 100mm; margin: 10mm; }
body { margin: 0; font: 5mm/10mm "Noto Serif SC"; }
p { margin: 0; orphans: 1; widows: 1; }
.spacer { height: 70mm; }
strong { display: inline-block; width: 100%; }
</style></head><body>
<div class="spacer"></div>
<p><strong>（二）一行的小标题</strong>${Array.from({ length: SENTENCES }, (_, i) => sentence(i + 1)).join("")}</p>
</body></html>`;

let browser: Browser;
let pdf: PdfFile;

beforeAll(async () => {
  browser = await launchBrowser();
  pdf = await readPdfBytes((await renderHtml(browser, html((await pageAssets()).styles.fontStylesheets))).pdf);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe("a page that starts at the beginning of a text longer than a page", () => {
  it("puts the heading at the first page's foot and the text on the pages after it", () => {
    expect(pdf.pages[0]?.text).toContain("一行的小标题");
    expect(pdf.pages[0]?.text).not.toContain(sentence(1));
    expect(pdf.pages[1]?.text).toContain(sentence(1));
    expect(pdf.pages.length).toBeGreaterThan(3);
  });

  it("prints every sentence once, in order, none lost at a page's foot", () => {
    const text = pdf.pages.map((page) => page.text.replace(/\s+/g, "")).join("");
    const found = [...text.matchAll(/第(\d+)句说明。/g)].map((m) => Number(m[1]));
    expect(found).toEqual(Array.from({ length: SENTENCES }, (_, i) => i + 1));
  });
});
