import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSources } from "../../src/content/load.ts";
import { build } from "../../src/typeset/index.ts";
import { AREA, NOTE_SIZE } from "../support/build.ts";
import { writeIssue } from "../support/issue.ts";
import { COLUMN_GAP, columnLines, columnsOf } from "../support/columns.ts";
import { type PdfFile, type PdfPage, readPdf, type TextRun } from "../support/pdf.ts";

type Lang = "zh" | "en";
type Layout = "facing" | "columns";

/** Level: the two first lines' baselines within this many points. */
const LEVEL = 3;
/**
 * The columns edition's widths (issue.yaml): the Chinese column's share of the text block.
 * Narrower than half, its second table comes to a page's foot just before the next unit's
 * forced break (a table lost all but its last row there).
 */
const ZH_SHARE = 0.4;

const squash = (s: string) => s.replace(/\s+/g, "");

/**
 * A pair whose units carry figures and tables where they are hard to keep: a tall figure
 * called near a page's foot (it waits for the next page), a table long enough to break
 * over pages (续表), a figure and a table closing their units, the English longer or
 * shorter than the Chinese. Every sentence is numbered: no text repeats.
 */
function pairSources(): { zh: string; en: string } {
  const zhText = (u: number, n: number) =>
    Array.from(
      { length: n },
      (_, p) =>
        `第${u}单元第${p + 1}段讨论地区合作中的第${p + 1}个问题，分析其制度背景与现实意义，并说明它与第${u}单元其余各段的关系，以及相关的档案材料。`,
    );
  const enText = (u: number, n: number) =>
    Array.from(
      { length: n },
      (_, p) =>
        `Paragraph ${p + 1} of unit ${u} discusses question ${p + 1} of regional cooperation, its institutional background and its present meaning, ` +
        `and how it bears on the other paragraphs of unit ${u} and on the archives cited there.`,
    );
  const figure = (lang: Lang, n: number) =>
    lang === "zh"
      ? `![第${n}幅高图的图题](figures/tall-${n}.svg){#fig:f${n} width=90% en="The tall figure ${n}"}`
      : `![The caption of tall figure ${n}](figures/tall-${n}-en.svg){#fig:f${n} width=90%}`;
  const table = (lang: Lang, n: number, rows: number) =>
    [
      lang === "zh" ? `: 第${n}张表的表题 {#tbl:t${n} en="Table ${n} of the pair"}` : `: The caption of table ${n} {#tbl:t${n}}`,
      "",
      lang === "zh" ? "| 地区 | 数值甲 | 数值乙 |" : "| Region | Value A | Value B |",
      "|:--|--:|--:|",
      ...Array.from(
        { length: rows },
        (_, r) => `| ${lang === "zh" ? `第${n}表第${r + 1}行` : `T${n} row ${r + 1}`} | ${r * 7 + n} | ${r * 11 + n} |`,
      ),
    ].join("\n");
  const zh = [
    `引言第一段，说明本文的结构与资料来源。 {#intro}`,
    `## 一、高图在页脚附近`,
    ...zhText(1, 9),
    figure("zh", 1),
    ...zhText(11, 2),
    `## 二、跨页的长表`,
    ...zhText(2, 2),
    table("zh", 1, 60),
    ...zhText(21, 2),
    `## 三、以图结束的一节`,
    ...zhText(3, 6),
    figure("zh", 2),
    `## 四、以表结束的一节`,
    ...zhText(4, 3),
    table("zh", 2, 8),
    `## 五、最后一节`,
    ...zhText(5, 3),
  ].join("\n\n");
  const en = [
    `The introduction explains how the article is built and where its data come from. {#intro}`,
    `## I. A Tall Figure Near the Foot`,
    ...enText(1, 6),
    figure("en", 1),
    ...enText(11, 1),
    `## II. A Long Table`,
    ...enText(2, 5),
    table("en", 1, 60),
    ...enText(21, 1),
    `## III. A Section Closed by a Figure`,
    ...enText(3, 12),
    figure("en", 2),
    `## IV. A Section Closed by a Table`,
    ...enText(4, 2),
    table("en", 2, 8),
    `## V. The Last Section`,
    ...enText(5, 2),
  ].join("\n\n");
  return { zh, en };
}

