import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.ts";
import { ROOT, SAMPLE } from "../support/build.ts";
import { spyOnOutput } from "../support/output.ts";

// None of these may get as far as laying out a page.
vi.mock("../../src/render/browser.ts", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../src/render/browser.ts")>()),
  launchBrowser: () => Promise.reject(new Error("the browser was launched")),
}));

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

afterEach(() => {
  vi.restoreAllMocks();
});

const COMMANDS = ["build", "check", "preview", "export"];

describe("paiban's commands", () => {
  it("--help lists every command", async () => {
    expect(await main(["--help"])).toBe(0);
    for (const command of COMMANDS) expect(stdout).toMatch(new RegExp(`^  paiban ${command} `, "m"));
  });

  it.each([
    ["check", ["--format <kind>", "Exit status"]],
    ["preview", ["--port <n>", "127.0.0.1", "Ctrl-C"]],
    ["export", ["paiban export jats [path]", "--out <dir>", "--pdf-out <dir>", "--strict", "--no-strict"]],
  ])("%s --help gives its usage and every option", async (command, expected) => {
    expect(await main([command, "--help"])).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: paiban ${command} `));
    for (const text of [...expected, "-h, --help"]) expect(stdout).toContain(text);
    expect(stderr).toBe("");
  });

  it("export needs a format it knows, before reading anything", async () => {
    expect(await main(["export"])).toBe(2);
    expect(stderr).toMatch(/^paiban export: say what to export: the formats are jats\n/);
    stderr = "";
    expect(await main(["export", "pdf", SAMPLE])).toBe(2);
    expect(stderr).toMatch(/^paiban export: cannot export 'pdf'/);
  });

  it("export jats stops on a fault in the sources before laying out", async () => {
    expect(await main(["export", "jats", path.join(SAMPLE, "no-such-issue")])).toBe(1);
    expect(stderr).toContain("no such folder");
  });

  it("preview refuses a port that is not one", async () => {
    expect(await main(["preview", SAMPLE, "--port", "http"])).toBe(2);
    expect(stderr).toContain("--port must be a number from 0 to 65535");
  });

  it("takes one path at most", async () => {
    for (const command of [["check"], ["preview"], ["export", "jats"]]) {
      stderr = "";
      expect(await main([...command, SAMPLE, SAMPLE])).toBe(2);
      expect(stderr).toContain("one path at most, got 2");
    }
  });
});

describe("the CI workflow", () => {
  it("installs Chromium, checks the sources, tests, typesets and keeps the PDFs, in that order", async () => {
    const workflow = parse(await readFile(path.join(ROOT, ".github", "workflows", "build.yml"), "utf8")) as {
      jobs: { build: { steps: { run?: string; uses?: string; with?: Record<string, string> }[] } };
    };
    const steps = workflow.jobs.build.steps.map((s) => s.run ?? s.uses ?? "");
    const at = (pattern: RegExp) => steps.findIndex((s) => pattern.test(s));
    const order = [
      /apt-get install .*chromium/,
      /^npm ci$/,
      /^npx paiban check content$/,
      /^npm test$/,
      /^npm run build$/,
      /^actions\/upload-artifact@/,
    ].map(at);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const upload = workflow.jobs.build.steps[order[5] as number];
    expect(upload?.with?.path).toBe("dist/**/*.pdf");
  });

  it("shows a matrix over shards with paiban build --shard k/n", async () => {
    const text = await readFile(path.join(ROOT, ".github", "workflows", "build.yml"), "utf8");
    expect(text).toMatch(/^ {2}# +- run: npx paiban build content --shard \$\{\{ matrix\.shard \}\}\/4$/m);
  });
});
