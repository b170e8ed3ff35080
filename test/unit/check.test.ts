import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { checkSources } from "../../src/check/index.ts";
import { main } from "../../src/cli/main.ts";
import type { SourceProblem } from "../../src/content/errors.ts";
import { SAMPLE } from "../support/build.ts";
import { ARTICLE, copySample, edit, EN, ISSUE, lineStarting, removeCopies, ZH } from "../support/content.ts";
import { spyOnOutput } from "../support/output.ts";

let stdout: string;
let stderr: string;

beforeEach(() => {
  stdout = "";
  stderr = "";
  spyOnOutput(
    (text) => (stdout += text),
    (text) => (stderr += text),
  );
});

afterEach(async () => {
  vi.restoreAllMocks();
  await removeCopies();
});

/** 1-based column of `text` on a line of a file. */
async function columnOf(file: string, line: number, text: string): Promise<number> {
  const lines = (await readFile(file, "utf8")).split(/\r?\n/);
  return (lines[line - 1] ?? "").indexOf(text) + 1;
}

/** The one problem whose message matches (fails if there is none or several). */
function only(problems: SourceProblem[], message: RegExp): SourceProblem {
  const found = problems.filter((p) => message.test(p.message));
  expect(found, problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join("\n")).toHaveLength(1);
  return found[0] as SourceProblem;
}

