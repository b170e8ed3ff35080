import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Templates } from "../../src/compose/index.ts";
import { SAMPLE_ARTICLE } from "../support/build.ts";
import { runCli } from "../support/output.ts";

// A fault planted in a real build: one more style, after the project's, moves a
// paragraph of the sample article into the left margin. The layout goes through; the
// preflight must find the text outside the text area, and the strict build must fail
// without writing anything, leaving the PDF of an earlier build as it was.

// The style goes into the article's document as the templates make it (the same hook the
// offline test uses), after the project's stylesheets.
const planted = vi.hoisted(() => ({ css: "" }));
vi.mock("../../src/compose/index.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/compose/index.ts")>();
  return {
    ...original,
    loadTemplates: async (dir?: string): Promise<Templates> => {
      const templates = await original.loadTemplates(dir);
      return {
        ...templates,
        article: (view) => {
          const html = templates.article(view);
          if (!html.includes("</head>")) throw new Error("the article's document has no head to plant the fault in");
          return html.replace("</head>", `<style>${planted.css}</style></head>`);
        },
      };
    },
  };
});

/** The sixth paragraph of the article's body, 20 mm into the margin. */
const FAULT = ".article-body > p:nth-of-type(6) { position: relative; left: -20mm; }";
const EARLIER = Buffer.from("%PDF-1.7\n% the PDF of an earlier build\n%%EOF\n");

let out: string;
let code: number;
let stderr: string;

beforeAll(async () => {
  planted.css = FAULT;
  out = await mkdtemp(path.join(os.tmpdir(), "paiban-fault-out-"));
  await mkdir(path.join(out, "2021-03"));
  await writeFile(path.join(out, "2021-03", "xu-tao-sco-security.pdf"), EARLIER);
  ({ code, stderr } = await runCli(["build", SAMPLE_ARTICLE, "--out", out, "--strict", "--no-cache", "--edition", "issue"]));
}, 600_000);

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe("a strict build whose pages come out wrong", () => {
  it("lays the article out, then fails on the preflight's finding: the text outside the text area, on its page", () => {
    expect(stderr).toMatch(/laying out xu-tao-sco-security/);
    const findings = stderr.split("\n").filter((line) => line.includes("preflight: "));
    expect(findings.length, stderr).toBeGreaterThan(0);
    for (const finding of findings)
      expect(finding).toMatch(
        /preflight: xu-tao-sco-security: page \d+: outside-area: text outside the text area \(\d+\.\d pt left of it\)/,
      );
    expect(code).toBe(1);
    expect(stderr).toContain(
      `paiban: 2021-03: ${findings.length} preflight finding${findings.length === 1 ? "" : "s"} (strict mode); nothing was written`,
    );
  });

  it("writes nothing, and leaves the PDF of the earlier build as it was", async () => {
    expect(stderr).not.toMatch(/wrote /);
    expect(await readdir(out)).toEqual(["2021-03"]);
    expect(await readdir(path.join(out, "2021-03"))).toEqual(["xu-tao-sco-security.pdf"]);
    expect(await readFile(path.join(out, "2021-03", "xu-tao-sco-security.pdf"))).toEqual(EARLIER);
  });
});
