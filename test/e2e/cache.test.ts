import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { build } from "../../src/typeset/index.ts";
import { main } from "../../src/cli/main.ts";
import { loadSources } from "../../src/content/load.ts";
import { SAMPLE } from "../support/build.ts";
import { spyOnOutput } from "../support/output.ts";

const EPOCH = "1618272000";
const savedEpoch = process.env.SOURCE_DATE_EPOCH;
const FILES = ["2021-03.pdf", path.join("2021-03", "xu-tao-sco-security.pdf"), path.join("2021-03", "lin-xiao-census-regions.pdf")];

/** Builds the sample's issue edition with a cache, returning the PDFs' bytes and the lines reported. */
async function buildWith(cacheDir: string): Promise<{ pdfs: Buffer[]; reports: string[] }> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), "paiban-cache-out-"));
  const reports: string[] = [];
  await build(await loadSources(SAMPLE), {
    outDir,
    cacheDir,
    strict: true,
    press: {},
    editions: { issue: true, parallel: [] },
    report: (line) => reports.push(line),
  });
  return { pdfs: await Promise.all(FILES.map((f) => readFile(path.join(outDir, f)))), reports };
}

let cold: Awaited<ReturnType<typeof buildWith>>;
let warm: Awaited<ReturnType<typeof buildWith>>;

beforeAll(async () => {
  process.env.SOURCE_DATE_EPOCH = EPOCH;
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), "paiban-cache-"));
  cold = await buildWith(cacheDir);
  warm = await buildWith(cacheDir);
}, 240_000);

afterAll(() => {
  if (savedEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = savedEpoch;
});

describe("a build from the layout cache", () => {
  it("lays nothing out again when nothing changed", () => {
    // The two articles, the contents and the ABSTRACTS page.
    expect(cold.reports.filter((r) => r.startsWith("laying out")).length).toBe(4);
    expect(warm.reports.filter((r) => r.startsWith("laying out"))).toEqual([]);
  });

  it("gives the same bytes as the cold build", () => {
    for (const [i, file] of FILES.entries()) {
      expect(warm.pdfs[i]?.length, file).toBeGreaterThan(10_000);
      expect(Buffer.compare(warm.pdfs[i] as Buffer, cold.pdfs[i] as Buffer), file).toBe(0);
    }
  });
});

describe("paiban build with nothing changed", () => {
  it("says the issue is up to date, and writes nothing anew", async () => {
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), "paiban-cache-"));
    const out = await mkdtemp(path.join(os.tmpdir(), "paiban-cache-out-"));
    const args = ["build", SAMPLE, "--edition", "issue", "--out", out, "--cache-dir", cacheDir];
    expect(await main(args)).toBe(0);
    const before = await readFile(path.join(out, FILES[0] as string));
    let stderr = "";
    spyOnOutput(
      () => undefined,
      (text) => (stderr += text),
    );
    try {
      expect(await main(args)).toBe(0);
    } finally {
      vi.restoreAllMocks();
    }
    expect(stderr).toMatch(/2021-03: up to date \(nothing changed since the last build\)/);
    expect(stderr).not.toMatch(/laying out|wrote/);
    expect(Buffer.compare(await readFile(path.join(out, FILES[0] as string)), before)).toBe(0);
  }, 240_000);
});
