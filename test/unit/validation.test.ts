import { cp, rm } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatProblem } from "../../src/content/errors.ts";
import { loadSources } from "../../src/content/load.ts";
import {
  ARTICLE,
  copySample,
  edit,
  EN,
  ISSUE,
  JOURNAL,
  lineStarting,
  problemAbout,
  removeCopies,
  sourceError,
  ZH,
} from "../support/content.ts";

afterEach(removeCopies);

/** A copy of the sample with one edit to the article's front matter, and what loading it throws. */
async function breakFrontMatter(from: string, to: string) {
  const dir = await copySample();
  await edit(dir, ZH, from, to);
  return { dir, file: path.join(dir, ZH), error: await sourceError(loadSources(dir)) };
}

describe("loadSources on the sample", () => {
  it("loads an untouched copy (so each broken copy below fails for its one fault)", async () => {
    const dir = await copySample();
    const sources = await loadSources(dir);
    expect(sources.journal.issn).toBe("1006-6241");
    expect(sources.issues).toHaveLength(1);
    const article = sources.issues[0]?.articles[0];
    expect(article?.meta.id).toBe("xu-tao-sco-security");
    expect(article?.meta.editor).toBe("李万胜");
    // The body starts on the line after the closing '---'.
    expect(article?.zh.bodyLine).toBe((await lineStarting(path.join(dir, ZH), "editor:")) + 2);
  });

  it("loads an article folder or an issue folder given directly", async () => {
    const dir = await copySample();
    const byArticle = await loadSources(path.join(dir, ARTICLE));
    expect(byArticle.issues.map((i) => i.articles.map((a) => a.meta.id))).toEqual([["xu-tao-sco-security"]]);
    const byIssue = await loadSources(path.join(dir, "2021-03"));
    expect(byIssue.issues[0]?.issue.number).toBe(3);
  });
});

describe("invalid YAML", () => {
  it("names the line of the error in the file, counting the opening '---'", async () => {
    const { file, error } = await breakFrontMatter("editor: 李万胜", "editor: 李万胜: 王五");
    expect(error.problems).toHaveLength(1);
    const [p] = error.problems;
    expect(p?.file).toBe(file);
    expect(p?.line).toBe(await lineStarting(file, "editor:"));
    expect(p?.line).toBe(22);
    expect(p?.column).toBeGreaterThan(0);
    expect(p?.message).toMatch(/^invalid YAML: /);
    // The YAML library's own location suffix is not repeated in the message.
    expect(p?.message).not.toMatch(/at line \d+/);
    expect(p?.hint).toMatch(/quote/);
  });

  it("names a line in the middle of the front matter", async () => {
    const { file, error } = await breakFrontMatter("clc: D815", "clc: D815: 2");
    expect(error.problems.map((p) => [p.file, p.line])).toEqual([[file, await lineStarting(file, "clc:")]]);
  });

  it("names a duplicate key's line", async () => {
    const { file, error } = await breakFrontMatter("clc: D815\n", "clc: D815\nclc: D816\n");
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.line).toBe((await lineStarting(file, "clc:")) + 1);
  });

  it("names the line in a YAML file without front matter (issue.yaml)", async () => {
    const dir = await copySample();
    await edit(dir, ISSUE, "number: 3", "number: [3");
    const error = await sourceError(loadSources(dir));
    const file = path.join(dir, ISSUE);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.file).toBe(file);
    // The unclosed '[' is found on the line after it.
    expect(error.problems[0]?.line).toBe((await lineStarting(file, "number:")) + 1);
  });
});

