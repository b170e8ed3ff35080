import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.ts";
import { ROOT, SAMPLE } from "../support/build.ts";
import { copySample, edit, lineStarting, removeCopies, ZH } from "../support/content.ts";
import { spyOnOutput } from "../support/output.ts";

// Every build below must fail before layout: a launched browser is a failure, not a slow pass.
const browser = vi.hoisted(() => ({ launches: 0 }));
vi.mock("../../src/render/browser.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/render/browser.ts")>();
  return {
    ...original,
    launchBrowser: () => {
      browser.launches++;
      return Promise.reject(new Error("the browser was launched"));
    },
  };
});

let stdout: string;
let stderr: string;

beforeEach(() => {
  stdout = "";
  stderr = "";
  browser.launches = 0;
  spyOnOutput(
    (text) => (stdout += text),
    (text) => (stderr += text),
  );
});

const outDirs: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await removeCopies();
  await Promise.all(outDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** An output folder that already holds the sample's PDF from an earlier build. */
async function outWithOldPdf(): Promise<{ out: string; pdf: string; bytes: Buffer }> {
  const out = await mkdtemp(path.join(os.tmpdir(), "paiban-out-"));
  outDirs.push(out);
  const pdf = path.join(out, "2021-03", "xu-tao-sco-security.pdf");
  await mkdir(path.dirname(pdf), { recursive: true });
  const bytes = Buffer.from("%PDF-1.7\n% an earlier build\n%%EOF\n");
  await writeFile(pdf, bytes);
  return { out, pdf, bytes };
}

describe("paiban", () => {
  it("--version prints package.json's version", async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(await main(["--version"])).toBe(0);
    expect(stdout).toBe(`${pkg.version}\n`);
    expect(stderr).toBe("");
  });

  it("--help prints the usage and exits 0", async () => {
    expect(await main(["--help"])).toBe(0);
    expect(stdout).toMatch(/^paiban \d+\.\d+\.\d+: /);
    expect(stdout).toContain("paiban build [path] [--out dir]");
    expect(stderr).toBe("");
  });

  it("with no command prints the usage and exits 2", async () => {
    expect(await main([])).toBe(2);
    expect(stdout).toContain("Usage:");
  });

  it("exits 2 on an unknown command, saying which", async () => {
    expect(await main(["frobnicate"])).toBe(2);
    expect(stderr).toMatch(/^paiban: unknown command 'frobnicate'\n/);
    expect(stdout).toBe("");
  });

  it("build --help prints the build options and exits 0", async () => {
    expect(await main(["build", "--help"])).toBe(0);
    expect(stdout).toContain("--out <dir>");
  });

  it("exits 2 on an unknown option or a second path", async () => {
    expect(await main(["build", "content", "--frob"])).toBe(2);
    expect(stderr).toContain("--frob");
    stderr = "";
    expect(await main(["build", "content", "other"])).toBe(2);
    expect(stderr).toContain("one path at most, got 2");
  });
});

describe("paiban build with an option value it cannot take", () => {
  it.each([
    [["--bleed", "3"], "--bleed must be a length such as 3mm, not '3'"],
    [["--bleed", "3mm", "--marks", "trim"], `--marks must be crop, cross or "crop cross", not 'trim'`],
    [["--marks", "crop"], "--marks are drawn in the bleed or the slug: give --bleed or --slug as well"],
    [["--slug", "wide"], "--slug must be a length such as 10mm, not 'wide'"],
    [["--bleed", "3mm", "--slug", "2mm"], "--slug reaches beyond the bleed: make it larger than --bleed 3mm"],
    [["--press", "pdfx3"], "--press must be pdfx4 or pdfx1a (or none), not 'pdfx3'"],
    [["--archive", "pdfa1"], "--archive must be pdfa2 (or none), not 'pdfa1'"],
    [["--edition", "offprint"], "--edition must be issue or parallel, not 'offprint'"],
    [["--edition", "parallel", "--layout", "spread"], "--layout must be facing or columns, not 'spread'"],
    [["--layout", "facing"], "--layout goes with --edition parallel"],
    [["--shard", "3/2"], "--shard must be k/n with 1 ≤ k ≤ n (e.g. 2/4), not '3/2'"],
    [["--shard", "0/2"], "--shard must be k/n with 1 ≤ k ≤ n (e.g. 2/4), not '0/2'"],
    [["--shard", "half"], "--shard must be k/n with 1 ≤ k ≤ n (e.g. 2/4), not 'half'"],
  ])("%j exits 2, says what is wrong, and touches nothing", async (args, message) => {
    const { out, pdf, bytes } = await outWithOldPdf();
    expect(await main(["build", SAMPLE, "--out", out, ...args])).toBe(2);
    expect(stderr.startsWith(`paiban build: ${message}`), stderr).toBe(true);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(stdout).toBe("");
    expect(await readFile(pdf)).toEqual(bytes);
    expect(await readdir(out)).toEqual(["2021-03"]);
    expect(browser.launches).toBe(0);
  });
});

