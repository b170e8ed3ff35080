import { mkdtemp, readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { PDFArray, PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { build, type BuiltIssue } from "../../src/typeset/index.ts";
import { main } from "../../src/cli/main.ts";
import { loadSources } from "../../src/content/load.ts";
import { AREA, mm } from "../support/build.ts";
import { lineStarting } from "../support/content.ts";
import { writeIssue, type GeneratedArticle } from "../support/issue.ts";
import { printedFolio } from "../support/folio.ts";
import { readPdf, type PdfFile, type PdfPage } from "../support/pdf.ts";

const SEED = {
  id: "xu-tao-sco-security",
  titleZh: "中国新安全观与上合组织二十年安全实践",
  titleEn: "China’s New Security Concept and the SCO’s Security Practice in the Past 20 Years",
};
const GENERATED: GeneratedArticle[] = [
  {
    id: "li-si-regional",
    paragraphs: 40,
    titleZh: "地区合作机制的制度建设研究",
    titleEn: "Institution Building of Regional Cooperation Mechanisms",
    author: { zh: "李四", en: "Li Si" },
    // Wrong twice: it starts on page 14 (the seed has 13 pages), a left-hand page, not on 15, a
    // right-hand one, and it is not 99 pages long. The build must say so, and set it where it belongs.
    articleNumber: "1006-6241(2021)03-0015-99",
  },
  {
    id: "wang-xiaowu-governance",
    paragraphs: 22,
    titleZh: "安全治理的地区实践",
    titleEn: "Regional Practice of Security Governance",
    author: { zh: "王小五", en: "Wang Xiaowu" },
  },
];
const ARTICLES = [SEED, ...GENERATED];

let root: string;
let built: BuiltIssue;
let issue: PdfFile;
let reports: string[];
const offprints = new Map<string, PdfFile>();

beforeAll(async () => {
  root = await writeIssue(GENERATED);
  const out = await mkdtemp(path.join(os.tmpdir(), "paiban-issue-out-"));
  reports = [];
  const [result] = await build(await loadSources(root), {
    outDir: out,
    strict: false,
    press: {},
    editions: { issue: true, parallel: [] },
    report: (line) => reports.push(line),
  });
  if (!result?.file) throw new Error("no issue PDF was built");
  built = result;
  issue = await readPdf(result.file);
  for (const a of result.articles) offprints.set(a.id, await readPdf(a.file));
}, 300_000);

const squash = (s: string) => s.replace(/\s+/g, "");
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Index (0-based) of the page that opens an article: its title, set large. */
function openingPage(pdf: PdfFile, titleZh: string): number {
  return pdf.pages.findIndex((p) => p.lines.some((l) => l.size >= 18 && squash(l.text) === titleZh));
}

async function pdfjs(bytes: Uint8Array) {
  return getDocument({ data: bytes.slice(), useSystemFonts: false }).promise;
}

describe("an issue of three articles", () => {
  it("starts each article on the page after the last one's, with folios continuing across the seam", async () => {
    const labels = ((await (await pdfjs(issue.bytes)).getPageLabels()) ?? []) as string[];
    let expected = 1;
    for (const article of ARTICLES) {
      const index = openingPage(issue, article.titleZh);
      expect(index, article.id).toBeGreaterThan(0);
      expect(labels[index]).toBe(String(expected));
      expect(printedFolio(issue.pages[index] as PdfPage)).toBe(expected);
      const offprint = offprints.get(article.id) as PdfFile;
      // Every page of the article carries its folio in the issue, the next one included.
      for (let i = 0; i < offprint.pages.length; i++) {
        expect(printedFolio(issue.pages[index + i] as PdfPage), `${article.id} page ${i + 1}`).toBe(expected + i);
      }
      expected += offprint.pages.length;
    }
    // The ABSTRACTS page follows the last article's last page.
    expect(printedFolio(issue.pages.at(-1) as PdfPage)).toBe(expected);
    expect(labels.at(-1)).toBe(String(expected));
  });

  it("begins with an unnumbered contents page listing each article's title, authors and true first page", async () => {
    const contents = issue.pages[0] as PdfPage;
    expect(printedFolio(contents)).toBeUndefined();
    const labels = ((await (await pdfjs(issue.bytes)).getPageLabels()) ?? []) as string[];
    expect(labels[0]).toBe("i");
    const text = contents.lines.map((l) => squash(l.text));
    expect(text).toContain("目次");
    for (const [n, article] of ARTICLES.entries()) {
      const first = built.articles[n]?.firstPage as number;
      expect(first).toBe(Number(labels[openingPage(issue, article.titleZh)]));
      const line = text.find((l) => l.startsWith(article.titleZh));
      expect(line, article.id).toMatch(new RegExp(`（${first}）$`));
    }
  });

  it("adds a blank page after the contents, so that the first article opens on the side its folio gives it", async () => {
    const labels = ((await (await pdfjs(issue.bytes)).getPageLabels()) ?? []) as string[];
    const first = openingPage(issue, SEED.titleZh);
    const contents = issue.pages.slice(0, first).filter((p) => p.runs.length > 0);
    expect(squash(contents[0]?.lines.map((l) => l.text).join("") ?? "")).toContain("目次");
    // Page 1 of the PDF is a right-hand page: an odd folio opens on a PDF page of odd number.
    const side = (built.articles[0]?.firstPage as number) % 2;
    const blanks = (contents.length + 1 + side) % 2;
    expect(first).toBe(contents.length + blanks);
    // The contents of this issue take one page: the page after it is left blank, as front matter (ii).
    expect(blanks).toBe(1);
    for (const page of issue.pages.slice(contents.length, first)) {
      expect(page.runs, `page ${page.number}`).toEqual([]);
      expect(page.images).toEqual([]);
    }
    expect(labels.slice(0, first)).toEqual(["i", "ii"]);
  });

  it("passes the preflight: the contents, every article at its true pages and the ABSTRACTS page", () => {
    expect(reports.filter((r) => r.startsWith("preflight:"))).toEqual([]);
    // The build was not strict (a declared 文章编号 is wrong on purpose): it got as far as writing the issue.
    expect(reports.some((r) => /^wrote .*2021-03\.pdf: the issue/.test(r))).toBe(true);
  });

  it("ends with the ABSTRACTS page: each article's start page, English title, by-line and abstract", () => {
    const page = squash((issue.pages.at(-1) as PdfPage).lines.map((l) => l.text).join(""));
    expect(page.startsWith("ABSTRACTS")).toBe(true);
    let last = -1;
    for (const [n, article] of ARTICLES.entries()) {
      const first = built.articles[n]?.firstPage as number;
      const at = page.indexOf(`${pad(first, 2)}${squash(article.titleEn)},by`);
      expect(at, article.id).toBeGreaterThan(last);
      last = at;
    }
    expect(page).toContain(
      squash("by Li Si, Professor at the School of International Relations of a university (article 2). The abstract of article 2."),
    );
  });

  it("links each contents and ABSTRACTS entry to its article's first page", async () => {
    const doc = await pdfjs(issue.bytes);
    for (const pageNumber of [1, doc.numPages]) {
      const links = (await (await doc.getPage(pageNumber)).getAnnotations()).filter((a) => a.subtype === "Link" && Array.isArray(a.dest));
      const targets = await Promise.all(links.map((l) => doc.getPageIndex(l.dest[0])));
      expect(targets).toEqual(ARTICLES.map((a) => openingPage(issue, a.titleZh)));
    }
  });

  it("has one bookmark per article with its sections below, between the contents and the ABSTRACTS", async () => {
    const outline = (await (await pdfjs(issue.bytes)).getOutline()) ?? [];
    expect(outline.map((o) => o.title)).toEqual(["目次", ...ARTICLES.map((a) => a.titleZh), "ABSTRACTS"]);
    const li = outline[2];
    expect(li?.items.map((i) => i.title)).toEqual(["一、问题的提出", "二、分析与讨论", GENERATED[0]?.titleEn]);
    expect(li?.items[2]?.items.map((i: { title: string }) => i.title)).toEqual(["I. The Question"]);
  });

  it("is one tagged document: the structure of every part under one root", async () => {
    const pdf = await PDFDocument.load(issue.bytes, { updateMetadata: false });
    const root = pdf.catalog.lookup(PDFName.of("StructTreeRoot"), PDFDict);
    expect(root.lookup(PDFName.of("K"), PDFArray).size()).toBe(ARTICLES.length + 2);
    const doc = await pdfjs(issue.bytes);
    const opening = openingPage(issue, GENERATED[0]?.titleZh ?? "");
    const tree = await (await doc.getPage(opening + 1)).getStructTree();
    expect(JSON.stringify(tree)).toContain('"role":"H1"');
  });

  it("writes each article's offprint numbered as in the issue, with page labels to match", async () => {
    for (const [n, article] of ARTICLES.entries()) {
      const offprint = offprints.get(article.id) as PdfFile;
      const first = built.articles[n]?.firstPage as number;
      const labels = ((await (await pdfjs(offprint.bytes)).getPageLabels()) ?? []) as string[];
      expect(labels).toEqual(offprint.pages.map((_, i) => String(first + i)));
      expect(offprint.pages.map(printedFolio)).toEqual(offprint.pages.map((_, i) => first + i));
    }
  });

  it("prints each article's 文章编号 from its real first page and page count", () => {
    for (const article of ARTICLES) {
      const offprint = offprints.get(article.id) as PdfFile;
      const first = Number(printedFolio(offprint.pages[0] as PdfPage));
      const expected = `1006-6241(2021)03-${pad(first, 4)}-${pad(offprint.pages.length, 2)}`;
      const opening = squash((offprint.pages[0] as PdfPage).lines.map((l) => l.text).join(""));
      expect(opening, article.id).toContain(`【文章编号】${expected}`);
    }
  });

  it("reports a declared 文章编号 the pages disagree with, at its line, with the right one", async () => {
    const file = path.join(root, "2021-03", "li-si-regional", "zh.md");
    const line = await lineStarting(file, "articleNumber:");
    const right = built.articles[1]?.articleNumber as string;
    expect(right).toMatch(/^1006-6241\(2021\)03-0014-\d\d$/);
    const warning = reports.find((r) => r.startsWith(`${file}:${line}:`));
    expect(warning).toContain("warning: articleNumber: declares 1006-6241(2021)03-0015-99");
    expect(warning).toContain(`its 文章编号 is ${right}`);
    // The seed declares the right one: nothing is said of it.
    expect(reports.filter((r) => r.includes("declares"))).toHaveLength(1);
  });

  it("sets an article that begins on an even folio on a left-hand page, its margins mirrored", () => {
    const li = offprints.get("li-si-regional") as PdfFile;
    const left = (page: PdfPage) =>
      Math.min(...page.lines.filter((l) => l.size > 10 && l.top > AREA.top + 40 && l.top < AREA.bottom - 60).map((l) => l.x));
    // Folio 14 is a verso: the outer margin (17.83 mm) is on the left; folio 15 a recto, the inner (19 mm).
    expect(left(li.pages[0] as PdfPage)).toBeCloseTo(mm(17.83), 0);
    expect(left(li.pages[1] as PdfPage)).toBeCloseTo(mm(19), 0);
  });
});

describe("a declared 文章编号 the pages disagree with, in strict mode", () => {
  it("fails the build and writes nothing", async () => {
    const dir = await writeIssue(
      [
        {
          id: "zhao-liu-short",
          paragraphs: 6,
          titleZh: "短文",
          titleEn: "A Short Article",
          author: { zh: "赵六", en: "Zhao Liu" },
          articleNumber: "1006-6241(2021)03-0001-05",
        },
      ],
      { withSeed: false },
    );
    const out = await mkdtemp(path.join(os.tmpdir(), "paiban-issue-strict-"));
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    let code: number;
    try {
      code = await main(["build", dir, "--out", out, "--strict", "--no-cache"]);
    } finally {
      process.stderr.write = write;
    }
    expect(code).toBe(1);
    expect(await readdir(out)).toEqual([]);
    const zh = path.join(dir, "2021-03", "zhao-liu-short", "zh.md");
    expect(stderr.join("")).toContain(
      `${zh}:${await lineStarting(zh, "articleNumber:")}: error: articleNumber: declares 1006-6241(2021)03-0001-05`,
    );
    expect(await readFile(path.join(dir, "2021-03", "issue.yaml"), "utf8")).toContain("zhao-liu-short");
  }, 120_000);
});