/** A tall drawing with a word at its top and one at its foot, to find it on the page. */
const tallDrawing = (top: string, foot: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 120"><text x="5" y="8" font-size="5">${top}</text>` +
  `<rect x="5" y="12" width="90" height="96" fill="#999"/><text x="5" y="116" font-size="5">${foot}</text></svg>`;

/** Units in order: the first words of each side's opening line. */
const UNITS: { id: string; zh: string; en: string }[] = [
  { id: "intro", zh: "引言第一段", en: "The introduction" },
  { id: "s1", zh: "一、高图在页脚附近", en: "I. A Tall Figure" },
  { id: "s2", zh: "二、跨页的长表", en: "II. A Long Table" },
  { id: "s3", zh: "三、以图结束的一节", en: "III. A Section Closed" },
  { id: "s4", zh: "四、以表结束的一节", en: "IV. A Section Closed" },
  { id: "s5", zh: "五、最后一节", en: "V. The Last Section" },
];

/** The figures and tables of each unit: text that marks where each part of them is printed. */
const FLOATS: { unit: string; zh: string[]; en: string[] }[] = [
  { unit: "s1", zh: ["甲一上", "甲一下", "图1"], en: ["Aone top", "Aone foot", "Fig. 1"] },
  { unit: "s2", zh: ["表1", "续表1", "第1表第60行"], en: ["Table 1", "Table 1 (continued)", "T1 row 60"] },
  { unit: "s3", zh: ["甲二上", "甲二下", "图2"], en: ["Atwo top", "Atwo foot", "Fig. 2"] },
  { unit: "s4", zh: ["表2", "第2表第1行", "第2表第8行"], en: ["Table 2", "T2 row 1", "T2 row 8"] },
];

interface Place {
  page: number;
  top: number;
}

const precedes = (a: Place, b: Place) => a.page < b.page || (a.page === b.page && a.top < b.top);

/** The lines of a page on one side (columns: its column), inside the text area. */
function sideLines(page: PdfPage, layout: Layout, lang: Lang): TextRun[] {
  if (layout === "facing") {
    // After the title page: the Chinese on the even pages, the English on the odd ones.
    if ((page.number % 2 === 0) !== (lang === "zh")) return [];
    return page.lines.filter((l) => l.top > AREA.top && l.top < AREA.bottom);
  }
  return columnLines(page, lang, ZH_SHARE).filter((l) => l.top > AREA.top && l.top < AREA.bottom);
}

/** Every place a line opening with `text` is printed on one side. */
function findAll(pdf: PdfFile, layout: Layout, lang: Lang, text: string, options: { body?: boolean } = {}): Place[] {
  const wanted = squash(text);
  return pdf.pages.flatMap((page) =>
    sideLines(page, layout, lang)
      .filter((l) => squash(l.text).startsWith(wanted) && (!options.body || l.size > NOTE_SIZE + 0.5))
      .map((l) => ({ page: page.number, top: l.top })),
  );
}

describe("a pair whose units carry figures and tables", () => {
  const pdfs = {} as Record<Layout, PdfFile>;
  const reports: string[] = [];
  beforeAll(async () => {
    const sources = pairSources();
    const root = await writeIssue(
      [
        {
          id: "floats",
          paragraphs: 0,
          titleZh: "图表对照",
          titleEn: "Figures and Tables Opposite",
          author: { zh: "钱七", en: "Qian Qi" },
          bodies: sources,
        },
      ],
      { withSeed: false, issue: `columns: [${ZH_SHARE * 100}%, ${100 - ZH_SHARE * 100}%]\n` },
    );
    const figures = path.join(root, "2021-03", "floats", "figures");
    await mkdir(figures);
    await writeFile(path.join(figures, "tall-1.svg"), tallDrawing("甲一上", "甲一下"));
    await writeFile(path.join(figures, "tall-1-en.svg"), tallDrawing("Aone top", "Aone foot"));
    await writeFile(path.join(figures, "tall-2.svg"), tallDrawing("甲二上", "甲二下"));
    await writeFile(path.join(figures, "tall-2-en.svg"), tallDrawing("Atwo top", "Atwo foot"));
    const out = await mkdtemp(path.join(os.tmpdir(), "paiban-floats-"));
    const [issue] = await build(await loadSources(root), {
      outDir: out,
      strict: true,
      press: {},
      editions: { issue: false, parallel: ["facing", "columns"] },
      report: (line) => reports.push(line),
    });
    for (const layout of ["facing", "columns"] as const)
      pdfs[layout] = await readPdf(issue?.parallel.find((p) => p.layout === layout)?.file ?? "");
  }, 600_000);

  for (const layout of ["facing", "columns"] as const) {
    const starts = (lang: Lang) =>
      UNITS.map((unit) => {
        const [start] = findAll(pdfs[layout], layout, lang, unit[lang], { body: true });
        expect(start, `${layout}: {#${unit.id}} in ${lang}`).toBeDefined();
        return start as Place;
      });

    it(`${layout}: starts every unit level`, () => {
      const zh = starts("zh");
      const en = starts("en");
      UNITS.forEach((unit, i) => {
        const a = zh[i] as Place;
        const b = en[i] as Place;
        expect(b.page, `{#${unit.id}}: the English on the page ${layout === "facing" ? "opposite" : "of"} the Chinese`).toBe(
          layout === "facing" ? a.page + 1 : a.page,
        );
        expect(Math.abs(a.top - b.top), `{#${unit.id}} at the same height`).toBeLessThanOrEqual(LEVEL);
      });
    });

    it(`${layout}: keeps every part of a figure or table between its unit's start and the next unit's`, () => {
      for (const lang of ["zh", "en"] as const) {
        const unitStarts = starts(lang);
        for (const float of FLOATS) {
          const i = UNITS.findIndex((u) => u.id === float.unit);
          const from = unitStarts[i] as Place;
          const to = unitStarts[i + 1] as Place;
          for (const mark of float[lang]) {
            const places = findAll(pdfs[layout], layout, lang, mark);
            expect(places.length, `${layout} ${lang}: "${mark}" printed`).toBeGreaterThan(0);
            for (const place of places) {
              expect(precedes(from, place), `${layout} ${lang}: "${mark}" (page ${place.page}) after {#${float.unit}}`).toBe(true);
              expect(precedes(place, to), `${layout} ${lang}: "${mark}" (page ${place.page}) before the next unit`).toBe(true);
            }
          }
        }
      }
    });

    it(`${layout}: breaks the long table over pages and sets each figure whole`, () => {
      for (const lang of ["zh", "en"] as const) {
        const [continued] = FLOATS[1]?.[lang].slice(1, 2) ?? [];
        expect(findAll(pdfs[layout], layout, lang, continued ?? "").length, `${layout} ${lang}: ${continued}`).toBeGreaterThan(0);
        for (const float of [FLOATS[0], FLOATS[2]]) {
          // A figure's top, foot and caption on one page, in that order.
          const [top, foot, caption] = (float?.[lang] ?? []).map((mark) => findAll(pdfs[layout], layout, lang, mark)[0] as Place);
          expect(top?.page, `${layout} ${lang}: ${float?.[lang][0]}`).toBe(caption?.page);
          expect(foot?.page).toBe(caption?.page);
          expect((top?.top ?? 0) < (foot?.top ?? 0) && (foot?.top ?? 0) < (caption?.top ?? 0)).toBe(true);
        }
      }
    });
  }

  it("columns: sets the Chinese in 40% of the text block and the English in the rest, as issue.yaml asks", () => {
    const body = (r: TextRun) => r.top > AREA.top + 12 && r.top < AREA.bottom && r.size > NOTE_SIZE + 0.5;
    let zhRight = Number.NEGATIVE_INFINITY;
    let enRight = Number.NEGATIVE_INFINITY;
    for (const page of pdfs.columns.pages.slice(1)) {
      const { split, right } = columnsOf(page, ZH_SHARE);
      for (const run of page.runs.filter(body)) {
        // No line crosses from one column into the other.
        if (run.x < split) {
          expect(run.right, `page ${page.number}: "${run.text}"`).toBeLessThanOrEqual(split - COLUMN_GAP / 2 + 1);
          zhRight = Math.max(zhRight, run.right - split);
        } else {
          expect(run.x, `page ${page.number}: "${run.text}"`).toBeGreaterThanOrEqual(split + COLUMN_GAP / 2 - 1);
          enRight = Math.max(enRight, run.right - right);
        }
      }
    }
    // Each column's longest lines reach its edge: the Chinese one's half the gap short of where the columns meet.
    expect(zhRight).toBeGreaterThan(-COLUMN_GAP / 2 - 3);
    expect(enRight).toBeGreaterThan(-3);
    expect(reports.find((r) => r.includes(".parallel-columns.pdf"))).toContain("columns 40% + 60%");
  });
});
