import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSources } from "../../src/content/load.ts";
import { build } from "../../src/typeset/index.ts";
import { AREA, NOTE_SIZE } from "../support/build.ts";
import { writeIssue } from "../support/issue.ts";
import { type GeneratedPair, generatePair, type PairUnit } from "../support/parallel-pair.ts";
import { columnLines } from "../support/columns.ts";
import { type PdfFile, type PdfPage, readPdf, type TextRun } from "../support/pdf.ts";

type Lang = "zh" | "en";
type Layout = "facing" | "columns";

/** Level: the two first lines' baselines within this many points (the fonts set their glyphs a little differently in a line). */
const LEVEL = 3;
/** The layouts of a side the levelling may take, whatever the number of units. */
const MOST_LAYOUTS = 4;
/** The columns edition's widths: equal (parallel-floats.test.ts tests others). */
const ZH_SHARE = 0.5;

const squash = (s: string) => s.replace(/\s+/g, "");

interface Start {
  page: number;
  top: number;
}

/** Body lines of a page (inside the text area, not notes): of one column (its runs joined), or of the whole page. */
function bodyLines(page: PdfPage, column?: "left" | "right"): TextRun[] {
  const lines = column ? columnLines(page, column === "left" ? "zh" : "en", ZH_SHARE) : page.lines;
  return lines.filter((l) => l.top > AREA.top && l.top < AREA.bottom && Math.abs(l.size - NOTE_SIZE) > 0.1);
}

/** Where the line that starts with `text` is printed. Every unit of a generated pair opens with words no other line has. */
function findStart(pdf: PdfFile, text: string, column?: "left" | "right"): Start | undefined {
  const wanted = squash(text);
  for (const page of pdf.pages) {
    // Lines join runs left to right across the page: in columns, a line of each column.
    const line = bodyLines(page, column).find((l) => squash(l.text).startsWith(wanted));
    if (line) return { page: page.number, top: line.top };
  }
  return undefined;
}