describe("paiban check", () => {
  // How fast it runs is the benchmark's business (npm run bench), not a test's.
  it("finds no error in the sample, and warns of the heading English lacks", async () => {
    const report = await checkSources(SAMPLE);
    expect(report.articles).toBe(2);
    expect(report.problems.filter((p) => p.severity === "error")).toEqual([]);
    const zh = path.join(SAMPLE, ZH);
    const conclusion = only(report.problems, /结语/);
    expect(conclusion).toMatchObject({ file: zh, line: await lineStarting(zh, "## 结语"), column: 1, severity: "warning" });
    expect(conclusion.message).toContain("no counterpart in en.md");
  });

  it("prints file:line:col: severity: message as compilers do, and exits 0 with warnings only", async () => {
    expect(await main(["check", SAMPLE])).toBe(0);
    expect(stdout).toMatch(
      /^.*2021-03\/xu-tao-sco-security\/zh\.md:\d+:1: warning: the heading '结语' \(unit s4\) has no counterpart in en\.md\n {2}.+\n$/,
    );
    expect(stderr).toMatch(/^paiban check: 2 articles, 0 errors, 1 warning \(\d+\.\d\d s\)\n$/);
  });

  it("--format json gives every field of every problem, and the counts", async () => {
    const dir = await copySample();
    await edit(dir, ZH, "clc: D815", "clc: L815");
    expect(await main(["check", dir, "--format", "json"])).toBe(1);
    const report = JSON.parse(stdout) as { problems: Record<string, unknown>[]; errors: number; warnings: number; articles: number };
    expect(report).toMatchObject({ errors: 1, warnings: 1, articles: 2 });
    const clc = report.problems.find((p) => p.field === "clc");
    expect(clc).toEqual({
      file: path.join(dir, ZH),
      line: await lineStarting(path.join(dir, ZH), "clc:"),
      column: null,
      severity: "error",
      field: "clc",
      message: expect.stringContaining("'L815' is not a 中图分类号 class") as unknown,
      hint: expect.any(String) as unknown,
    });
    expect(stderr).toBe("");
  });

  it("exits 2 on a format it does not know", async () => {
    expect(await main(["check", SAMPLE, "--format", "xml"])).toBe(2);
    expect(stderr).toContain("--format must be text or json");
  });

  it("reports faults of the front matter at their lines, all of them", async () => {
    const dir = await copySample();
    const zh = path.join(dir, ZH);
    await edit(dir, ZH, "documentCode: A", "documentCode: F");
    await edit(dir, ZH, 'received: "2021-04-13"', 'received: "2021-02-30"');
    await edit(dir, ZH, "articleNumber: 1006-6241(2021)03-0001-13", "articleNumber: 1006-6241-2021-03");
    const { problems } = await checkSources(dir);
    expect(only(problems, /文献标识码/)).toMatchObject({ file: zh, line: await lineStarting(zh, "documentCode:"), severity: "error" });
    expect(only(problems, /real calendar date/)).toMatchObject({ file: zh, line: await lineStarting(zh, "received:"), severity: "error" });
    expect(only(problems, /must be a 文章编号 such as/)).toMatchObject({
      file: zh,
      line: await lineStarting(zh, "articleNumber:"),
      severity: "error",
    });
  });

  it("reports a 文章编号 of another journal or issue at its line", async () => {
    const dir = await copySample();
    const zh = path.join(dir, ZH);
    await edit(dir, ZH, "articleNumber: 1006-6241(2021)03-0001-13", "articleNumber: 1006-6241(2020)03-0001-13");
    const { problems } = await checkSources(dir);
    expect(only(problems, /does not match the journal's ISSN and this issue/)).toMatchObject({
      file: zh,
      line: await lineStarting(zh, "articleNumber:"),
      severity: "error",
    });
  });

  it("applies CAJ-CD's rules beyond the schema: keywords, abstract, 中图分类号, 文章编号 pages, dates", async () => {
    const dir = await copySample();
    const zh = path.join(dir, ZH);
    await edit(
      dir,
      ZH,
      "zh: [新安全观, 上海合作组织, 安全合作]",
      "zh: [新安全观, 上海合作组织]\n  en: [new security concept, SCO, security cooperation]",
    );
    await edit(dir, ZH, "  zh: 20世纪末，", "  zh: 很短的提要。\n  x: 20世纪末，");
    await edit(dir, ZH, "\n  x: 20世纪末，", "\n  # x: 20世纪末，");
    await edit(dir, ZH, "clc: D815", "clc: D815; TZ12");
    await edit(dir, ZH, "articleNumber: 1006-6241(2021)03-0001-13", "articleNumber: 1006-6241(2021)03-0000-00");
    await edit(dir, ZH, 'received: "2021-04-13"', 'received: "2022-01-05"');
    const { problems } = await checkSources(dir);
    const at = async (prefix: string) => ({ file: zh, line: await lineStarting(zh, prefix) });
    expect(only(problems, /2 keywords; CAJ-CD asks for 3 to 8/)).toMatchObject({
      ...(await at("zh: [新安全观")),
      field: "keywords.zh",
      severity: "error",
    });
    expect(only(problems, /3 English keywords for 2 Chinese ones/)).toMatchObject({
      ...(await at("en: [new security")),
      severity: "warning",
    });
    expect(only(problems, /characters; a 内容提要 usually has 200 to 400/)).toMatchObject({
      ...(await at("zh: 很短的提要")),
      severity: "warning",
    });
    expect(only(problems, /'TZ12' is not a 中图分类号 class/)).toMatchObject({ ...(await at("clc:")), severity: "error" });
    expect(problems.some((p) => p.message.includes("'D815'"))).toBe(false);
    expect(only(problems, /gives the article no pages/)).toMatchObject({ ...(await at("articleNumber:")), severity: "error" });
    expect(only(problems, /before the issue's first page/)).toMatchObject({ ...(await at("articleNumber:")), severity: "error" });
    expect(only(problems, /2022-01-05 is after the year of the issue/)).toMatchObject({ ...(await at("received:")), severity: "warning" });
  });

  it("reports notes that are cited but never defined, and never cited, at their lines", async () => {
    const dir = await copySample();
    const zh = path.join(dir, ZH);
    const en = path.join(dir, EN);
    await edit(dir, ZH, "理论意义。 {#intro}", "理论意义。[^missing] {#intro}");
    await edit(
      dir,
      EN,
      "regional security community. {#intro}",
      "regional security community. {#intro}\n\n[^orphan]: A note nobody cites.",
    );
    const { problems } = await checkSources(dir);
    expect(only(problems, /\[\^missing\] is cited but never defined/)).toMatchObject({
      file: zh,
      line: await lineStarting(zh, "近年来"),
      severity: "error",
    });
    expect(only(problems, /\[\^orphan\] is never cited/)).toMatchObject({
      file: en,
      line: await lineStarting(en, "[^orphan]"),
      severity: "error",
    });
  });

  it("warns of alignment anchors on one side only, at their line and column", async () => {
    const dir = await copySample();
    const zh = path.join(dir, ZH);
    const en = path.join(dir, EN);
    await edit(dir, EN, "security community. {#intro}", "security community. {#opening}");
    const { problems } = await checkSources(dir);
    const zhLine = await lineStarting(zh, "近年来");
    expect(only(problems, /\{#intro\} has no counterpart in en\.md/)).toMatchObject({
      file: zh,
      line: zhLine,
      column: await columnOf(zh, zhLine, "{#intro}"),
      severity: "warning",
    });
    expect(only(problems, /\{#opening\} has no counterpart in zh\.md/)).toMatchObject({
      file: en,
      line: 1,
      column: await columnOf(en, 1, "{#opening}"),
      severity: "warning",
    });
  });

  it("reports links and figures to local files that do not exist, and only those", async () => {
    const dir = await copySample();
    const zh = path.join(dir, ZH);
    const en = path.join(dir, EN);
    await edit(dir, ZH, "## 一、", "见[附表](附表.pdf)与[原文](https://example.org/a.pdf)及[上文](#zh-s1)。\n\n## 一、");
    await edit(dir, EN, "## I. ", "![Map of the region](figures/map.png)\n\nSee [the appendix](appendix.pdf).\n\n## I. ");
    await writeFile(path.join(dir, ARTICLE, "appendix.pdf"), "%PDF-1.7\n");
    const { problems } = await checkSources(dir);
    const zhLine = await lineStarting(zh, "见[附表]");
    expect(only(problems, /link to '.*': no such file/)).toMatchObject({
      file: zh,
      line: zhLine,
      column: await columnOf(zh, zhLine, "(附表.pdf)"),
      severity: "error",
    });
    const enLine = await lineStarting(en, "![Map");
    expect(only(problems, /image 'figures\/map\.png': no such file/)).toMatchObject({ file: en, line: enLine, severity: "error" });
    expect(problems.filter((p) => /no such file/.test(p.message))).toHaveLength(2);
  });

  it("checks the articles without faults of their own when another article's front matter stops loading", async () => {
    const dir = await copySample();
    const second = path.join("2021-03", "second-article");
    await cp(path.join(dir, ARTICLE), path.join(dir, second), { recursive: true });
    await edit(dir, path.join(second, "zh.md"), "id: xu-tao-sco-security", "id: second-article");
    await edit(dir, ISSUE, "  - xu-tao-sco-security", "  - xu-tao-sco-security\n  - second-article");
    await edit(dir, ZH, "documentCode: A", "documentCode: F");
    await edit(dir, path.join(second, "zh.md"), "理论意义。 {#intro}", "理论意义。[^missing] {#intro}");
    const report = await checkSources(dir);
    // The sample's second article and this one; the first stops at its front matter.
    expect(report.articles).toBe(2);
    expect(only(report.problems, /文献标识码/).file).toBe(path.join(dir, ZH));
    expect(only(report.problems, /\[\^missing\] is cited but never defined/).file).toBe(path.join(dir, second, "zh.md"));
    expect(await main(["check", dir])).toBe(1);
    expect(stdout.split("\n").filter((l) => /: error: /.test(l))).toHaveLength(2);
    expect(stderr).toMatch(/2 articles, 2 errors/);
  });

  it("names a folder that is not there", async () => {
    expect(await main(["check", path.join(SAMPLE, "no-such-issue")])).toBe(1);
    expect(stdout).toMatch(/no-such-issue: error: no such folder/);
  });
});
