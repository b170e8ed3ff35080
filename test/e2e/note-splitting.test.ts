import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatFinding, preflight } from "../../src/preflight/index.ts";
import { launchBrowser } from "../../src/render/browser.ts";
import { AREA, NOTE_SIZE } from "../support/build.ts";
import { bodyLinesOn, callsOn, expectNotesSetOut, notesTopOn } from "../support/notes.ts";
import { readPdf, type PdfFile, type PdfPage } from "../support/pdf.ts";
import { renderFixture, type Fixture, type Rendered } from "../support/render.ts";

// Notes too long for the room under their calls, laid out by the real renderer on the
// journal's page. A note starts on its call's page and goes on at the foot of the next
// pages; none is lost, the body keeps a third of every page it is on, the numbers start
// afresh on every page and a part continued carries none, and every line of a note hangs
// under its text. The texts are drawn at random from a fixed seed: no sentence repeats
// (Paged.js finds where it broke a text by searching for it).

let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  dir = await mkdtemp(path.join(os.tmpdir(), "paiban-note-splitting-"));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

let seed = 20260301;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const HAN =
  "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈剑号巨阙珠称夜光果珍李柰菜重芥姜海咸河淡鳞潜羽翔龙师火帝鸟官人皇始制文字乃服衣裳推位让国有虞陶唐吊民伐罪周发殷汤坐朝问道垂拱平章爱育黎首臣伏戎羌遐迩壹体率宾归王";
/** `length` ideographs at random, no mark among them: a line of the page holds exactly 40. */
const han = (length: number) => Array.from({ length }, () => HAN[Math.floor(random() * HAN.length)]).join("");
/** Prose: ideographs with a comma now and then, ending with a full stop. */
const prose = (length: number) => {
  let text = "";
  while (text.length < length - 1) text += `${han(8 + Math.floor(random() * 12))}，`;
  return `${text.slice(0, length - 1)}。`;
};
const WORDS = "river mountain scholar archive court minister frontier harvest temple canal ledger garrison envoy".split(" ");
/** English prose of about `length` characters, long words that hyphenate among them. */
const english = (length: number) => {
  let text = "";
  while (text.length < length) text += `${WORDS[Math.floor(random() * WORDS.length)]}${random() < 0.15 ? ", notwithstanding" : ""} `;
  return `${text.trim()}.`.replace(/^./, (c) => c.toUpperCase());
};

/** Each paragraph that opens a case (起页) starts a page. */
const CASES: Pick<Fixture, "edit" | "css"> = {
  edit: (html) => html.replace(/<p>起页/g, '<p class="case-start">起页'),
  css: ".case-start { break-before: page; }",
};

async function render(name: string, fixture: Fixture): Promise<{ rendered: Rendered; pdf: PdfFile }> {
  const rendered = await renderFixture(browser, fixture);
  const file = path.join(dir, `${name}.pdf`);
  await writeFile(file, rendered.pdf);
  return { rendered, pdf: await readPdf(file) };
}

/** What every page of notes must be: checked on each document below. */
const expectNotesTypeset = ({ rendered, pdf }: { rendered: Rendered; pdf: PdfFile }) =>
  expectNotesSetOut(
    pdf,
    rendered.expected.flatMap((e) => e.notes),
  );