describe("a generated translation pair of 34 units", () => {
  let pair: GeneratedPair;
  const pdfs = {} as Record<Layout, PdfFile>;
  let reports: string[];
  beforeAll(async () => {
    // English 0.7–2× the Chinese per unit, two units longer than a spread, notes on one
    // side or both, headings at levels 2–5, a passage each language lacks.
    pair = generatePair({ units: 32, seed: 7 });
    const root = await writeIssue(
      [
        {
          id: "pair",
          paragraphs: 0,
          titleZh: "生成的对照文本",
          titleEn: "A Generated Pair",
          author: { zh: "钱七", en: "Qian Qi" },
          bodies: { zh: pair.zh, en: pair.en },
        },
      ],
      { withSeed: false },
    );
    const out = await mkdtemp(path.join(os.tmpdir(), "paiban-pair-"));
    reports = [];
    const [issue] = await build(await loadSources(root), {
      outDir: out,
      strict: true,
      press: {},
      editions: { issue: false, parallel: ["facing", "columns"] },
      report: (line) => reports.push(line),
    });
    for (const layout of ["facing", "columns"] as const) {
      pdfs[layout] = await readPdf(issue?.parallel.find((p) => p.layout === layout)?.file ?? "");
    }
  }, 900_000);

  const both = () => pair.units.filter((u) => u.start.zh && u.start.en);
  const startOf = (layout: Layout, unit: PairUnit, lang: Lang) => {
    const text = unit.start[lang];
    return text ? findStart(pdfs[layout], text, layout === "columns" ? (lang === "zh" ? "left" : "right") : undefined) : undefined;
  };

  it("is the pair the tests ask for", () => {
    expect(both().length).toBeGreaterThanOrEqual(30);
    const ratios = both().map((u) => u.ratio);
    expect(Math.min(...ratios)).toBeLessThan(1);
    expect(Math.max(...ratios)).toBeGreaterThan(1.5);
    expect(new Set(pair.units.map((u) => u.level))).toEqual(new Set([0, 2, 3, 4, 5]));
    expect(both().some((u) => u.notes.zh > 0 && u.notes.en === 0)).toBe(true);
    expect(both().some((u) => u.notes.en > 0 && u.notes.zh === 0)).toBe(true);
    expect(pair.units.some((u) => u.start.zh && !u.start.en)).toBe(true);
    expect(pair.units.some((u) => u.start.en && !u.start.zh)).toBe(true);
  });

  for (const layout of ["facing", "columns"] as const) {
    it(`${layout}: starts every unit both languages have level, on the same ${layout === "facing" ? "spread" : "page"}`, () => {
      for (const unit of both()) {
        const zh = startOf(layout, unit, "zh");
        const en = startOf(layout, unit, "en");
        expect(zh, `${layout} {#${unit.id}} in Chinese`).toBeDefined();
        expect(en, `${layout} {#${unit.id}} in English`).toBeDefined();
        if (!zh || !en) continue;
        if (layout === "facing") {
          // After the title page: the Chinese on the even (left-hand) pages, the English opposite.
          expect(zh.page % 2, `{#${unit.id}} on a left-hand page`).toBe(0);
          expect(en.page, `{#${unit.id}} on the same spread`).toBe(zh.page + 1);
        } else expect(en.page, `{#${unit.id}} on the same page`).toBe(zh.page);
        expect(Math.abs(zh.top - en.top), `{#${unit.id}} at the same height`).toBeLessThanOrEqual(LEVEL);
      }
    });

    it(`${layout}: sets a passage one language lacks with nothing beside it`, () => {
      // Facing: a spread is a left-hand page and the right-hand one after it.
      const spread = (page: number) => (layout === "facing" ? Math.floor(page / 2) : page);
      for (const [i, unit] of pair.units.entries()) {
        const lang: Lang | undefined = unit.start.zh && !unit.start.en ? "zh" : unit.start.en && !unit.start.zh ? "en" : undefined;
        if (!lang) continue;
        const start = startOf(layout, unit, lang);
        expect(start, `{#${unit.id}}`).toBeDefined();
        if (!start) continue;
        // The other side beside it: no body text from its start down to where the next unit starts.
        const next = pair.units[i + 1];
        const end = next ? (startOf(layout, next, "zh") ?? startOf(layout, next, "en")) : undefined;
        const other = lang === "zh" ? "en" : "zh";
        const page = pdfs[layout].pages[layout === "facing" ? start.page + (lang === "zh" ? 1 : -1) - 1 : start.page - 1] as PdfPage;
        const bottom = end && spread(end.page) === spread(start.page) ? end.top : AREA.bottom;
        const beside = bodyLines(page, layout === "columns" ? (other === "zh" ? "left" : "right") : undefined).filter(
          // What a reader would see: a run of spaces in the text layer prints nothing.
          (l) => l.top > start.top - 2 && l.top < bottom - 2 && l.text.trim() !== "",
        );
        expect(
          beside.map((l) => l.text),
          `beside {#${unit.id}}`,
        ).toEqual([]);
      }
    });

    it(`${layout}: sets units longer than a ${layout === "facing" ? "spread" : "page"}, the other side waiting with blank pages`, () => {
      const spans = both().map((unit, i) => {
        const next = both()[i + 1];
        const from = startOf(layout, unit, "zh");
        const to = next ? startOf(layout, next, "zh") : undefined;
        return from && to ? to.page - from.page : 0;
      });
      expect(Math.max(...spans)).toBeGreaterThanOrEqual(layout === "facing" ? 6 : 3);
    });

    it(`${layout}: levels in at most ${MOST_LAYOUTS} layouts of each side, and says how`, () => {
      const line = reports.find((r) => r.includes(`.parallel-${layout}.pdf`));
      const counted =
        /(\d+) units level \((\d+) by white space, (\d+) by a new spread\), (\d+) set alone, largest gap left ([\d.]+) pt, (\d+) \+ (\d+) layouts/.exec(
          line ?? "",
        );
      expect(counted, line).not.toBeNull();
      const [, units, byWhiteSpace, byNewSpread, alone, gap, zh, en] = (counted ?? []).map(Number);
      expect(units).toBe(both().length);
      expect((byWhiteSpace ?? 0) + (byNewSpread ?? 0)).toBe(units);
      expect(alone).toBe(pair.units.length - both().length);
      expect(gap).toBeLessThanOrEqual(LEVEL);
      expect(zh).toBeLessThanOrEqual(MOST_LAYOUTS);
      expect(en).toBeLessThanOrEqual(MOST_LAYOUTS);
    });
  }

  it("facing: sets each language's notes at the foot of its own pages", () => {
    const notes = pdfs.facing.pages.flatMap((page) =>
      page.lines
        .filter((l) => Math.abs(l.size - NOTE_SIZE) < 0.3 && l.top > AREA.top && /^\[\d+\]/.test(l.text.trim()))
        .map((l) => ({ page: page.number, zh: /[\u4e00-\u9fff]/.test(l.text) })),
    );
    expect(notes.filter((n) => n.zh).length).toBeGreaterThan(0);
    expect(notes.filter((n) => !n.zh).length).toBeGreaterThan(0);
    for (const note of notes) expect(note.page % 2, `a ${note.zh ? "Chinese" : "English"} note on page ${note.page}`).toBe(note.zh ? 0 : 1);
  });
});
