import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { AREA, buildInto, SAMPLE } from "../support/build.ts";
import { expectNotesBesideTheirCalls, notesOn, readNotesWhole } from "../support/notes.ts";
import { readPdf, type PdfFile } from "../support/pdf.ts";

// A generated article whose notes crowd the pages: long notes (up to ~1,200 characters)
// called near the foot of pages, short ones in clusters. Every sentence is numbered so no
// text repeats (Paged.js finds break offsets by searching the text).
const NOTE_COUNT = 40;
const sentence = (n: number, k: number) => `第${n}段第${k}句说明地区安全合作的第${n * 100 + k}个方面。`;
const noteText = (n: number) =>
  `${Array.from(
    { length: n % 7 === 0 ? 40 : n % 3 === 0 ? 12 : 2 },
    (_, k) => `注${n}之${k}：参见文献编号${n * 1000 + k}，第${k + 1}页`,
  ).join("；")}。`;

let pdf: PdfFile;
let notes: string[];

beforeAll(async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), "paiban-long-notes-"));
  await cp(SAMPLE, root, { recursive: true });
  const article = path.join(root, "2021-03", "xu-tao-sco-security", "zh.md");
  const source = await readFile(article, "utf8");
  // The sample's 文章编号 states its 13 pages; this article is longer, and gets its number from its pages.
  const frontMatter = source.slice(0, source.indexOf("\n---\n", 4) + 5).replace(/^articleNumber: .*\n/m, "");
  notes = Array.from({ length: NOTE_COUNT }, (_, i) => noteText(i + 1));
  const paragraphs = notes.map((_, i) => {
    const n = i + 1;
    const text = Array.from({ length: 3 + (n % 5) * 3 }, (_, k) => sentence(n, k)).join("");
    return `${text}[^${n}]\n\n[^${n}]: ${notes[i]}`;
  });
  await writeFile(article, `${frontMatter}\n${paragraphs.join("\n\n")}\n`);
  const out = await buildInto(path.join(root, "2021-03", "xu-tao-sco-security"), "--edition", "issue");
  pdf = await readPdf(path.join(out, "2021-03", "xu-tao-sco-security.pdf"));
}, 180_000);

describe("an article whose notes crowd the pages", () => {
  it("loses no note: all are printed, complete and in order, a long one going on at the next page's foot", () => {
    const pages = readNotesWhole(pdf, AREA.bottom, notes);
    // The longest notes (40 parts) are cut and go on on the next page.
    expect(pages.filter((on) => on.length > 1).length).toBeGreaterThan(0);
  });

  it("prints every note on the page of its call, numbered from 1 on each page", () => {
    expectNotesBesideTheirCalls(pdf, AREA.bottom);
  });

  it("keeps the notes inside the text area", () => {
    for (const page of pdf.pages) {
      for (const note of notesOn(page, Number.POSITIVE_INFINITY)) expect(note.top).toBeLessThanOrEqual(AREA.bottom + 1);
    }
  });
});