describe("notes of 1,600, 3,000, 7,000 and 15,000 characters", () => {
  const lengths = [1600, 3000, 7000, 15000];
  let result: { rendered: Rendered; pdf: PdfFile };
  let pages: number[][];

  beforeAll(async () => {
    // Each note called in a case's second paragraph, with text enough after it to run beside the note's parts.
    const markdown = lengths
      .map((length, i) =>
        [
          `起页${prose(240)}`,
          `${prose(120)}[^n${i}]`,
          `[^n${i}]: ${prose(length)}`,
          ...Array.from({ length: 3 + length / 700 }, () => prose(500)),
        ].join("\n\n"),
      )
      .join("\n\n");
    result = await render("lengths", { markdown, ...CASES });
    pages = expectNotesTypeset(result);
  }, 600_000);

  it("start each note under its call and go on at the foot of the next pages, losing nothing", () => {
    for (const [i, notePages] of pages.entries()) {
      // Page after page, more of them than if notes could fill whole pages (47 characters a line, 47 lines).
      expect(notePages).toEqual(notePages.map((_, k) => (notePages[0] as number) + k));
      expect(notePages.length).toBeGreaterThanOrEqual(Math.ceil((lengths[i] as number) / (47 * 47)) + 1);
      // Every page but its last gives the note the room it may have: close to two thirds of the text area.
      for (const number of notePages.slice(0, -1)) {
        const page = result.pdf.pages[number - 1] as PdfPage;
        const share = (AREA.bottom - ((notesTopOn(page) as number) - NOTE_SIZE)) / (AREA.bottom - AREA.top);
        if (bodyLinesOn(page).length > 0) expect(share, `page ${number}`).toBeGreaterThan(0.55);
      }
    }
  });

  it("leave the call's page full: the body goes on down to the notes", () => {
    for (const notePages of pages) {
      const page = result.pdf.pages[(notePages[0] as number) - 1] as PdfPage;
      const last = bodyLinesOn(page).at(-1);
      expect((notesTopOn(page) as number) - (last?.top ?? 0)).toBeLessThan(3 * 18);
    }
  });

  it("pass the preflight", async () => {
    expect((await preflight(result.rendered)).map(formatFinding)).toEqual([]);
  });
});

describe("a page of long notes, a page of short ones, a long note called on a page's last lines", () => {
  let result: { rendered: Rendered; pdf: PdfFile };

  beforeAll(async () => {
    const blocks: string[] = [];
    // Three long notes called from one page.
    blocks.push(
      `起页${prose(200)}[^a1]`,
      `[^a1]: ${prose(900)}`,
      `${prose(80)}[^a2]`,
      `[^a2]: ${prose(800)}`,
      `${prose(80)}[^a3]`,
      `[^a3]: ${prose(700)}`,
    );
    blocks.push(prose(1200), prose(1200));
    // Fourteen short notes on a page: paragraphs and notes of one line each.
    for (let i = 0; i < 14; i++)
      blocks.push(`${i === 0 ? "起页" : ""}${prose(24 + 4 * (i % 3))}[^b${i}]`, `[^b${i}]: ${prose(28 + 5 * (i % 4))}`);
    blocks.push(prose(1500));
    // A note of 2,500 characters called at the end of the page's 30th to 34th line (of 34):
    // a paragraph of 40 ideographs a line (38 on the first, after the indent), its last
    // line one short, so that the call fits after it.
    for (let line = 30; line <= 34; line++) {
      blocks.push(`起页${han(35 + 40 * (line - 1))}[^c${line}]`, `[^c${line}]: ${prose(2500)}`, prose(900), prose(900));
    }
    result = await render("crowded", { markdown: blocks.join("\n\n"), ...CASES });
  }, 600_000);

  it("print every note whole, each starting on its call's page, numbered afresh on every page", () => {
    const pages = expectNotesTypeset(result);
    // The long notes called at the foot start there, or with their call's line on the next page.
    for (const notePages of pages.slice(-5)) expect(notePages.length).toBeGreaterThanOrEqual(2);
    expect(result.pdf.pages.some((page) => callsOn(page).length >= 10)).toBe(true);
  });

  it("pass the preflight", async () => {
    expect((await preflight(result.rendered)).map(formatFinding)).toEqual([]);
  });
});

describe("an English part with several notes a page, one of 3,000 characters", () => {
  let result: { rendered: Rendered; pdf: PdfFile };

  beforeAll(async () => {
    const blocks: string[] = [];
    for (let i = 0; i < 30; i++) {
      const long = i === 6;
      blocks.push(`${english(300 + 60 * (i % 5))}[^e${i}] ${english(120)}`, `[^e${i}]: ${english(long ? 3000 : 80 + 90 * (i % 4))}`);
    }
    result = await render("english", { markdown: blocks.join("\n\n"), lang: "en" });
  }, 600_000);

  it("print every note whole, hyphenated words across a page's foot too, each on its call's page", () => {
    const pages = expectNotesTypeset(result);
    expect(pages[6]?.length).toBeGreaterThanOrEqual(2);
  });

  it("pass the preflight", async () => {
    expect((await preflight(result.rendered)).map(formatFinding)).toEqual([]);
  });
});