describe("front matter fields", () => {
  it("reports a missing required field with a hint to add it", async () => {
    const { file, error } = await breakFrontMatter("editor: 李万胜\n", "");
    expect(error.problems).toHaveLength(1);
    const p = problemAbout(error, "editor");
    expect(p.file).toBe(file);
    expect(p.message).toBe("is required but missing");
    // A missing top-level field is reported at the start of the front matter.
    expect(p.line).toBe(2);
    expect(p.hint).toMatch(/add 'editor:' to zh\.md/);
  });

  it("reports a missing nested field at its parent, saying where to add it", async () => {
    const { file, error } = await breakFrontMatter(
      "  en: China's New Security Concept and the SCO's Security Practice in the Past 20 Years\n",
      "",
    );
    const p = problemAbout(error, "title.en");
    expect(p.line).toBe(await lineStarting(file, "title:"));
    expect(p.message).toBe("is required but missing");
    expect(p.hint).toBe("add 'en:' under 'title:' in zh.md");
  });

  it.each([
    {
      name: "clc: 815 (a number to YAML, and no class letter)",
      from: "clc: D815",
      to: "clc: 815",
      field: "clc",
      message: /中图分类号/,
      hint: "write it like this: clc: D815",
    },
    {
      name: "clc: d815 (lower case)",
      from: "clc: D815",
      to: "clc: d815",
      field: "clc",
      message: /中图分类号/,
      hint: "write it like this: clc: D815",
    },
    {
      name: "documentCode: F",
      from: "documentCode: A",
      to: "documentCode: F",
      field: "documentCode",
      message: /文献标识码 codes A, B, C, D, E/,
      hint: "write it like this: documentCode: A",
    },
    {
      name: 'received: "2021-02-30" (not a real date)',
      from: 'received: "2021-04-13"',
      to: 'received: "2021-02-30"',
      field: "received",
      message: /^is not a real calendar date$/,
      hint: 'write it like this: received: "2021-04-13"',
    },
    {
      name: "received: 2021/04/13",
      from: 'received: "2021-04-13"',
      to: "received: 2021/04/13",
      field: "received",
      message: /YYYY-MM-DD/,
      hint: 'write it like this: received: "2021-04-13"',
    },
    {
      name: "articleNumber without padding",
      from: "articleNumber: 1006-6241(2021)03-0001-13",
      to: "articleNumber: 1006-6241(2021)3-1-13",
      field: "articleNumber",
      message: /must be a 文章编号/,
      hint: "write it like this: articleNumber: 1006-6241(2021)03-0001-13",
    },
    {
      name: "articleNumber of another journal",
      from: "articleNumber: 1006-6241(2021)03-0001-13",
      to: "articleNumber: 1234-5678(2021)03-0001-13",
      field: "articleNumber",
      message: /^'1234-5678\(2021\)03-0001-13' does not match the journal's ISSN and this issue$/,
      hint: "a 文章编号 of this issue starts with 1006-6241(2021)03-",
    },
    {
      name: "articleNumber of another issue",
      from: "articleNumber: 1006-6241(2021)03-0001-13",
      to: "articleNumber: 1006-6241(2021)04-0001-13",
      field: "articleNumber",
      message: /does not match the journal's ISSN and this issue/,
      hint: "a 文章编号 of this issue starts with 1006-6241(2021)03-",
    },
    {
      name: "articleNumber of another year",
      from: "articleNumber: 1006-6241(2021)03-0001-13",
      to: "articleNumber: 1006-6241(2020)03-0001-13",
      field: "articleNumber",
      message: /does not match/,
      hint: "a 文章编号 of this issue starts with 1006-6241(2021)03-",
    },
    {
      name: "id with capitals",
      from: "id: xu-tao-sco-security",
      to: "id: Xu_Tao",
      field: "id",
      message: /lower-case letters, digits and hyphens/,
      hint: "write it like this: id: xu-tao-sco-security",
    },
    {
      name: "an empty editor",
      from: "editor: 李万胜",
      to: 'editor: "  "',
      field: "editor",
      message: /^must not be empty$/,
      hint: /editor/,
    },
  ])("reports $name on its line", async ({ from, to, field, message, hint }) => {
    const { file, error } = await breakFrontMatter(from, to);
    expect(error.problems).toHaveLength(1);
    const p = problemAbout(error, field);
    expect(p.file).toBe(file);
    expect(p.line).toBe(await lineStarting(file, `${field}:`));
    expect(p.severity).toBe("error");
    expect(p.message).toMatch(message);
    if (typeof hint === "string") expect(p.hint).toBe(hint);
    else expect(p.hint).toMatch(hint);
  });

  it("says a list is expected where a single value is written", async () => {
    const { file, error } = await breakFrontMatter("  zh: [新安全观, 上海合作组织, 安全合作]", "  zh: 新安全观");
    const p = problemAbout(error, "keywords.zh");
    expect(p.line).toBe((await lineStarting(file, "keywords:")) + 1);
    expect(p.hint).toBe("write a list: [a, b], or one '- item' a line below it");
  });

  it("reports an unknown field (a typo) on its line, suggesting the field meant", async () => {
    const { file, error } = await breakFrontMatter("editor: 李万胜", "edtor: 李万胜");
    const typo = problemAbout(error, "edtor");
    expect(typo.file).toBe(file);
    expect(typo.line).toBe(await lineStarting(file, "edtor:"));
    expect(typo.message).toBe("is not a known field");
    expect(typo.hint).toBe("did you mean 'editor'?");
    // The field it should have been is missing too: both are said.
    expect(problemAbout(error, "editor").message).toBe("is required but missing");
    expect(error.problems).toHaveLength(2);
  });

  it("lists the allowed fields when an unknown nested field is like none of them", async () => {
    const { file, error } = await breakFrontMatter("  zh: 中国新安全观", "  fr: Nouveau\n  zh: 中国新安全观");
    const p = problemAbout(error, "title.fr");
    expect(p.line).toBe(await lineStarting(file, "fr:"));
    expect(p.hint).toBe("the fields allowed here are: zh, en");
  });
});

