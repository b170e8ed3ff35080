import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/typeset/index.ts";
import { loadSources } from "../../src/content/load.ts";
import { AREA, NOTE_SIZE, SAMPLE } from "../support/build.ts";
import { writeIssue } from "../support/issue.ts";
import { printedFolio } from "../support/folio.ts";
import { readPdf, readPdfBytes, type PdfFile, type PdfPage, type TextRun } from "../support/pdf.ts";
import { joinRuns } from "../support/columns.ts";
import { normalise } from "../support/seed.ts";

type Lang = "zh" | "en";
type Layout = "facing" | "columns";

/** One edition built for the tests: its PDF, the reports of the build, and where its sources are. */
interface Built {
  pdfs: Record<Layout, PdfFile>;
  reports: string[];
  article: string;
}

const squash = (s: string) => s.replace(/\s+/g, "");
/** Two starts are level when their first lines are within one body line of each other. */
const BODY_LINE = 18;

async function buildParallel(content: string, id: string, articleAlone = false): Promise<Built> {
  const out = await mkdtemp(path.join(os.tmpdir(), "paiban-parallel-"));
  const reports: string[] = [];
  const [issue] = await build(await loadSources(articleAlone ? path.join(content, "2021-03", id) : content), {
    outDir: out,
    strict: true,
    press: {},
    editions: { issue: false, parallel: ["facing", "columns"] },
    report: (line) => reports.push(line),
  });
  const file = (layout: Layout) => issue?.parallel.find((p) => p.id === id && p.layout === layout)?.file ?? "";
  return {
    pdfs: { facing: await readPdf(file("facing")), columns: await readPdf(file("columns")) },
    reports,
    article: path.join(content, "2021-03", id),
  };
}

