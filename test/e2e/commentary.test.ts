import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSources } from "../../src/content/load.ts";
import { renderBody } from "../../src/markdown/index.ts";
import { AREA, buildInto, ROOT } from "../support/build.ts";
import { expectNotesSetOut, noteLinesOn } from "../support/notes.ts";
import { readPdf, type PdfFile, type PdfPage } from "../support/pdf.ts";

// A classical text with its commentary (test/fixtures/commentary): the received text quoted
// in traditional characters, commentary notes of a few hundred characters, and one (on 鲲
// and 鹏) longer than a page. Built with --strict: any preflight finding fails the build (a
// character no font has, a note off its call's page or taking more than two thirds of one,
// a heading at a page's foot, text lost, a unit of a parallel edition not level).

const ISSUE = path.join(ROOT, "test", "fixtures", "commentary", "2026-03");
const ARTICLE = "zhuangzi-xiaoyaoyou";

let out: string;
let pdf: PdfFile;
let notes: string[];

beforeAll(async () => {
  out = await buildInto(ISSUE, "--strict");
  pdf = await readPdf(path.join(out, "2026-03", `${ARTICLE}.pdf`));
  const sources = await loadSources(ISSUE);
  const article = sources.issues[0]?.articles.find((a) => a.meta.id === ARTICLE);
  if (!article) throw new Error(`no article ${ARTICLE} in ${ISSUE}`);
  notes = [
    ...renderBody(article.zh, { lang: "zh", fullWidthPunctuation: sources.journal.fullWidthPunctuation }).texts.notes,
    ...renderBody(article.en, { lang: "en", fullWidthPunctuation: false }).texts.notes,
  ];
}, 600_000);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

const squash = (text: string) => text.replace(/[\s\u2060]/g, "");
const textOf = (page: PdfPage) => squash(page.lines.map((line) => line.text).join(""));

describe("a classical text with long commentary notes", () => {
  // Strictly: every unit of the parallel editions level, though long notes on the Chinese
  // side take two thirds of page after page in a column.
  it("builds strictly: the issue, its offprint and both parallel editions", async () => {
    expect((await readdir(path.join(out, "2026-03"))).sort()).toEqual(
      [`${ARTICLE}.parallel-columns.pdf`, `${ARTICLE}.parallel-facing.pdf`, `${ARTICLE}.pdf`].sort(),
    );
    expect((await readPdf(path.join(out, "2026-03.pdf"))).pages.length).toBeGreaterThan(pdf.pages.length);
  });

  it("prints the received text in its traditional characters", () => {
    const text = pdf.pages.map(textOf).join("");
    expect(text).toContain("北冥有魚，其名為鯤。鯤之大，不知其幾千里也。");
    expect(text).toContain("《齊諧》者，志怪者也。");
  });

  it("starts the note longer than a page under its call and goes on at the foot of the next page, losing nothing", () => {
    const long = notes.findIndex((note) => note.startsWith("关于“鲲”“鹏”二字"));
    expect(long).toBeGreaterThanOrEqual(0);
    expect((notes[long] as string).length).toBeGreaterThan(2300);
    // Every note whole and in order, numbered afresh on each page beside its call, the body
    // keeping a third of every page, every line hanging under its note's text.
    const pages = expectNotesSetOut(pdf, notes);
    const [first, ...rest] = pages[long] as number[];
    expect(rest.length).toBeGreaterThanOrEqual(1);
    expect(rest).toEqual(rest.map((_, k) => (first as number) + k + 1));
    // On the pages after its call's, the note goes on at the top of the notes, with no number.
    for (const number of rest) {
      const top = noteLinesOn(pdf.pages[number - 1] as PdfPage, AREA.bottom)[0];
      expect(top?.text, `page ${number}`).not.toMatch(/^\s*\[\d+\]/);
    }
  });
});