describe("paiban build of broken sources", () => {
  it("exits 1, prints file:line: error: field: message, and leaves the earlier PDF untouched", async () => {
    const dir = await copySample();
    await edit(dir, ZH, "clc: D815", "clc: 815");
    const { out, pdf, bytes } = await outWithOldPdf();
    const started = Date.now();

    expect(await main(["build", dir, "--out", out])).toBe(1);

    const file = path.join(dir, ZH);
    const line = await lineStarting(file, "clc:");
    const lines = stderr.split("\n");
    expect(lines).toContain(`${file}:${line}: error: clc: must be a 中图分类号 class such as D815 or D815.5 (several separated by ';')`);
    // The hint follows on its own, indented line.
    expect(
      lines[lines.indexOf(`${file}:${line}: error: clc: must be a 中图分类号 class such as D815 or D815.5 (several separated by ';')`) + 1],
    ).toBe("  write it like this: clc: D815");
    expect(stderr).toContain("paiban: 1 error in the sources; nothing was written\n");
    expect(stdout).toBe("");
    expect(await readFile(pdf)).toEqual(bytes);
    expect(await readdir(path.join(out, "2021-03"))).toEqual(["xu-tao-sco-security.pdf"]);
    expect(browser.launches).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("prints every problem, the YAML ones with their column", async () => {
    const dir = await copySample();
    await edit(dir, ZH, "editor: 李万胜", "editor: 李万胜: 王五");
    const { out, pdf, bytes } = await outWithOldPdf();
    expect(await main(["build", dir, "--out", out])).toBe(1);
    const file = path.join(dir, ZH);
    expect(stderr).toMatch(new RegExp(`^${escapeRegExp(file)}:${await lineStarting(file, "editor:")}:\\d+: error: invalid YAML: `, "m"));
    expect(await readFile(pdf)).toEqual(bytes);
    expect(browser.launches).toBe(0);
  });

  it("counts the errors of several files", async () => {
    const dir = await copySample();
    await edit(dir, ZH, "documentCode: A", "documentCode: F");
    await edit(dir, ZH, "editor: 李万胜\n", "");
    await edit(dir, path.join("2021-03", "issue.yaml"), "  - xu-tao-sco-security", "  - xu-tao-sco-security\n  - gone");
    const { out } = await outWithOldPdf();
    expect(await main(["build", dir, "--out", out])).toBe(1);
    expect(stderr.match(/: error: /g)).toHaveLength(3);
    expect(stderr).toContain("paiban: 3 errors in the sources; nothing was written\n");
  });

  it("reports a fault in the Markdown body at its file line, before any layout", async () => {
    const dir = await copySample();
    await edit(dir, ZH, "## 结语\n", "## 结语\n\n一段引用了不存在的注释[^nowhere]。\n");
    const { out, pdf, bytes } = await outWithOldPdf();
    expect(await main(["build", dir, "--out", out])).toBe(1);
    const file = path.join(dir, ZH);
    expect(stderr).toContain(
      `${file}:${await lineStarting(file, "一段引用了不存在的注释")}: error: note [^nowhere] is cited but never defined\n`,
    );
    expect(await readFile(pdf)).toEqual(bytes);
    // The browser may have been started ahead, once, while the Markdown was read; nothing was laid out.
    expect(browser.launches).toBeLessThanOrEqual(1);
    expect(stderr).not.toContain("laying out");
  });

  it("exits 1 for a folder that does not exist", async () => {
    const missing = path.join(os.tmpdir(), "paiban-no-such-folder");
    expect(await main(["build", missing])).toBe(1);
    expect(stderr).toContain(`${missing}: error: no such folder`);
    expect(browser.launches).toBe(0);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
