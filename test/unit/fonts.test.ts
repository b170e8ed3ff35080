import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkSources } from "../../src/check/index.ts";
import { SourceError } from "../../src/content/errors.ts";
import { loadSources } from "../../src/content/load.ts";
import { loadJournalFonts } from "../../src/fonts/journal-fonts.ts";
import { cutFaces, faceCuts } from "../../src/fonts/face-cuts.ts";
import { loadFontLibrary, readJournalFont } from "../../src/fonts/library.ts";
import { loadPackagedCoverage, recordPackagedCoverage } from "../../src/fonts/packaged-coverage.ts";
import { readFontFacts } from "../../src/fonts/sfnt.ts";
import { copySample, edit, JOURNAL, lineStarting, removeCopies, ZH } from "../support/content.ts";

const require = createRequire(import.meta.url);
const SC_SLICE = require.resolve("@fontsource/noto-serif-sc/files/noto-serif-sc-100-400-normal.woff2");
const HIEROGLYPHS = require.resolve(
  "@fontsource/noto-sans-egyptian-hieroglyphs/files/noto-sans-egyptian-hieroglyphs-egyptian-hieroglyphs-400-normal.woff2",
);

afterEach(removeCopies);

/** A minimal font file: the given tables, and a format 12 cmap giving `points` glyphs 1, 2… */
function sfnt(signature: "OTTO" | "\u0000\u0001\u0000\u0000", points: number[], extra: string[] = []): Uint8Array {
  const cmap = new DataView(new ArrayBuffer(4 + 8 + 16 + 12 * points.length));
  cmap.setUint16(2, 1);
  cmap.setUint16(4, 3);
  cmap.setUint16(6, 10);
  cmap.setUint32(8, 12);
  cmap.setUint16(12, 12);
  cmap.setUint32(16, 16 + 12 * points.length);
  cmap.setUint32(24, points.length);
  points.forEach((c, i) => {
    cmap.setUint32(28 + 12 * i, c);
    cmap.setUint32(32 + 12 * i, c);
    cmap.setUint32(36 + 12 * i, i + 1);
  });
  const tables = [["cmap", new Uint8Array(cmap.buffer)] as const, ...extra.map((tag) => [tag, new Uint8Array(4)] as const)];
  const header = 12 + 16 * tables.length;
  const size = header + tables.reduce((n, [, data]) => n + data.length, 0);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  for (const [i, ch] of [...signature].entries()) view.setUint8(i, ch.charCodeAt(0));
  view.setUint16(4, tables.length);
  let offset = header;
  tables.forEach(([tag, data], i) => {
    for (const [k, ch] of [...tag].entries()) view.setUint8(12 + 16 * i + k, ch.charCodeAt(0));
    view.setUint32(12 + 16 * i + 8, offset);
    view.setUint32(12 + 16 * i + 12, data.length);
    bytes.set(data, offset);
    offset += data.length;
  });
  return bytes;
}

describe("reading a font file", () => {
  it("reads the same characters and name from a slice's WOFF2 and WOFF", async () => {
    const woff2 = readFontFacts(await readFile(SC_SLICE));
    const woff = readFontFacts(await readFile(SC_SLICE.replace(/\.woff2$/, ".woff")));
    expect(woff2.coverage.size).toBeGreaterThan(100);
    expect([...woff2.coverage]).toEqual([...woff.coverage]);
    expect(woff2.postScriptName).toMatch(/^NotoSerifSC/);
    expect(woff2.outlines).toBe("glyf");
    expect(woff2.axes).toEqual([]);
  });

  it("tells PostScript outlines and reads a format 12 cmap", () => {
    const facts = readFontFacts(sfnt("OTTO", [0x21e2b, 0x41], ["CFF "]));
    expect(facts.outlines).toBe("cff");
    expect([...facts.coverage].sort((a, b) => a - b)).toEqual([0x41, 0x21e2b]);
  });

  it("refuses what is not a font", () => {
    expect(() => readFontFacts(new TextEncoder().encode("not a font at all"))).toThrow(/not a font file/);
  });
});

