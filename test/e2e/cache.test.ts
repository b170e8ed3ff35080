import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { STYLES_DIR } from "../../src/config/paths.ts";
import { loadSources } from "../../src/content/load.ts";
import { build } from "../../src/typeset/index.ts";
import { AREA } from "../support/build.ts";
import { edit } from "../support/content.ts";
import { type GeneratedArticle, writeIssue } from "../support/issue.ts";
import { runCli } from "../support/output.ts";
import { printedFolio } from "../support/folio.ts";
import { type PdfPage, readPdf } from "../support/pdf.ts";

// Rebuilds of one issue (the sample article and a short one) with a layout cache, as the
// README promises them: nothing changed, nothing laid out (no browser at all); one article
// edited, that article laid out again; a style changed, everything laid out again.

// The browser's launches, counted; each still launches the real one.
const browser = vi.hoisted(() => ({ launches: 0 }));
vi.mock("../../src/render/browser.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/render/browser.ts")>();
  return {
    ...original,
    launchBrowser: (...args: Parameters<typeof original.launchBrowser>) => {
      browser.launches++;
      return original.launchBrowser(...args);
    },
  };
});

// The project's styles are not a test's to edit: the build reads a copy of them, made here.
vi.mock("../../src/config/paths.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/config/paths.ts")>();
  const { cpSync, mkdtempSync, readFileSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { pathToFileURL } = await import("node:url");
  const styles = join(mkdtempSync(join(tmpdir(), "paiban-styles-")), "styles");
  cpSync(original.STYLES_DIR, styles, { recursive: true });
  // The punctuation font is named from styles/ as ../node_modules/…: name it where it is.
  const fonts = join(styles, "punctuation-font.css");
  const modules = `${pathToFileURL(join(original.PROJECT_ROOT, "node_modules")).href}/`;
  writeFileSync(fonts, readFileSync(fonts, "utf8").replaceAll("../node_modules/", modules));
  return { ...original, STYLES_DIR: styles };
});

const EPOCH = "1618272000";
const savedEpoch = process.env.SOURCE_DATE_EPOCH;
const SHORT: GeneratedArticle = {
  id: "li-si-short",
  paragraphs: 8,
  titleZh: "地区合作的短论",
  titleEn: "A Short Note on Regional Cooperation",
  author: { zh: "李四", en: "Li Si" },
};

let content: string;
let cacheDir: string;
let out: string;
let ids: string[];
const files = () => ["2021-03.pdf", ...ids.map((id) => path.join("2021-03", `${id}.pdf`))];
const pdfs = () => Promise.all(files().map((f) => readFile(path.join(out, f))));

/** `paiban build` of the issue with the cache, strict: what it printed, and how often it launched the browser. */
async function cliBuild(): Promise<{ laidOut: string[]; printed: string; launches: number }> {
  browser.launches = 0;
  const { code, stderr: printed } = await runCli([
    "build",
    content,
    "--out",
    out,
    "--cache-dir",
    cacheDir,
    "--edition",
    "issue",
    "--strict",
  ]);
  expect(code, printed).toBe(0);
  expect(printed).not.toMatch(/preflight: /);
  const laidOut = [...printed.matchAll(/^paiban: laying out (.+)$/gm)].map((m) => m[1] as string);
  return { laidOut, printed, launches: browser.launches };
}

let cold: Awaited<ReturnType<typeof cliBuild>>;
let coldPdfs: Buffer[];

beforeAll(async () => {
  process.env.SOURCE_DATE_EPOCH = EPOCH;
  content = await writeIssue([SHORT]);
  ids = (await loadSources(content)).issues[0]?.articles.map((a) => a.meta.id) ?? [];
  cacheDir = await mkdtemp(path.join(os.tmpdir(), "paiban-cache-"));
  out = await mkdtemp(path.join(os.tmpdir(), "paiban-cache-out-"));
  cold = await cliBuild();
  coldPdfs = await pdfs();
}, 600_000);

