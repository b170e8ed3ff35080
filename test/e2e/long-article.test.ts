import { mkdtemp, readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { AREA, buildInto } from "../support/build.ts";
import { printedFolio } from "../support/folio.ts";
import { writeIssue } from "../support/issue.ts";
import { callsOn, expectNotesBesideTheirCalls, notesOn } from "../support/notes.ts";
import { openPdf, readPdf, type PdfFile, type PdfPage } from "../support/pdf.ts";

// An article long in both languages, after the seed in its issue: its Chinese part and its
// English part are laid out side by side, each in a window of its own, and put together.
// What a reader sees must be one article: folios running on, the English part from the page
// after the Chinese part's last, with its running heads, every note on its call's page, one
// outline. Every sentence is numbered, so none repeats.
const ID = "zhao-liu-long";
const TITLE = { zh: "地区合作机制的长篇研究", en: "A Long Study of Regional Cooperation Mechanisms" };
const ZH_PARAGRAPHS = 120;
const EN_PARAGRAPHS = 100;

function chineseBody(): string {
  const lines: string[] = [];
  for (let p = 1; p <= ZH_PARAGRAPHS; p++) {
    if (p % 30 === 1) lines.push(`## 第${Math.ceil(p / 30)}节`, "");
    const sentences = Array.from({ length: 3 }, (_, s) => `第${p}段第${s + 1}句讨论地区合作机制在第${p * 10 + s}个方面的实践与经验`);
    lines.push(`${sentences.join("，")}。[^${p}]`, "", `[^${p}]: 注${p}：参见某某著作，第${p}页。`, "");
  }
  return lines.join("\n");
}

function englishBody(): string {
  const lines: string[] = [];
  for (let p = 1; p <= EN_PARAGRAPHS; p++) {
    if (p % 25 === 1) lines.push(`## Section ${Math.ceil(p / 25)}`, "");
    lines.push(
      `Paragraph ${p} considers aspect ${p * 10} of regional cooperation and what its institutions have taught the members about trust, consensus and the limits of agreement in the years since they met.[^${p}]`,
      "",
      `[^${p}]: Note ${p}: see the work cited, page ${p}.`,
      "",
    );
  }
  return lines.join("\n");
}

let pdf: PdfFile;
let kept: string[];

beforeAll(async () => {
  const root = await writeIssue([
    {
      id: ID,
      paragraphs: 0,
      titleZh: TITLE.zh,
      titleEn: TITLE.en,
      author: { zh: "赵六", en: "Zhao Liu" },
      bodies: { zh: chineseBody(), en: englishBody() },
    },
  ]);
  const htmlDir = await mkdtemp(path.join(os.tmpdir(), "paiban-long-html-"));
  const out = await buildInto(root, "--edition", "issue", "--keep-html", htmlDir);
  pdf = await readPdf(path.join(out, "2021-03", `${ID}.pdf`));
  kept = await Promise.all(
    (await readdir(htmlDir)).filter((file) => file.startsWith(ID)).map((file) => readFile(path.join(htmlDir, file), "utf8")),
  );
}, 240_000);

const squash = (text: string) => text.replace(/\s+/g, "");
const englishOpening = () =>
  pdf.pages.findIndex((page) => page.lines.some((line) => line.size >= 15 && squash(line.text) === squash(TITLE.en)));

describe("an article long in both languages", () => {
  it("is laid out in two parts, the English one going on from the Chinese one's pages", () => {
    expect(kept).toHaveLength(2);
    expect(kept.filter((html) => /<html[^>]* data-continues="\d+"/.test(html))).toHaveLength(1);
  });

  it("runs its folios on from its first page to its last, the English part included", () => {
    const first = printedFolio(pdf.pages[0] as PdfPage);
    // After the seed's 13 pages.
    expect(first).toBe(14);
    expect(pdf.pages.map(printedFolio)).toEqual(pdf.pages.map((_, i) => 14 + i));
  });

  it("starts the English part on the page after the Chinese part's last, a page like the others: running head, folio at the head", () => {
    const opening = englishOpening();
    expect(opening).toBeGreaterThan(1);
    const before = pdf.pages[opening - 1] as PdfPage;
    // The Chinese part's last paragraph and closing line.
    expect(squash(before.text)).toContain(`第${ZH_PARAGRAPHS}段第3句`);
    expect(squash(before.text)).toContain("（责任编辑：");
    const page = pdf.pages[opening] as PdfPage;
    const head = page.lines.filter((line) => line.top < AREA.top);
    expect(head.map((line) => line.text).join(" ")).toMatch(/No\. 3, 2021|A Long Study/);
    expect(head.some((line) => line.text.includes(String(14 + opening)))).toBe(true);
    expect(page.lines.some((line) => line.top > AREA.bottom + 10 && /^\d+$/.test(line.text.trim()))).toBe(false);
  });

  it("prints every note on its call's page, numbered from 1 on each page, none lost", () => {
    expectNotesBesideTheirCalls(pdf, AREA.bottom);
    const printed = pdf.pages.flatMap((page) => notesOn(page, AREA.bottom));
    expect(printed).toHaveLength(ZH_PARAGRAPHS + EN_PARAGRAPHS);
    expect(pdf.pages.flatMap(callsOn)).toHaveLength(ZH_PARAGRAPHS + EN_PARAGRAPHS);
  });

  it("has one outline: the Chinese title and sections, then the English title and sections, each leading to its page", async () => {
    const doc = await openPdf(pdf.bytes);
    const outline = (await doc.getOutline()) ?? [];
    const titles = outline.flatMap((entry) => [entry.title, ...entry.items.map((item) => item.title)]);
    expect(titles).toEqual([TITLE.zh, "第1节", "第2节", "第3节", "第4节", TITLE.en, "Section 1", "Section 2", "Section 3", "Section 4"]);
    const english = outline.find((entry) => entry.title === TITLE.en);
    const dest = Array.isArray(english?.dest) ? english.dest : await doc.getDestination(String(english?.dest));
    const [ref] = dest ?? [];
    expect(await doc.getPageIndex(ref as { num: number; gen: number })).toBe(englishOpening());
    const labels = (await doc.getPageLabels()) ?? [];
    expect(labels).toEqual(pdf.pages.map((_, i) => String(14 + i)));
  });

  it("is tagged throughout: the English part's title a heading in the structure", async () => {
    const doc = await openPdf(pdf.bytes);
    const tree = await (await doc.getPage(englishOpening() + 1)).getStructTree();
    expect(JSON.stringify(tree)).toContain('"role":"H1"');
  });
});
