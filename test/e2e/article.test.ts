import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { AREA, buildInto, mm, NOTE_SIZE, SAMPLE } from "../support/build.ts";
import { expectNotesBesideTheirCalls, notesOn } from "../support/notes.ts";
import { catalogLang, listFonts, pageBoxes, readPdf, type PdfFile, type PdfPage, type TextRun } from "../support/pdf.ts";
import {
  asPrinted,
  at,
  closingAt,
  curled,
  enSeedText,
  labelled,
  normalise,
  seedLines,
  zhEnd,
  zhMetadata,
  zhSeed,
  zhSeedBody,
  zhTitle,
  zhTitleAt,
} from "../support/seed.ts";

// The sample article as the journal printed it (test/fixtures/seed.txt) is what its PDF must
// say: every character of the body and the notes, the metadata block, the page count.

const PAGE = { width: mm(185), height: mm(260) };
const BODY_SIZE = 10.5;

let pdf: PdfFile;

beforeAll(async () => {
  const out = await buildInto(SAMPLE, "--edition", "issue");
  pdf = await readPdf(path.join(out, "2021-03", "xu-tao-sco-security.pdf"));
}, 300_000);

const squash = (s: string) => s.replace(/\s+/g, "");
const near = (a: number, b: number, tolerance = 0.6) => Math.abs(a - b) <= tolerance;

function bodyLines(page: PdfPage): TextRun[] {
  return page.lines.filter((l) => l.size >= BODY_SIZE - 0.2 && l.top > AREA.top && l.top < AREA.bottom);
}

/**
 * The lines of text size or larger inside the text area, page after page: from the first that
 * starts as `from` does to the last before the one that starts as `to` does (or to the end).
 */
function printedBetween(from: string, to?: string): string {
  const lines = pdf.pages.flatMap((page) => bodyLines(page).map((l) => l.text));
  const startsAs = (line: string, text: string) => normalise(line).startsWith(normalise(text).slice(0, 12));
  const start = lines.findIndex((l) => startsAs(l, from));
  const end = to === undefined ? lines.length : lines.findIndex((l, i) => i > start && startsAs(l, to));
  expect(start, `a line starting ${from}`).toBeGreaterThanOrEqual(0);
  expect(end, `a line starting ${to}`).toBeGreaterThan(start);
  return lines.slice(start, end).join("\n");
}

/** The page count the printed 文章编号 states (…-PPPP-CC: CC pages). */
const printedPageCount = () => Number(/-(\d+)$/.exec(labelled("文章编号"))?.[1]);