describe("files and folders", () => {
  it("reports a missing English version", async () => {
    const dir = await copySample();
    await rm(path.join(dir, EN));
    const error = await sourceError(loadSources(dir));
    expect(error.problems).toHaveLength(1);
    const [p] = error.problems;
    expect(p?.file).toBe(path.join(dir, EN));
    expect(p?.message).toBe("the English version is missing");
    expect(p?.hint).toContain("en.md");
  });

  it("reports a missing English version together with the front matter's faults", async () => {
    const dir = await copySample();
    await rm(path.join(dir, EN));
    await edit(dir, ZH, "documentCode: A", "documentCode: F");
    const error = await sourceError(loadSources(dir));
    expect(error.problems.map((p) => path.relative(dir, p.file)).sort()).toEqual([EN, ZH].sort());
  });

  it("reports an article listed in issue.yaml whose folder is missing, at the list item", async () => {
    const dir = await copySample();
    await edit(dir, ISSUE, "  - xu-tao-sco-security", "  - xu-tao-sco-security\n  - li-si-missing");
    const error = await sourceError(loadSources(dir));
    const file = path.join(dir, ISSUE);
    expect(error.problems).toHaveLength(1);
    const p = problemAbout(error, "articles[1]");
    expect(p.file).toBe(file);
    expect(p.line).toBe(await lineStarting(file, "- li-si-missing"));
    expect(p.message).toBe("article folder 'li-si-missing' has no zh.md");
    expect(p.hint).toMatch(/remove 'li-si-missing' from the list/);
  });

  it("reports a duplicate article id at the second article's id line", async () => {
    const dir = await copySample();
    await cp(path.join(dir, ARTICLE), path.join(dir, "2021-03", "copy"), { recursive: true });
    await edit(dir, ISSUE, "  - xu-tao-sco-security", "  - xu-tao-sco-security\n  - copy");
    // Move the copy's id below the other fields, so its line is not the default first line.
    const copy = path.join("2021-03", "copy", "zh.md");
    await edit(dir, copy, "id: xu-tao-sco-security\n", "");
    await edit(dir, copy, "editor: 李万胜\n", "editor: 李万胜\nid: xu-tao-sco-security\n");
    const error = await sourceError(loadSources(dir));
    expect(error.problems).toHaveLength(1);
    const p = problemAbout(error, "id");
    expect(p.file).toBe(path.join(dir, copy));
    expect(p.line).toBe(await lineStarting(path.join(dir, copy), "id:"));
    expect(p.line).toBe(22);
    expect(p.message).toBe(`id 'xu-tao-sco-security' is already used by ${path.join(dir, ZH)}`);
    expect(p.hint).toBeTruthy();
  });

  it("reports a missing journal.yaml", async () => {
    const dir = await copySample();
    await rm(path.join(dir, JOURNAL));
    const error = await sourceError(loadSources(dir));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.file).toBe(path.join(dir, JOURNAL));
    expect(error.problems[0]?.message).toMatch(/no journal file/);
    expect(error.problems[0]?.hint).toMatch(/issn/);
  });

  it("reports a folder that does not exist", async () => {
    const dir = await copySample();
    const error = await sourceError(loadSources(path.join(dir, "nowhere")));
    expect(error.problems.map((p) => p.message)).toEqual(["no such folder"]);
  });

  it.each([
    ["year: twenty", "a string"],
    ["year: 21", "too small"],
    ["year: 2021.5", "not whole"],
  ])("reports an issue.yaml with %s (%s)", async (bad) => {
    const dir = await copySample();
    await edit(dir, ISSUE, "year: 2021", bad);
    const error = await sourceError(loadSources(dir));
    const file = path.join(dir, ISSUE);
    expect(error.problems).toHaveLength(1);
    const p = problemAbout(error, "year");
    expect(p.file).toBe(file);
    expect(p.line).toBe(await lineStarting(file, "year:"));
    expect(p.message).toBe("must be a year such as 2021");
    expect(p.hint).toBe("write it like this: year: 2021");
  });

  it("reports a malformed ISSN in journal.yaml", async () => {
    const dir = await copySample();
    await edit(dir, JOURNAL, "issn: 1006-6241", "issn: 10066241");
    const error = await sourceError(loadSources(dir));
    const p = problemAbout(error, "issn");
    expect(p.file).toBe(path.join(dir, JOURNAL));
    expect(p.line).toBe(await lineStarting(path.join(dir, JOURNAL), "issn:"));
    expect(p.message).toMatch(/ISSN/);
  });
});