describe("our fonts", () => {
  it("print the ideographs Noto Serif SC lacks from Source Han Serif CN, and nothing has Extension B's 𡸫", async () => {
    const fonts = await loadFontLibrary();
    const at = (ch: string) => ch.codePointAt(0) as number;
    expect(fonts.inStyles(at("榮"))).toBe(true);
    expect(fonts.inStyles(at("譙"))).toBe(false);
    expect(fonts.fallbackFor(at("譙"))?.kind).toBe("han");
    // Extension A and a compatibility ideograph.
    expect(fonts.covers(at("㐀"))).toBe(true);
    expect(fonts.covers(at("\ufa0e"))).toBe(true);
    // Latin Extended-A and Greek from Noto Serif.
    expect(fonts.inStyles(at("ŭ"))).toBe(true);
    expect(fonts.inStyles(at("λ"))).toBe(true);
    expect(fonts.covers(at("𡸫"))).toBe(false);
    // A soft hyphen or word joiner needs no glyph.
    expect(fonts.covers(0xad)).toBe(true);
    expect(fonts.covers(0x2060)).toBe(true);
  });

  it("take the journal's own font files for what the packages lack", async () => {
    const fonts = await loadFontLibrary([await readJournalFont(HIEROGLYPHS)]);
    expect(fonts.fallbackFor(0x13000)).toMatchObject({ kind: "journal", file: HIEROGLYPHS });
    expect(fonts.postScriptNames.some((name) => name.test("NotoSansEgyptianHieroglyphs-Regular"))).toBe(true);
  });
});

