import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import subsetFont from "subset-font";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatFinding, preflight } from "../../src/preflight/index.ts";
import { launchBrowser } from "../../src/render/browser.ts";
import { listFonts } from "../support/pdf.ts";
import { renderFixture } from "../support/render.ts";

// A machine with a font of its own that has a glyph ours lack, as a desktop with CJK fonts
// installed has: here a user font folder, which fontconfig's standard configuration reads
// ($XDG_DATA_HOME/fonts), holding Noto Sans Egyptian Hieroglyphs. A browser left to the
// machine's fonts sets U+13000 in it; paiban's browser must not.

const require = createRequire(import.meta.url);
const HIEROGLYPHS = "@fontsource/noto-sans-egyptian-hieroglyphs/files/noto-sans-egyptian-hieroglyphs-egyptian-hieroglyphs-400-normal.woff2";

const markdown = "第一段说明这台机器自己的字体。\n\n这一段有一个象形文字\u{13000}，我们的字体里没有它。\n\n第三段说明结果。";

let home: string;
const saved = process.env.XDG_DATA_HOME;

beforeAll(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), "paiban-machine-fonts-"));
  await mkdir(path.join(home, "fonts"));
  // fontconfig reads TrueType files; the package has WOFF2 only.
  const ttf = await subsetFont(await readFile(require.resolve(HIEROGLYPHS)), "\u{13000}\u{13001}", { targetFormat: "sfnt" });
  await writeFile(path.join(home, "fonts", "NotoSansEgyptianHieroglyphs-Regular.ttf"), ttf);
  process.env.XDG_DATA_HOME = home;
});

afterAll(async () => {
  if (saved === undefined) delete process.env.XDG_DATA_HOME;
  else process.env.XDG_DATA_HOME = saved;
  await rm(home, { recursive: true, force: true });
});

const fontNames = async (pdf: Uint8Array) => (await listFonts(pdf)).map((f) => f.name.replace(/^\/?([A-Z]{6}\+)?/, ""));

describe("the machine's own fonts", () => {
  it("are used by a browser left to the machine's configuration (the case paiban guards against)", async () => {
    const machine = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
    const browser = await launchBrowser({ ...machine, XDG_DATA_HOME: home });
    try {
      const rendered = await renderFixture(browser, { markdown });
      expect(await fontNames(rendered.pdf)).toContain("NotoSansEgyptianHieroglyphs-Regular");
      // The preflight, which reads a page's fonts the slow way only where they are not all ours, says so.
      const findings = (await preflight(rendered)).map(formatFinding);
      expect(findings).toContainEqual(
        expect.stringMatching(/^page 1: missing-glyph: set in NotoSansEgyptianHieroglyphs-Regular, not one of our fonts/),
      );
    } finally {
      await browser.close();
    }
  });

  it("stay out of paiban's pages: the character prints as .notdef, which the preflight reports", async () => {
    const browser = await launchBrowser();
    try {
      const rendered = await renderFixture(browser, { markdown });
      const names = await fontNames(rendered.pdf);
      expect(names).not.toContain("NotoSansEgyptianHieroglyphs-Regular");
      expect(names.every((name) => /^(NotoSerifSC|NotoSerif-)/.test(name))).toBe(true);
      const findings = (await preflight(rendered)).map(formatFinding);
      expect(findings).toContainEqual(expect.stringMatching(/^page 1: missing-glyph: a character printed as \.notdef .*象形文字\s?□/));
      expect(findings.join("\n")).not.toMatch(/not one of our fonts/);
    } finally {
      await browser.close();
    }
  });
});