describe("several problems", () => {
  it("are reported together, in every file, not only the first", async () => {
    const dir = await copySample();
    await edit(dir, ZH, "clc: D815", "clc: 815");
    await edit(dir, ZH, "documentCode: A", "documentCode: F");
    await edit(dir, ZH, "editor: 李万胜\n", "");
    await edit(dir, ISSUE, "  - xu-tao-sco-security", "  - xu-tao-sco-security\n  - li-si-missing");
    const error = await sourceError(loadSources(dir));
    const zh = path.join(dir, ZH);
    const issue = path.join(dir, ISSUE);
    expect(
      error.problems
        .map((p) => ({ file: p.file, line: p.line, field: p.field }))
        .sort((a, b) => `${a.file}${a.field}`.localeCompare(`${b.file}${b.field}`)),
    ).toEqual([
      { file: issue, line: await lineStarting(issue, "- li-si-missing"), field: "articles[1]" },
      { file: zh, line: await lineStarting(zh, "clc:"), field: "clc" },
      { file: zh, line: await lineStarting(zh, "documentCode:"), field: "documentCode" },
      { file: zh, line: 2, field: "editor" },
    ]);
    for (const p of error.problems) expect(p.hint, formatProblem(p)).toBeTruthy();
    // The error's message is every problem, formatted as a compiler would.
    expect(error.message.split("\n").filter((l) => !l.startsWith("  "))).toHaveLength(4);
    expect(error.message).toContain(`${zh}:${await lineStarting(zh, "clc:")}: error: clc: must be a 中图分类号`);
  });
});

describe("the columns edition's column widths", () => {
  it("are taken as shares from issue.yaml, or the article's front matter, which wins", async () => {
    const dir = await copySample();
    await edit(dir, ISSUE, "parallel: [facing, columns]", "parallel: [facing, columns]\ncolumns: [45%, 55%]");
    expect((await loadSources(dir)).issues[0]?.issue.columns).toEqual([45, 55]);
    await edit(dir, ZH, "editor: 李万胜", "editor: 李万胜\ncolumns: auto");
    expect((await loadSources(dir)).issues[0]?.articles[0]?.meta.columns).toBe("auto");
  });

  it.each([
    { value: "[45%, 50%]", message: "must add up to 100% (the gap between the columns comes out of both)" },
    { value: "[20%, 80%]", message: "must give each column at least 25% of the text block" },
    { value: "[45, 55]", message: "must be two widths such as [45%, 55%], or auto" },
    { value: "wide", message: "must be two widths such as [45%, 55%], or auto" },
  ])("reports columns: $value at its line", async ({ value, message }) => {
    const dir = await copySample();
    await edit(dir, ISSUE, "parallel: [facing, columns]", `parallel: [facing, columns]\ncolumns: ${value}`);
    const error = await sourceError(loadSources(dir));
    const file = path.join(dir, ISSUE);
    const p = problemAbout(error, "columns");
    expect(p).toMatchObject({ file, line: await lineStarting(file, "columns:"), message });
    expect(p.hint).toBe("write it like this: columns: [45%, 55%]");
  });
});