describe("the journal's font files", () => {
  it("are reported with their line when missing, unreadable or with PostScript outlines", async () => {
    const dir = await copySample();
    await mkdir(path.join(dir, "fonts"));
    await writeFile(path.join(dir, "fonts", "cff.otf"), sfnt("OTTO", [0x21e2b], ["CFF "]));
    await writeFile(path.join(dir, "fonts", "text.ttf"), "This is a text file, not a font.");
    const journal = path.join(dir, JOURNAL);
    await writeFile(journal, `${await readFile(journal, "utf8")}fonts:\n  - fonts/none.ttf\n  - fonts/cff.otf\n  - fonts/text.ttf\n`);
    const error = await loadJournalFonts(journal, ["fonts/none.ttf", "fonts/cff.otf", "fonts/text.ttf"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    const line = await lineStarting(journal, "- fonts/none.ttf");
    expect((error as SourceError).problems).toEqual([
      expect.objectContaining({ line, field: "fonts[0]", message: "no font file 'fonts/none.ttf'" }),
      expect.objectContaining({ line: line + 1, message: expect.stringMatching(/PostScript \(CFF\) outlines.*Type 3/) }),
      expect.objectContaining({ line: line + 2, message: expect.stringMatching(/cannot be read as a font: not a font file/) }),
    ]);
  });
});

describe("paiban check on characters no font has", () => {
  it("names each with its file, line, column and code point", async () => {
    const dir = await copySample();
    await edit(dir, ZH, "## 结语", "## 结语\n\n譙周之父名𡸫，又见𡸫字。");
    const report = await checkSources(dir);
    const zh = path.join(dir, ZH);
    const found = report.problems.filter((p) => /none of our fonts/.test(p.message));
    expect(found).toEqual([
      expect.objectContaining({
        file: zh,
        line: (await lineStarting(zh, "## 结语")) + 2,
        column: 6,
        severity: "error",
        message: "the character '𡸫' (U+21E2B) is in none of our fonts: it would print as a blank box (and 1 more time in this file)",
      }),
    ]);
  });

  it("reads compatibility ideographs and combining accents as the characters they stand for", async () => {
    const dir = await copySample();
    // 樂 U+F914 and 﨑 U+FA11 (which stands for itself); a typed combining acute accent.
    await edit(dir, ZH, "## 结语", "## 结语\n\n禮\u{F914}之説，見於\u{FA11}氏，Pe\u0301rez。");
    const report = await checkSources(dir);
    const unknown = report.problems.filter((p) => /none of our fonts/.test(p.message)).map((p) => p.message);
    expect(unknown.filter((m) => m.includes("U+F914") || m.includes("U+0301"))).toEqual([]);
    const [issue] = (await loadSources(dir)).issues;
    const body = issue?.articles[0]?.zh.body ?? "";
    expect(body).toContain("禮\u6A02之説");
    expect(body).toContain("P\u00E9rez");
    expect(body).toContain("\u{FA11}氏");
  });

  it("takes the journal's own fonts into account", async () => {
    const dir = await copySample();
    await edit(dir, ZH, "## 结语", "## 结语\n\n象形文字\u{13000}。");
    expect((await checkSources(dir)).problems.filter((p) => /none of our fonts/.test(p.message))).toHaveLength(1);
    await mkdir(path.join(dir, "fonts"));
    await cp(HIEROGLYPHS, path.join(dir, "fonts", "hieroglyphs.woff2"));
    const journal = path.join(dir, JOURNAL);
    await writeFile(journal, `${await readFile(journal, "utf8")}fonts: [fonts/hieroglyphs.woff2]\n`);
    const report = await checkSources(dir);
    expect(report.problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("are known from the compiled record only when it was made from the font packages installed", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "paiban-coverage-"));
    try {
      const record = path.join(dir, "packaged-coverage.json");
      await recordPackagedCoverage(record);
      const recorded = await loadPackagedCoverage(record);
      const read = await loadPackagedCoverage(path.join(dir, "none.json"));
      // The same answer for every character of the first three planes, styles and Han slices alike.
      const differ: number[] = [];
      for (let c = 0; c < 0x30000; c++) {
        if (recorded.styles.has(c) !== read.styles.has(c) || recorded.hanSlice(c) !== read.hanSlice(c)) differ.push(c);
      }
      expect(differ).toEqual([]);
      expect(read.hanSlice(0x8b59)).toMatch(/SourceHanSerifCN\/.+\.woff2$/); // 譙
      // A record is taken as it is when its packages are those installed, and not otherwise.
      const made = JSON.parse(await readFile(record, "utf8")) as { packages: string; styles: number[] };
      await writeFile(record, JSON.stringify({ ...made, styles: [] }));
      expect((await loadPackagedCoverage(record)).styles.has(0x69ae)).toBe(false); // 榮
      await writeFile(record, JSON.stringify({ ...made, styles: [], packages: `${made.packages} (other)` }));
      expect((await loadPackagedCoverage(record)).styles.has(0x69ae)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the cuts of our own faces' files", () => {
  it("are taken only when cut from the version of the package installed", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "paiban-cuts-"));
    try {
      const record = path.join(dir, "cuts.json");
      const asked = {
        source: "~@fontsource/noto-serif-sc/files/noto-serif-sc-chinese-simplified-400-normal.woff2",
        range: "U+3001-3002, U+FF0C",
      };
      await cutFaces([asked], record);
      const cut = (await faceCuts(record))(asked);
      // Just the range's characters, the same name as the file's.
      const facts = readFontFacts(await readFile(cut as string));
      expect([...facts.coverage].sort((a, b) => a - b)).toEqual([0x3001, 0x3002, 0xff0c]);
      expect(facts.postScriptName).toMatch(/^NotoSerifSC/);
      // Another range, or a cut from another version of the package: the file is loaded whole.
      expect((await faceCuts(record))({ ...asked, range: "U+3001" })).toBeUndefined();
      const made = JSON.parse(await readFile(record, "utf8")) as { cuts: Record<string, { file: string; from: string }> };
      for (const entry of Object.values(made.cuts)) entry.from = "@fontsource/noto-serif-sc@0.0.1";
      await writeFile(record, JSON.stringify(made));
      expect((await faceCuts(record))(asked)).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