afterAll(() => {
  if (savedEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = savedEpoch;
});

describe("a cold build with a cache", () => {
  it("lays out every article, the contents and the ABSTRACTS page, in one browser", () => {
    expect([...cold.laidOut].sort()).toEqual([...ids, "the abstracts page", "the contents page"].sort());
    expect(cold.launches).toBe(1);
  });
});

describe("paiban build with nothing changed", () => {
  it("says the issue is up to date, never launches the browser, and writes nothing anew", async () => {
    const again = await cliBuild();
    expect(again.printed).toMatch(/2021-03: up to date \(nothing changed since the last build\)/);
    expect(again.laidOut).toEqual([]);
    expect(again.printed).not.toMatch(/wrote /);
    expect(again.launches).toBe(0);
    expect(await pdfs()).toEqual(coldPdfs);
  }, 300_000);
});

describe("paiban build with the sources unchanged and a PDF gone", () => {
  it("writes it again from the cache without launching the browser, byte for byte", async () => {
    const gone = path.join(out, files()[1] as string);
    await rm(gone);
    const again = await cliBuild();
    expect(again.laidOut).toEqual([]);
    expect(again.printed).toMatch(/wrote /);
    expect(again.launches).toBe(0);
    expect(await pdfs()).toEqual(coldPdfs);
  }, 300_000);
});

describe("a build from the layout cache, the PDFs gone", () => {
  it("lays nothing out, launches no browser, and gives the same bytes as the cold build", async () => {
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), "paiban-cache-out-"));
    const reports: string[] = [];
    browser.launches = 0;
    await build(await loadSources(content), {
      outDir: elsewhere,
      cacheDir,
      strict: true,
      press: {},
      editions: { issue: true, parallel: [] },
      report: (line) => reports.push(line),
    });
    expect(reports.filter((r) => r.startsWith("laying out"))).toEqual([]);
    expect(browser.launches).toBe(0);
    const warm = await Promise.all(files().map((f) => readFile(path.join(elsewhere, f))));
    for (const [i, file] of files().entries()) {
      expect(warm[i]?.length, file).toBeGreaterThan(10_000);
      expect(Buffer.compare(warm[i] as Buffer, coldPdfs[i] as Buffer), file).toBe(0);
    }
  }, 240_000);
});

describe("a build after one article was edited", () => {
  it("lays out that article again and no other (the contents and ABSTRACTS too if its page count moved)", async () => {
    const before = await readPdf(path.join(out, "2021-03", `${SHORT.id}.pdf`));
    // A sentence reworded, as long as before.
    await edit(content, path.join("2021-03", SHORT.id, "zh.md"), "第2篇第3段第1句讨论", "第2篇第3段第1句研究");
    const rebuilt = await cliBuild();
    const after = await readPdf(path.join(out, "2021-03", `${SHORT.id}.pdf`));
    const moved = after.pages.length !== before.pages.length;
    expect(rebuilt.laidOut).toEqual(moved ? [SHORT.id, "the contents page", "the abstracts page"] : [SHORT.id]);
    expect(after.pages.map((p) => p.lines.map((l) => l.text).join("")).join("")).toContain("第2篇第3段第1句研究");
    // The other articles' offprints are the same files as before.
    const now = await pdfs();
    for (const [i, file] of files().entries()) {
      if (ids.some((id) => id !== SHORT.id && file.endsWith(`${id}.pdf`)))
        expect(Buffer.compare(now[i] as Buffer, coldPdfs[i] as Buffer), file).toBe(0);
    }
  }, 300_000);
});

describe("a build after a style changed", () => {
  it("finds nothing in the cache: it lays out every document again, with the new style", async () => {
    const opening = async () => (await readPdf(path.join(out, "2021-03", `${SHORT.id}.pdf`))).pages[0] as PdfPage;
    const titleX = (page: PdfPage) => page.lines.find((l) => l.size >= 18 && l.top > AREA.top)?.x ?? 0;
    const before = await opening();
    // Its text area's left edge: the inner margin on a right-hand (odd) page, the outer on a left-hand one.
    const left = (printedFolio(before) ?? 0) % 2 === 1 ? AREA.inner : AREA.outer;
    const css = path.join(STYLES_DIR, "article.css");
    const style = await readFile(css, "utf8");
    if (!style.includes("text-align: center;")) throw new Error("article.css no longer centres the title");
    await writeFile(css, style.replace("text-align: center;", "text-align: left;"));
    const rebuilt = await cliBuild();
    expect([...rebuilt.laidOut].sort()).toEqual([...cold.laidOut].sort());
    expect(rebuilt.launches).toBe(1);
    // The title was centred; now it starts at the text area's left edge.
    expect(titleX(before)).toBeGreaterThan(left + 20);
    expect(titleX(await opening())).toBeCloseTo(left, 0);
  }, 600_000);
});
