import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { codeFingerprint } from "../../src/cache/fingerprint.ts";
import { hash } from "../../src/cache/hash.ts";
import { openCache } from "../../src/cache/layout-cache.ts";
import type { PreflightFinding } from "../../src/preflight/index.ts";
import type { DocumentLayout } from "../../src/render/layout.ts";

const LAYOUT: DocumentLayout = {
  pages: [{ index: 1, side: "right", notes: [{ number: 1, text: "注。", callPage: 1 }], area: { left: 1, top: 2, right: 3, bottom: 4 } }],
  links: [],
  floats: [],
  problems: [],
};
const PDF = new Uint8Array([37, 80, 68, 70, 45]);
const FINDING: PreflightFinding = { rule: "line-start", page: 1, text: "⏎，", message: "a line starts with '，'" };

const folders: string[] = [];
async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "paiban-cache-unit-"));
  folders.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("the layout cache", () => {
  it("gives back a layout, its PDF, findings and records as they were saved, under their keys only", async () => {
    const cache = openCache(await folder());
    const key = hash("document");
    expect(await cache.layout(key)).toBeUndefined();
    await cache.saveLayout(key, { pdf: PDF, layout: LAYOUT });
    expect(await cache.layout(key)).toEqual({ pdf: PDF, layout: LAYOUT });
    expect(await cache.layout(hash("another document"))).toBeUndefined();

    await cache.saveFindings(key, [FINDING]);
    expect(await cache.findings(key)).toEqual([FINDING]);
    await cache.saveRecord("issue", { written: ["a.pdf"] });
    expect(await cache.record("issue")).toEqual({ written: ["a.pdf"] });
    expect(await cache.record("other")).toBeUndefined();
  });

  it("trusts no half entry: a layout whose PDF is missing, or a file cut short, is a miss", async () => {
    const dir = await folder();
    const cache = openCache(dir);
    const key = hash("document");
    await cache.saveLayout(key, { pdf: PDF, layout: LAYOUT });
    const entry = path.join(dir, key.slice(0, 2));
    await rm(path.join(entry, `${key}.pdf`));
    expect(await cache.layout(key)).toBeUndefined();

    await cache.saveFindings(key, [FINDING]);
    await writeFile(path.join(entry, `${key}.findings.json`), '[{"rule": "line-st');
    expect(await cache.findings(key)).toBeUndefined();
    // Written whole and renamed: no temporary file is left beside the entries.
    expect((await readdir(entry)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("with no folder, misses every lookup and keeps nothing", async () => {
    const cache = openCache(undefined);
    await cache.saveLayout("k", { pdf: PDF, layout: LAYOUT });
    await cache.saveFindings("k", [FINDING]);
    await cache.saveRecord("r", {});
    expect(await cache.layout("k")).toBeUndefined();
    expect(await cache.findings("k")).toBeUndefined();
    expect(await cache.record("r")).toBeUndefined();
  });
});

describe("the fingerprint of code, part of every cache key", () => {
  it("is the same for the same files and browser, and changes with a file under a folder named, or with the browser", async () => {
    const dir = await folder();
    await mkdir(path.join(dir, "handlers"));
    await writeFile(path.join(dir, "handlers", "a.ts"), "export const a = 1;");
    await writeFile(path.join(dir, "b.css"), "p { margin: 0 }");
    const before = await codeFingerprint([dir], "chromium 156");
    expect(await codeFingerprint([dir], "chromium 156")).toBe(before);
    expect(await codeFingerprint([dir], "chromium 157")).not.toBe(before);
    await writeFile(path.join(dir, "handlers", "a.ts"), "export const a = 2;");
    const edited = await codeFingerprint([dir], "chromium 156");
    expect(edited).not.toBe(before);
    // A single file named stands for itself.
    expect(await codeFingerprint([path.join(dir, "b.css")], "chromium 156")).not.toBe(edited);
  });
});

describe("hash", () => {
  it("keeps the parts apart: ('ab', 'c') is not ('a', 'bc')", () => {
    expect(hash("ab", "c")).not.toBe(hash("a", "bc"));
    expect(hash("ab", "c")).toBe(hash("ab", "c"));
  });
});
