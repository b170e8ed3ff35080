import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSources } from "../../src/content/load.ts";
import { build } from "../../src/typeset/index.ts";
import { AREA } from "../support/build.ts";
import { type GeneratedArticle, writeIssue } from "../support/issue.ts";
import { type PdfFile, type PdfPage, readPdf } from "../support/pdf.ts";

// English titles too long for one running head: one with a subtitle, one without, and one
// whose front matter gives the head.
const LONG =
  "Institution Building and Security Governance in the Regional Cooperation Mechanisms of Central Asia and Its Neighbouring Regions";
const ARTICLES: (GeneratedArticle & { head: string })[] = [
  {
    id: "with-subtitle",
    paragraphs: 60,
    titleZh: "地区合作的制度建设",
    titleEn:
      "Institution Building in Regional Cooperation: A Comparative Study of the Security Mechanisms of Central Asia over Three Decades",
    author: { zh: "李四", en: "Li Si" },
    head: "Institution Building in Regional Cooperation",
  },
  {
    id: "without-subtitle",
    paragraphs: 60,
    titleZh: "安全治理的地区实践",
    titleEn: LONG,
    author: { zh: "王五", en: "Wang Wu" },
    head: "",
  },
  {
    id: "head-given",
    paragraphs: 60,
    titleZh: "地区安全治理",
    titleEn: LONG,
    author: { zh: "赵六", en: "Zhao Liu" },
    runningHead: { en: "Security Governance in Central Asia" },
    head: "Security Governance in Central Asia",
  },
];

const offprints = new Map<string, PdfFile>();
const reports: string[] = [];

beforeAll(async () => {
  const root = await writeIssue(ARTICLES, { withSeed: false });
  const out = await mkdtemp(path.join(os.tmpdir(), "paiban-heads-out-"));
  const [issue] = await build(await loadSources(root), {
    outDir: out,
    strict: false,
    press: {},
    editions: { issue: true, parallel: [] },
    report: (line) => reports.push(line),
  });
  for (const a of issue?.articles ?? []) offprints.set(a.id, await readPdf(a.file));
}, 400_000);

/** The lines printed above the text block (the running head and the folio). */
const headLines = (page: PdfPage) => page.lines.filter((l) => l.top < AREA.top && l.text.trim() !== "");
/** The English part's pages that carry its title as their head: the right-hand pages after its title. */
const englishHeads = (pdf: PdfFile) => pdf.pages.filter((p) => headLines(p).some((l) => /^[A-Z][a-z]/.test(l.text.trim())));

describe("running heads", () => {
  it("are one line on every page", () => {
    for (const [id, pdf] of offprints) {
      for (const page of pdf.pages) expect(headLines(page).length, `${id} page ${page.number}`).toBeLessThanOrEqual(1);
    }
  });

  it("print the main title when the whole title is too long, the head the front matter gives, else the title cut at a word", () => {
    for (const article of ARTICLES) {
      const pages = englishHeads(offprints.get(article.id) as PdfFile);
      expect(pages.length, article.id).toBeGreaterThan(0);
      for (const page of pages) {
        const head = (headLines(page)[0]?.text ?? "").replace(/\s*\d+$/, "").trim();
        if (article.head) expect(head, article.id).toBe(article.head);
        else {
          expect(head).toMatch(/…$/);
          expect(LONG.startsWith(head.slice(0, -1))).toBe(true);
          expect(LONG.charAt(head.length - 1)).toBe(" ");
        }
      }
    }
  });

  it("report a head cut with an ellipsis, once, and only that one", () => {
    const cut = reports.filter((line) => line.includes("running-head-cut"));
    expect(cut.length).toBe(1);
    expect(cut[0]).toMatch(/runningHead: \{ en: … \}/);
    expect(reports.some((line) => line.includes("without-subtitle") || line.includes("安全治理的地区实践"))).toBe(true);
  });
});