describe("the sample article's PDF", () => {
  it("has as many pages as the printed 文章编号 states, 185 × 260 mm each", async () => {
    expect(pdf.pages).toHaveLength(printedPageCount());
    for (const box of await pageBoxes(pdf.bytes)) {
      expect(box.media.width).toBeCloseTo(PAGE.width, 1);
      expect(box.media.height).toBeCloseTo(PAGE.height, 1);
      expect(box.trim).toEqual(box.media);
    }
  });

  it("opens with the title, the author and the metadata block as the journal printed them, in its order", () => {
    const first = pdf.pages[0] as PdfPage;
    expect(squash(first.lines[0]?.text ?? "")).toBe(zhTitle);
    expect(squash(first.lines[1]?.text ?? "")).toBe(squash(at(seedLines, zhTitleAt + 2)));
    const text = normalise(first.lines.map((l) => l.text).join("\n"));
    let last = -1;
    expect(zhMetadata.map((m) => m.label)).toEqual(["内容提要", "关键词", "作者简介", "中图分类号", "文献标识码", "文章编号"]);
    for (const { label, text: value } of zhMetadata) {
      const at = text.indexOf(normalise(`【${label}】${value}`));
      expect(at, `【${label}】${value}`).toBeGreaterThan(last);
      last = at;
    }
    // The block is set apart: the body starts below its last line.
    const blockEnd = first.lines.find((l) => l.text.includes("【文章编号】"))?.top ?? 0;
    const bodyStart = first.lines.find((l) => normalise(l.text).startsWith(zhSeedBody.slice(0, 3)))?.top ?? 0;
    expect(bodyStart).toBeGreaterThan(blockEnd + BODY_SIZE);
  });

  it("sets the Chinese body as the journal printed it: every character, headings included, in order", () => {
    const body = printedBetween(zhSeedBody, at(seedLines, zhEnd));
    expect(asPrinted(body, zhSeedBody)).toBe(zhSeedBody);
  });

  it("sets every note of the print, complete and in order, each on the page of its call", () => {
    const expected = zhSeed.notes.map(normalise);
    const printed = pdf.pages.flatMap((page) => notesOn(page, AREA.bottom));
    expect(printed.map((n) => normalise(n.text))).toEqual(expected);
    expectNotesBesideTheirCalls(pdf, AREA.bottom);
  });

  it("sets the English version as the journal printed it: every word, in order", () => {
    const closing = at(seedLines, closingAt);
    // Typewriter quotes and apostrophes set curly.
    const english = curled(enSeedText);
    expect(asPrinted(printedBetween(english, closing), english)).toBe(normalise(english));
    // The closing author line ends the article.
    expect(asPrinted(printedBetween(curled(closing)), curled(closing))).toBe(normalise(curled(closing)));
  });

  it("sets the notes below the body text, inside the text area", () => {
    for (const page of pdf.pages) {
      const notes = notesOn(page, AREA.bottom);
      if (notes.length === 0) continue;
      const lastBody = Math.max(...bodyLines(page).map((l) => l.top));
      expect(Math.min(...notes.map((n) => n.top))).toBeGreaterThan(lastBody);
      const noteLines = page.lines.filter((l) => near(l.size, NOTE_SIZE, 0.3) && !/^\d+$/.test(l.text.trim()));
      expect(Math.max(...noteLines.map((l) => l.top))).toBeLessThanOrEqual(AREA.bottom + 1);
    }
  });

  it("keeps all text inside the text area, except running heads and folios", () => {
    for (const page of pdf.pages) {
      const recto = page.number % 2 === 1;
      const left = recto ? AREA.inner : AREA.outer;
      const right = PAGE.width - (recto ? AREA.outer : AREA.inner);
      for (const run of page.runs) {
        const inside = run.x >= left - 0.5 && run.right <= right + 0.5 && run.top >= AREA.top - 1 && run.top <= AREA.bottom + 1;
        if (inside) continue;
        // Outside: only the running head (top margin) or the folio (a number in a margin).
        const head = run.top < AREA.top && run.top > mm(8);
        const folio = /^\d+$/.test(run.text.trim()) && (run.top < AREA.top || run.top > AREA.bottom);
        expect({ page: page.number, text: run.text, allowed: head || folio }).toMatchObject({ allowed: true });
      }
    }
  });

  it("prints folios and running heads: ISSN, year and issue on versos, the title on rectos", () => {
    const englishStart = pdf.pages.findIndex((p) => p.lines.some((l) => squash(l.text) === "ByXuTao"));
    expect(englishStart).toBeGreaterThan(1);
    const headOf = (page: PdfPage) =>
      page.lines
        .filter((l) => l.top < AREA.top)
        .map((l) => l.text)
        .join(" ");
    pdf.pages.slice(1).forEach((page, i) => {
      const head = headOf(page);
      const english = i + 1 >= englishStart;
      const title = english
        ? "China’s New Security Concept and the SCO’s Security Practice in the Past 20 Years"
        : "中国新安全观与上合组织二十年安全实践";
      expect(head).toContain(String(page.number));
      // 中西文间距 in the running head too: 2021 年第 3 期.
      if (page.number % 2 === 0) expect(head).toMatch(english ? /ISSN 1006-6241\s*No\. 3, 2021/ : /ISSN 1006-6241\s*2021\s?年第\s?3\s?期/);
      else if (i + 1 !== englishStart) expect(head).toContain(title);
    });
    expect(pdf.pages[0]?.lines.some((l) => l.top > AREA.bottom && l.text.trim() === "1")).toBe(true);
  });

  it("ends the Chinese article with the received date and editor, then the English part", () => {
    const all = pdf.pages.map((p) => p.lines.map((l) => l.text).join("\n")).join("\n");
    const received = all.indexOf(at(seedLines, zhEnd).trim());
    const editor = all.indexOf("（责任编辑：李万胜）");
    const englishTitle = "China’s New Security Concept and the SCO’s Security Practice in the Past 20 Years";
    const english = all.indexOf(englishTitle);
    expect(received).toBeGreaterThan(0);
    expect(editor).toBeGreaterThan(received);
    expect(english).toBeGreaterThan(editor);
    expect(squash(all).indexOf("ByXuTao")).toBeGreaterThan(squash(all).indexOf(squash(englishTitle)));
    expect(all).toContain("I. The Establishment of the New Security Concept and the SCO");
  });

  it("carries the document info and language", async () => {
    expect(pdf.info.Title).toContain(zhTitle);
    expect(pdf.info.Author).toContain("许涛");
    expect(String(pdf.info.Subject)).toMatch(/^20世纪末/);
    expect(pdf.info.Keywords).toContain("新安全观");
    expect(await catalogLang(pdf.bytes)).toBe("zh-Hans");
  });

  it("embeds every font, none of them Type 3", async () => {
    const fonts = await listFonts(pdf.bytes);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => f.subtype === "/Type3")).toEqual([]);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(fonts.some((f) => /NotoSerifSC/.test(f.name))).toBe(true);
    expect(fonts.some((f) => /NotoSerif-Italic/.test(f.name))).toBe(true);
  });
});