/** Each alignment unit of a source: its id and the first characters of the block it starts at (`normalise`d, as the printed lines are). */
async function unitsOf(file: string, lang: Lang): Promise<Map<string, string>> {
  const units = new Map<string, string>();
  let headings = 0;
  for (const line of (await readFile(file, "utf8")).split("\n")) {
    const heading = /^#{1,6}\s/.test(line);
    if (heading) headings++;
    const anchor = /\{#([A-Za-z][\w-]*)\}\s*$/.exec(line)?.[1] ?? (heading ? `s${headings}` : undefined);
    if (!anchor) continue;
    const text = normalise(
      line
        .replace(/^#+\s*/, "")
        .replace(/\{#[^}]*\}\s*$/, "")
        .replace(/\[\^\w+\]/g, ""),
    );
    // Enough characters to tell "Third, the SCO is…" from "Third, the SCO in…".
    units.set(anchor, text.slice(0, lang === "zh" ? 8 : 18));
  }
  return units;
}

/** The page's lines on one side of the middle (columns), or all of them (facing). */
function linesOf(page: PdfPage, column?: "left" | "right"): TextRun[] {
  const middle = page.width / 2;
  return joinRuns(column ? page.runs.filter((r) => (column === "left" ? r.x < middle : r.x >= middle)) : page.runs);
}

/** Where a unit's first line is printed: page number and baseline. */
function findStart(pdf: PdfFile, start: string, column?: "left" | "right"): { page: number; top: number } | undefined {
  for (const page of pdf.pages) {
    const line = linesOf(page, column).find((l) => normalise(l.text).startsWith(start) && l.size > NOTE_SIZE + 0.5);
    if (line) return { page: page.number, top: line.top };
  }
  return undefined;
}

/** Every unit both sides have starts level: on the same spread (facing) or page (columns), within one body line. */
async function expectLevel(built: Built, layout: Layout): Promise<string[]> {
  const zh = await unitsOf(path.join(built.article, "zh.md"), "zh");
  const en = await unitsOf(path.join(built.article, "en.md"), "en");
  const matched = [...zh.keys()].filter((id) => en.has(id));
  expect(matched.length).toBeGreaterThan(1);
  const pdf = built.pdfs[layout];
  for (const id of matched) {
    const a = findStart(pdf, zh.get(id) ?? "", layout === "columns" ? "left" : undefined);
    const b = findStart(pdf, en.get(id) ?? "", layout === "columns" ? "right" : undefined);
    expect(a, `${layout} {#${id}} Chinese`).toBeDefined();
    expect(b, `${layout} {#${id}} English`).toBeDefined();
    if (!a || !b) continue;
    if (layout === "facing") {
      // A spread is a left-hand (even) page and the right-hand page after it.
      expect(a.page % 2, `{#${id}} on a left-hand page`).toBe(0);
      expect(b.page, `{#${id}} on the same spread`).toBe(a.page + 1);
    } else {
      expect(b.page, `{#${id}} on the same page`).toBe(a.page);
    }
    expect(Math.abs(a.top - b.top), `{#${id}} at the same height`).toBeLessThanOrEqual(BODY_LINE);
  }
  return matched;
}

/** Note lines (note size, inside the text area, opening with [n]) with the side they are on. */
function noteLines(pdf: PdfFile, layout: Layout): { page: number; lang: Lang; side: "left" | "right"; text: string }[] {
  return pdf.pages.flatMap((page) =>
    (["left", "right"] as const).flatMap((column) =>
      (layout === "facing" ? (column === "left" ? page.lines : []) : linesOf(page, column))
        .filter((l) => Math.abs(l.size - NOTE_SIZE) < 0.3 && l.top > AREA.top && /^\[\d+\]/.test(l.text.trim()))
        .map((l) => ({
          page: page.number,
          lang: /[\u4e00-\u9fff]/.test(l.text) ? ("zh" as const) : ("en" as const),
          side: layout === "facing" ? (page.number % 2 === 0 ? ("left" as const) : ("right" as const)) : column,
          text: l.text,
        })),
    ),
  );
}

describe("the sample's parallel-text editions", () => {
  let sample: Built;
  let zhSource: string;
  beforeAll(async () => {
    // The seed article's editions (the sample's other article has its own in `npm run build`).
    sample = await buildParallel(SAMPLE, "xu-tao-sco-security", true);
    zhSource = await readFile(path.join(sample.article, "zh.md"), "utf8");
  }, 900_000);

  for (const layout of ["facing", "columns"] as const) {
    it(`${layout}: starts the introduction, 一/I, 二/II with 首先/其次/第三, 三/III with （一）…（四）, level`, async () => {
      const matched = await expectLevel(sample, layout);
      expect(matched).toEqual(["intro", "s1", "s2", "ii-1", "ii-2", "ii-3", "s3", "iii-1", "iii-2", "iii-3", "iii-4"]);
    });

    it(`${layout}: sets the notes on the Chinese side, numbered afresh on each page`, () => {
      const notes = noteLines(sample.pdfs[layout], layout);
      const sourceNotes = (zhSource.match(/^\[\^\w+\]:/gm) ?? []).length;
      // The English version has no notes: every note printed is a Chinese one (some cite English titles).
      expect(notes.length).toBe(sourceNotes);
      expect(new Set(notes.map((n) => n.side))).toEqual(new Set(["left"]));
      const numbers = new Map<number, number[]>();
      for (const n of notes) numbers.set(n.page, [...(numbers.get(n.page) ?? []), Number(/^\[(\d+)\]/.exec(n.text.trim())?.[1])]);
      for (const [page, seen] of numbers) expect(seen, `page ${page}`).toEqual(seen.map((_, i) => i + 1));
    });
  }

  it("reports 结语, which has no English counterpart, and sets it alone with blank space opposite", () => {
    const warning = sample.reports.find((r) => r.includes("{#s4}"));
    expect(warning).toMatch(/zh\.md:\d+: warning: the passage \{#s4\} has no counterpart in en\.md/);
    // Said once, though both layouts set it alone.
    expect(sample.reports.filter((r) => r.includes("warning: the passage {#s4}"))).toHaveLength(1);
    const pdf = sample.pdfs.facing;
    const start = findStart(pdf, "结语");
    expect(start).toBeDefined();
    // The English page of 结语's spread has no body text beside it.
    const opposite = pdf.pages[start?.page ?? 0] as PdfPage;
    expect(
      linesOf(opposite).filter(
        (l) => l.size > NOTE_SIZE + 0.5 && l.top > AREA.top && l.top < AREA.bottom && l.top >= (start?.top ?? 0) - BODY_LINE,
      ),
    ).toEqual([]);
  });

  it("facing: opens with a title page, then Chinese on the left-hand pages and English on the right", () => {
    const pdf = sample.pdfs.facing;
    expect(squash(pdf.pages[0]?.lines.map((l) => l.text).join("") ?? "")).toContain("中英对照");
    expect(pdf.pages.length % 2).toBe(1);
    const body = (page: PdfPage) =>
      squash(
        page.lines
          .filter((l) => l.top > AREA.top && l.top < AREA.bottom)
          .map((l) => l.text)
          .join(""),
      );
    const han = (s: string) => (s.match(/[\u4e00-\u9fff]/g) ?? []).length / Math.max(1, s.length);
    for (const page of pdf.pages.slice(1)) {
      const text = body(page);
      if (text.length < 40) continue;
      if (page.number % 2 === 0) expect(han(text), `page ${page.number}`).toBeGreaterThan(0.5);
      else expect(han(text), `page ${page.number}`).toBeLessThan(0.05);
    }
  });

  it("columns: sets the rectos' running head, the English title, in the Latin face (an apostrophe, not a full-width mark)", async () => {
    const pdf = await readPdfBytes(sample.pdfs.columns.bytes, { fonts: true });
    const heads = pdf.pages
      .filter((page) => page.number % 2 === 1)
      .flatMap((page) => page.items.filter((item) => item.top < AREA.top && /’/.test(item.text)));
    expect(heads.length).toBeGreaterThan(2);
    expect(heads.filter((item) => !/\+NotoSerif-/.test(item.font ?? "")).map((item) => `${item.text} (${item.font})`)).toEqual([]);
  });

  it("has both languages' headings in its outline, and page labels equal to the printed folios", async () => {
    for (const layout of ["facing", "columns"] as const) {
      const doc = await getDocument({ data: sample.pdfs[layout].bytes.slice() }).promise;
      const titles = JSON.stringify(await doc.getOutline());
      expect(titles).toContain("三、上合组织践行新安全观的现实意义");
      expect(titles).toContain("III. The Practical Significance for the SCO to Practice the New Security Concept");
      const pages = sample.pdfs[layout].pages;
      const folios = pages.map(printedFolio);
      // Every page but the facing edition's title page prints its folio; that one is labelled as the folios run.
      expect(folios.filter((f) => f === undefined).length, layout).toBe(layout === "facing" ? 1 : 0);
      const labels = (await doc.getPageLabels()) ?? [];
      expect(labels).toEqual(folios.map((f, i) => String(f ?? Number(folios[i + 1]) - 1)));
      // Numbered from the first page on, as the article's own folios are.
      expect(labels[0]).toBe("1");
    }
  });

  it("passed the preflight on both sides: every paragraph and note of both sources is printed", () => {
    // The build was strict: a missing paragraph or note on either side would have failed it.
    expect(sample.reports.filter((r) => r.startsWith("preflight:"))).toEqual([]);
    expect(sample.reports.some((r) => r.includes("parallel text (facing)"))).toBe(true);
    expect(sample.reports.some((r) => r.includes("parallel text (columns)"))).toBe(true);
  });
});

describe("a pair where the English runs several pages longer inside one unit", () => {
  const paragraph = (lang: Lang, unit: number, n: number) =>
    lang === "zh"
      ? `第${unit}单元第${n}段的中文内容，讨论地区合作的第${n}个问题及其解决办法。`
      : `Paragraph ${n} of unit ${unit} discusses question ${n} of regional cooperation at some length, ` +
        `with a second sentence numbered ${unit}.${n} so that no sentence repeats anywhere in the text, ` +
        `and a third one, ${unit}.${n}.3, that makes the paragraph long enough to fill several lines.`;
  const zh = [
    `引言第一段，说明本文的结构。[^z1] {#intro}`,
    `[^z1]: 中文注释一。`,
    `## 一、短的一章`,
    paragraph("zh", 1, 1),
    `## 二、后面的一章`,
    `${paragraph("zh", 2, 1)}[^z2]`,
    `[^z2]: 中文注释二。`,
  ].join("\n\n");
  const en = [
    `The introduction explains how the article is built.[^e1] {#intro}`,
    `[^e1]: English note one.`,
    `## I. A Long Chapter`,
    ...Array.from(
      { length: 40 },
      (_, i) => paragraph("en", 1, i + 1) + (i % 10 === 0 ? `[^l${i}]\n\n[^l${i}]: English note on paragraph ${i + 1}.` : ""),
    ),
    `## II. The Chapter After`,
    paragraph("en", 2, 1),
  ].join("\n\n");
  let pair: Built;
  beforeAll(async () => {
    const root = await writeIssue(
      [
        {
          id: "long-english",
          paragraphs: 0,
          titleZh: "长短不一",
          titleEn: "Uneven Lengths",
          author: { zh: "钱七", en: "Qian Qi" },
          bodies: { zh, en },
        },
      ],
      { withSeed: false },
    );
    pair = await buildParallel(root, "long-english");
  }, 900_000);

  for (const layout of ["facing", "columns"] as const) {
    it(`${layout}: starts 二/II level, after blank pages on the Chinese side`, async () => {
      expect(await expectLevel(pair, layout)).toEqual(["intro", "s1", "s2"]);
      const one = findStart(pair.pdfs[layout], "一、短的一章", layout === "columns" ? "left" : undefined);
      const two = findStart(pair.pdfs[layout], "二、后面的一章", layout === "columns" ? "left" : undefined);
      // The English chapter I fills several pages: the Chinese chapter 二 waits for II.
      expect((two?.page ?? 0) - (one?.page ?? 0)).toBeGreaterThanOrEqual(layout === "facing" ? 6 : 3);
    });

    it(`${layout}: sets each language's notes on its own side`, () => {
      const notes = noteLines(pair.pdfs[layout], layout);
      expect(notes.filter((n) => n.lang === "zh").map((n) => n.side)).toEqual(["left", "left"]);
      expect(notes.filter((n) => n.lang === "en").length).toBe(5);
      expect(new Set(notes.filter((n) => n.lang === "en").map((n) => n.side))).toEqual(new Set(["right"]));
    });
  }
});
