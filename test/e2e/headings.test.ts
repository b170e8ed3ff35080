import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatFinding, preflight } from "../../src/preflight/index.ts";
import { launchBrowser } from "../../src/render/browser.ts";
import { AREA } from "../support/build.ts";
import { readPdf, type PdfFile } from "../support/pdf.ts";
import { renderFixture, type Rendered } from "../support/render.ts";

// Headings of every level brought to a page's foot: each case is set after text of a
// growing length, one page a case (a paragraph marked 起页 / Page starts a page), so that
// its heading falls on every line near the foot. A heading must keep two lines of its
// section under it on its page, in Chinese and in English, whatever stands under it: a
// one-line paragraph, another heading, a long paragraph.

let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  dir = await mkdtemp(path.join(os.tmpdir(), "paiban-headings-"));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

let sentence = 0;
const zh = (count: number) =>
  Array.from({ length: count }, () => `第${++sentence}句记此事的第${sentence * 3 + 1}个细节，`)
    .join("")
    .replace(/，$/, "。");
const WORDS = ["treaty", "envoy", "council", "charter", "summit", "border", "mandate", "accord"];
const en = (count: number) =>
  Array.from(
    { length: count },
    () => `Clause ${++sentence} weighs the ${WORDS[sentence % WORDS.length]} of case ${sentence * 3 + 1}.`,
  ).join(" ");

/** One page a case: the case after filler text of each length in `lengths`. */
function cases(lang: "zh" | "en", lengths: number[]): string {
  const text = lang === "zh" ? zh : en;
  const start = lang === "zh" ? "起页" : "Page";
  const blocks: string[] = [];
  for (const length of lengths) {
    const tag = `${length}`;
    blocks.push(
      `${start}${tag}a ${text(length)}`,
      `## ${lang === "zh" ? "一、单行段落之上" : "I. Over a one-line paragraph"} ${tag}`,
      text(1),
      text(8),
    );
    blocks.push(`${start}${tag}b ${text(length)}`, `## ${lang === "zh" ? "二、两级标题" : "II. Two headings"} ${tag}`);
    blocks.push(`### ${lang === "zh" ? "（一）紧随的小标题" : "A. The one right under it"} ${tag}`, text(8));
    for (const level of [3, 4, 5]) {
      blocks.push(
        `${start}${tag}${level} ${text(length)}`,
        `${"#".repeat(level)} ${lang === "zh" ? `第${level}级标题` : `Level ${level} heading`} ${tag}`,
        text(8),
      );
    }
  }
  return blocks.join("\n\n");
}

/** Each paragraph that starts a case starts a page. */
const pageStarts = (html: string) => html.replace(/<p>(起页|Page)/g, '<p class="case-start">$1');
const CSS = ".case-start { break-before: page; }";

async function render(lang: "zh" | "en", lengths: number[]): Promise<{ rendered: Rendered; pdf: PdfFile }> {
  const rendered = await renderFixture(browser, { markdown: cases(lang, lengths), lang, edit: pageStarts, css: CSS });
  const file = path.join(dir, `${lang}.pdf`);
  await writeFile(file, rendered.pdf);
  return { rendered, pdf: await readPdf(file) };
}

/** For every heading (a line in `pattern`), how many body lines follow it on its page. */
function linesUnder(pdf: PdfFile, pattern: RegExp): { heading: string; page: number; under: number }[] {
  const found: { heading: string; page: number; under: number }[] = [];
  for (const page of pdf.pages) {
    // Body lines: in the text area, in body or heading type (not the folio, not notes).
    const body = page.lines.filter((line) => line.size >= 10 && line.top > AREA.top && line.top < AREA.bottom);
    body.forEach((line, i) => {
      if (pattern.test(line.text)) found.push({ heading: line.text, page: page.number, under: body.length - i - 1 });
    });
  }
  return found;
}

describe.each([
  // A page holds about 34 Chinese lines of some 2.7 of these sentences: fillers from 28 to 34 lines.
  { lang: "zh" as const, lengths: Array.from({ length: 8 }, (_, i) => 76 + 2 * i), headings: /^(一、|二、|（一）|第\d级标题)/ },
  // English sentences fill about half a line, a page about 41 lines: fillers from 35 to 41 lines, half a line apart.
  { lang: "en" as const, lengths: Array.from({ length: 12 }, (_, i) => 71 + i), headings: /^(I\.|II\.|A\.|Level \d heading)/ },
])("headings at a page's foot ($lang)", ({ lang, lengths, headings }) => {
  let result: { rendered: Rendered; pdf: PdfFile };

  beforeAll(async () => {
    result = await render(lang, lengths);
  }, 240_000);

  it("keep two lines of their section under them on their page, at every level", () => {
    const found = linesUnder(result.pdf, headings);
    expect(found.length).toBe(lengths.length * 6);
    expect(found.filter((f) => f.under < 2)).toEqual([]);
  });

  it("pass the preflight", async () => {
    expect((await preflight(result.rendered)).map(formatFinding)).toEqual([]);
  });
});
