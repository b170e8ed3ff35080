import type { Browser } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finishPdf, type PrintBoxes, printBoxes } from "../../../src/output/index.ts";
import {
  DEFAULT_FONTS,
  joinReadings,
  joinTexts,
  type PdfText,
  preflight,
  type PreflightFinding,
  readPages,
} from "../../../src/preflight/index.ts";
import { readPdfTextApart } from "../../../src/preflight/reading/thread.ts";
import { launchBrowser } from "../../../src/render/browser.ts";
import { joinLayouts } from "../../../src/render/layout.ts";
import { renderFixture } from "../../support/render.ts";

// A long article is laid out and printed in parts (its Chinese and its English part), and
// each part is read back for the preflight as soon as it is printed, while the next is
// printed and the parts are joined and finished. What the preflight reads must be the
// finished PDF's pages, as if read from it: the same text, at the same places on the
// sheet (with a bleed too), numbered on from part to part.

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const paragraph = (n: number) =>
  `${Array.from({ length: 40 }, (_, k) => `第${n}段第${k + 1}句说明地区安全合作的第${n * 100 + k}个方面`).join("，")}。`;
const TRIM = { width: "185mm", height: "260mm" };
const BLEED = "3mm";

/** pdf.js names a page's fonts by the order it loaded them in the document: the same font has another key in another document. */
function comparable(text: PdfText) {
  return text.pages.map((page) => {
    const keys = new Map<string, string>();
    const key = (font: string) => keys.get(font) ?? keys.set(font, `font ${keys.size}`).get(font);
    return {
      ...page,
      items: page.items.map((item) => ({ ...item, font: key(item.font) })),
      fonts: [...page.fonts].map(([font, value]) => [key(font), value]),
      notdef: page.notdef.map((glyph) => ({ ...glyph, font: key(glyph.font) })),
    };
  });
}

const where = (findings: PreflightFinding[]) => findings.map((f) => `${f.page ?? "-"}:${f.rule}`);

describe("a document read back part by part, as each part is printed", () => {
  it("is read as its finished PDF is, and a fault in its second part is found on its page", async () => {
    const css = `@page { size: ${TRIM.width} ${TRIM.height}; bleed: ${BLEED}; } .article-body p.out { position: relative; left: -20mm; }`;
    const first = await renderFixture(browser, {
      markdown: `${paragraph(1)}[^1]\n\n${paragraph(2)}\n\n${paragraph(3)}\n\n[^1]: 一条注释。`,
      css,
    });
    const second = await renderFixture(browser, {
      markdown: `${paragraph(4)}\n\n这一段被挪到版心左边的白边里。\n\n${paragraph(5)}`,
      edit: (html) => html.replace("<p>这一段", '<p class="out">这一段'),
      css,
    });
    expect(first.layout.pages.length).toBeGreaterThan(1);
    const finished = await finishPdf([first.pdf, second.pdf], {
      info: { title: "分两部分", author: "", subject: "", keywords: [], lang: "zh-Hans", date: new Date(0) },
      trim: TRIM,
      bleed: BLEED,
      firstFolio: 1,
      outlineTitles: [],
      xmp: "",
    });
    const boxes = printBoxes(TRIM, BLEED);
    const read = (pdf: Uint8Array, printBoxes?: PrintBoxes) => readPdfTextApart(pdf, { fonts: true, ours: DEFAULT_FONTS, printBoxes });
    const parts = joinTexts([await read(first.pdf, boxes), await read(second.pdf, boxes)]);
    const whole = await read(finished);
    expect(whole.pages[0]?.trimOrigin.left).toBeGreaterThan(8);
    expect(comparable(parts)).toEqual(comparable(whole));

    // The build's way: each part read as printed and kept on the reading thread, checked as one.
    const input = { pdf: finished, layout: joinLayouts([first.layout, second.layout]), expected: [...first.expected, ...second.expected] };
    const kept = joinReadings([readPages(first.pdf, { printBoxes: boxes }), readPages(second.pdf, { printBoxes: boxes })]);
    const fromParts = await preflight({ ...input, read: kept });
    expect(where(fromParts)).toEqual([`${first.layout.pages.length + 1}:outside-area`]);
    expect(fromParts).toEqual(await preflight(input));
  });
});
