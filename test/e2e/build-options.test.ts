import { access, cp, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type GeneratedArticle, writeIssue } from "../support/issue.ts";
import { runCli } from "../support/output.ts";
import { readPdf } from "../support/pdf.ts";

// `paiban build` options as a CI matrix uses them, on a content folder of two issues (2021
// No. 3 and No. 4), each of one short article, each asking for a parallel edition in columns:
// shard 1/2 keeping its HTML, shard 2/2 making only the facing parallel edition.

const ARTICLE: GeneratedArticle = {
  id: "zhou-ba-brief",
  paragraphs: 6,
  titleZh: "地区安全简论",
  titleEn: "A Brief Essay on Regional Security",
  author: { zh: "周八", en: "Zhou Ba" },
};
const ISSUES = ["2021-03", "2021-04"];

let content: string;

/** `paiban build` of the content folder, strict, into a fresh folder: the files it wrote there. */
async function build(...args: string[]): Promise<{ out: string; files: string[]; printed: string }> {
  const out = await mkdtemp(path.join(os.tmpdir(), "paiban-options-"));
  const { code, stderr: printed } = await runCli(["build", content, "--out", out, "--no-cache", "--strict", ...args]);
  expect(code, printed).toBe(0);
  expect(printed).not.toMatch(/preflight: /);
  const files = (await readdir(out, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  return { out, files: files.map((e) => path.relative(out, path.join(e.parentPath, e.name))).sort(), printed };
}

let first: Awaited<ReturnType<typeof build>>;
let second: Awaited<ReturnType<typeof build>>;
let html: string;

beforeAll(async () => {
  content = await writeIssue([ARTICLE], { withSeed: false, issue: "parallel: [columns]\n" });
  // The second issue: the first, numbered 4.
  await cp(path.join(content, "2021-03"), path.join(content, "2021-04"), { recursive: true });
  const issueFile = path.join(content, "2021-04", "issue.yaml");
  await writeFile(issueFile, (await readFile(issueFile, "utf8")).replace("number: 3", "number: 4"));
  html = await mkdtemp(path.join(os.tmpdir(), "paiban-options-html-"));
  first = await build("--shard", "1/2", "--edition", "issue", "--keep-html", html);
  second = await build("--shard", "2/2", "--edition", "parallel", "--layout", "facing");
}, 600_000);

/** The issue a build wrote into: the folder of each file, or the issue PDF's name. */
const issuesOf = (files: string[]) => [...new Set(files.map((f) => f.split(path.sep)[0]?.replace(/\.pdf$/, "")))];

describe("paiban build --shard k/n", () => {
  it("builds each issue in exactly one of the shards", () => {
    expect(issuesOf(first.files)).toHaveLength(1);
    expect(issuesOf(second.files)).toHaveLength(1);
    expect([...issuesOf(first.files), ...issuesOf(second.files)].sort()).toEqual(ISSUES);
    expect(first.printed).toContain("shard 1/2: 1 of 2 issues");
    expect(second.printed).toContain("shard 2/2: 1 of 2 issues");
  });
});

describe("paiban build --edition issue", () => {
  it("writes the issue PDF and its offprints, and none of the parallel editions the sources ask for", async () => {
    const [issue] = issuesOf(first.files);
    expect(first.files).toEqual([`${issue}.pdf`, path.join(`${issue}`, `${ARTICLE.id}.pdf`)]);
    const offprint = await readPdf(path.join(first.out, `${issue}`, `${ARTICLE.id}.pdf`));
    expect(offprint.pages[0]?.lines.map((l) => l.text.replace(/\s+/g, ""))).toContain(ARTICLE.titleZh);
  });
});

describe("paiban build --keep-html <dir>", () => {
  it("keeps each composed document there: the article, the contents and the ABSTRACTS page", async () => {
    const kept = (await readdir(html)).filter((f) => f.endsWith(".html"));
    const documents = await Promise.all(kept.map((f) => readFile(path.join(html, f), "utf8")));
    expect(documents.filter((d) => d.includes(ARTICLE.titleZh) && d.includes("【内容提要】"))).toHaveLength(1);
    expect(documents.filter((d) => d.includes("目次"))).not.toHaveLength(0);
    expect(documents.filter((d) => d.includes("ABSTRACTS"))).not.toHaveLength(0);
    expect(documents).toHaveLength(3);
  });

  it("keeps documents that other tools can lay out: every stylesheet and font they name is there", async () => {
    for (const file of (await readdir(html)).filter((f) => f.endsWith(".html"))) {
      const document = await readFile(path.join(html, file), "utf8");
      expect(document).toMatch(/^<!doctype html>/i);
      const links = [...document.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1] as string);
      expect(links.length, file).toBeGreaterThan(0);
      for (const link of links) await access(fileURLToPath(link));
    }
  });
});

describe("paiban build --edition parallel --layout facing", () => {
  it("writes only the facing edition of each article: not the columns the sources ask for, nor the issue edition", async () => {
    const [issue] = issuesOf(second.files);
    expect(second.files).toEqual([path.join(`${issue}`, `${ARTICLE.id}.parallel-facing.pdf`)]);
    const facing = await readPdf(path.join(second.out, second.files[0] as string));
    // A title page, then the Chinese on the left-hand pages and the English on the right.
    const text = (n: number) => facing.pages[n]?.lines.map((l) => l.text).join("") ?? "";
    expect(text(1)).toMatch(/第\d篇第1段/);
    expect(text(2)).toMatch(/Paragraph 1 of article/);
  });
});
