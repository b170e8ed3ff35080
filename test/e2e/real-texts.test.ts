import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildInto, ROOT } from "../support/build.ts";
import { type PdfPage, readPdf, type TextRun } from "../support/pdf.ts";

// Real kinds of text, not the sample (test/fixtures/real-texts). Issue 2026-01: a classical
// passage in traditional characters with commentary notes, and a text dense with 「」『』,
// built with --strict: any preflight finding (a missing glyph, a mark outside the text
// block, a note or call misread, a foreign font) fails the build. Issue 2026-02, as strictly:
// an English part dense with notes, straight quotes, romanized names and spaces typed before
// calls.

const FIXTURE = path.join(ROOT, "test", "fixtures", "real-texts");

let out: string;
let englishOut: string;
const pdf = (name: string, dir = out, issue = "2026-01") => path.join(dir, issue, `${name}.pdf`);
const read = async (file: string) => (await readPdf(file, { fonts: true })).pages;

beforeAll(async () => {
  out = await buildInto(path.join(FIXTURE, "2026-01"), "--strict", "--edition", "issue");
  englishOut = await buildInto(path.join(FIXTURE, "2026-02"), "--strict", "--edition", "issue");
  // Two issues, four articles laid out: longer than one document's hook allows.
}, 600_000);

afterAll(async () => {
  for (const dir of [out, englishOut]) if (dir) await rm(dir, { recursive: true, force: true });
});

/** The font an item is set in, without its subset tag. */
const fontOf = (item: TextRun) => (item.font ?? "").replace(/^[A-Z]{6}\+/, "");
const textOf = (pages: PdfPage[]) => pages.map((p) => p.text).join("\n");

/** The gap (in ems of the text) between the end of `before` and the start of `after` where they meet on a line. */
function gapBetween(pages: PdfPage[], before: RegExp, after: string): number[] {
  const gaps: number[] = [];
  for (const page of pages) {
    page.items.forEach((item, i) => {
      const next = page.items.slice(i + 1).find((n) => n.size > 0);
      if (before.test(item.text) && next?.text.startsWith(after) && Math.abs(next.top - item.top) < 1)
        gaps.push((next.x - item.right) / item.size);
    });
  }
  return gaps;
}

describe("real texts", () => {
  it("print the traditional characters Noto Serif SC lacks from Source Han Serif CN, in the article's weight", async () => {
    const pages = await read(pdf("qiao-zhou-biography"));
    const qiao = pages.flatMap((page) => page.items.filter((i) => i.text.includes("譙")).map(fontOf));
    expect(qiao.length).toBeGreaterThan(0);
    expect(new Set(qiao)).toEqual(new Set(["SourceHanSerifCNVF-ExtraLight"]));
    expect(textOf(pages)).toContain("鬬");
  });

  it("set 中西文间距 in the metadata block and the notes as in the body", async () => {
    const pages = await read(pdf("qiao-zhou-biography"));
    // The abstract (9 pt) “3世纪末”, the body (10.5 pt) “2014年5月21日”, a note (8.5 pt) “234年”:
    // Chromium's text-autospace puts an eighth of an em between them; none without it.
    for (const [before, after] of [
      [/3$/, "世"],
      [/2014$/, "年"],
      [/234$/, "年"],
    ] as const) {
      const gaps = gapBetween(pages, before, after);
      expect(gaps.length, `${before} ${after}`).toBeGreaterThan(0);
      for (const gap of gaps) expect(gap).toBeGreaterThan(0.1);
    }
  });

  it("set the English part and its notes as English: curly quotes and apostrophes from the Latin face, dashes, notes set off from their numbers", async () => {
    const pages = await read(pdf("sun-tzu-commentators", englishOut, "2026-02"));
    const english = pages.filter((page) => page.items.some((i) => i.text.includes("Commentators")));
    const text = textOf(english);
    expect(text).not.toMatch(/["']/);
    expect(text).toContain("“All Warfare Is Based on Deception”: Sun Tzŭ’s Commentators in English");
    expect(text).toContain("Ch’eng-fu");
    expect(text).toContain("Keywords: Sun Tzŭ; the eleven commentators");
    expect(text).toContain("by author – a choice");
    // Every ’ of the English pages, body, notes and running heads alike, from Noto Serif.
    const apostrophes = english.flatMap((page) => page.items.filter((i) => i.text.includes("’")).map(fontOf));
    expect(apostrophes.length).toBeGreaterThan(20);
    expect(apostrophes.every((name) => name.startsWith("NotoSerif-"))).toBe(true);
    // A note's text is set off from its number by a space: “[1] Ts’ao Ts’ao’s preface…”.
    expect(text).toMatch(/\[1\] Ts’ao Ts’ao’s preface/);
  });

  it("set the ABSTRACTS page's English with curly quotes", async () => {
    const pages = await read(path.join(englishOut, "2026-02.pdf"));
    const abstracts = pages.filter((page) => page.items.some((i) => i.text.includes("ABSTRACTS")));
    expect(abstracts.length).toBeGreaterThan(0);
    const text = textOf(abstracts);
    expect(text).toContain("Sun Tzŭ’s “Art of War”");
    expect(text).not.toMatch(/["']/);
  });

  it("end lines with closing corner brackets inside the text block", async () => {
    // The text dense with 「」『』 has lines ending in them: the strict build found none outside.
    const pages = await read(pdf("analects-quotations"));
    const lineEnds = pages.flatMap((page) => {
      const tops = new Map<number, TextRun>();
      for (const item of page.items.filter((i) => i.size > 9)) {
        const top = Math.round(item.top);
        if (!tops.has(top) || (tops.get(top) as TextRun).right < item.right) tops.set(top, item);
      }
      return [...tops.values()].map((i) => i.text.trim().slice(-1));
    });
    expect(lineEnds.filter((ch) => "」』".includes(ch)).length).toBeGreaterThan(0);
  });
});
