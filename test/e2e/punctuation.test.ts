import { stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Browser } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageAssets } from "../../src/compose/assets.ts";
import { launchBrowser } from "../../src/render/browser.ts";
import { type PdfPage, readPdfBytes } from "../support/pdf.ts";
import { buildArticle, renderFixture } from "../support/render.ts";

// 标点挤压: two adjacent full-width marks take 1.5 em, not 2 (clreq, GB/T 15834), read
// back from the PDF. Each character gets the x where the PDF draws it, so the advance from
// one mark to the next is measurable whether or not pdf.js put them in one text item.

const BODY_SIZE = 10.5;
const NOTE_SIZE = 8.5;

/** One character as the PDF draws it. */
interface PdfChar {
  ch: string;
  x: number;
  top: number;
  size: number;
  /** The embedded font's name, subset tag included. */
  font: string;
}

/** The characters of a page in content order; an item's width is shared out evenly (full-width text is). */
function charsOf(page: PdfPage): PdfChar[] {
  return page.items.flatMap((item) => {
    const chars = [...item.text];
    const width = (item.right - item.x) / chars.length;
    return chars.map((ch, i) => ({ ch, x: item.x + i * width, top: item.top, size: item.size, font: item.font ?? "" }));
  });
}

/** Every place the two characters of `pair` stand side by side on one line. */
function pairsOf(chars: PdfChar[], pair: string): [PdfChar, PdfChar][] {
  const [first, second] = [...pair];
  const found: [PdfChar, PdfChar][] = [];
  chars.forEach((a, i) => {
    const b = chars[i + 1];
    if (b && a.ch === first && b.ch === second && Math.abs(a.top - b.top) < 0.5) found.push([a, b]);
  });
  return found;
}

const HAN = /\p{Script=Han}/u;

/**
 * The advance from `a` to `b` in ems, less what justification added to every gap of
 * the line (the median gap between Han characters on it).
 */
function advance(chars: PdfChar[], [a, b]: [PdfChar, PdfChar]): number {
  const line = chars.filter((c) => Math.abs(c.top - a.top) < 0.5 && c.size === a.size);
  const han = line.flatMap((c, i) => {
    const next = line[i + 1];
    return next && HAN.test(c.ch) && HAN.test(next.ch) ? [next.x - c.x - c.size] : [];
  });
  const stretch = han.sort((x, y) => x - y)[Math.floor(han.length / 2)] ?? 0;
  return (b.x - a.x - stretch) / a.size;
}

const CJK_FONT = /^[A-Z]{6}\+NotoSerifSC/;
const LATIN_FONT = /^[A-Z]{6}\+NotoSerif-/;

describe("punctuation compression in the sample article", () => {
  /** The characters of the Chinese article's pages, and of the English part's, page by page. */
  let chinese: PdfChar[][];
  let english: PdfChar[][];

  beforeAll(async () => {
    const built = await buildArticle();
    const pages = (await readPdfBytes(built.pdf, { fonts: true })).pages.map(charsOf);
    const englishStart = pages.findIndex((chars) =>
      chars
        .map((c) => c.ch)
        .join("")
        .replace(/\s+/g, "")
        .includes("ByXuTao"),
    );
    expect(englishStart).toBeGreaterThan(0);
    chinese = pages.slice(0, englishStart);
    english = pages.slice(englishStart);
  }, 180_000);

  it("sets quotation marks in the Chinese font in Chinese text and in the Latin font in English text", () => {
    // “‘上海五国’进程 and “上海精神” in Chinese; “calling on…” and the SCO’s in English.
    for (const [mark, pages, font] of [
      ...["“", "”", "‘", "’"].map((m) => [m, chinese, CJK_FONT] as const),
      ...["“", "”", "’"].map((m) => [m, english, LATIN_FONT] as const),
    ]) {
      const fonts = [
        ...new Set(
          pages
            .flat()
            .filter((c) => c.ch === mark && c.size === BODY_SIZE)
            .map((c) => c.font),
        ),
      ];
      expect(fonts.length, `${mark} is printed`).toBeGreaterThan(0);
      expect(fonts, mark).toEqual(fonts.map(() => expect.stringMatching(font)));
    }
  });

  it("sets ”） in “上合组织”） on page 1 in 1.5 em: ” loses its trailing half em", () => {
    const page1 = chinese[0] ?? [];
    const text = page1.map((c) => c.ch).join("");
    const at = text.indexOf("“上合组织”）");
    expect(at).toBeGreaterThanOrEqual(0);
    const pair: [PdfChar, PdfChar] = [page1[at + 5] as PdfChar, page1[at + 6] as PdfChar];
    expect(pair.map((c) => c.ch).join("")).toBe("”）");
    expect(pair[0].size).toBe(BODY_SIZE);
    expect(pair[0].font).toMatch(CJK_FONT);
    // From one font file: the browser compresses only between glyphs of one font.
    expect(pair[1].font).toBe(pair[0].font);
    expect(advance(page1, pair)).toBeCloseTo(0.5, 1);
  });

  it("compresses every pair of adjacent full-width marks in the body and the notes", () => {
    const pairs = ["”）", "”。", "”，", "》，", "》。", "，“", "：“", "。”", "：《", "“‘"];
    const found = chinese.flatMap((chars) =>
      pairs
        .flatMap((p) => pairsOf(chars, p))
        .map((pair) => ({ pair: pair[0].ch + pair[1].ch, size: pair[0].size, advance: advance(chars, pair) })),
    );
    expect(found.length).toBeGreaterThan(30);
    expect(new Set(found.map((f) => f.size))).toEqual(new Set([BODY_SIZE, NOTE_SIZE]));
    expect(found).toEqual(found.map(({ pair, size }) => ({ pair, size, advance: expect.closeTo(0.5, 1) })));
  });
});

describe("punctuation compression, mark by mark", () => {
  let browser: Browser;
  let chars: PdfChar[];

  // A pair to a paragraph, each a line too short to be justified, and a run-in head in bold.
  const PAIRS = ["”）", "。”", "）、", "”，", "》，", "）（", "（“", "“‘", "’”", "：“", "”；", "！”", "？”", "】，", "」。"];
  const markdown = [...PAIRS.map((pair, i) => `第${i + 1}例${pair}乙丙。`), "**（一）“加粗”。**正文。"].join("\n\n");

  beforeAll(async () => {
    browser = await launchBrowser();
    const rendered = await renderFixture(browser, { markdown });
    const pdf = await readPdfBytes(rendered.pdf, { fonts: true });
    chars = charsOf(pdf.pages[0] as PdfPage);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it.each(PAIRS)("sets %s in 1.5 em", (pair) => {
    const [found] = pairsOf(chars, pair);
    if (!found) throw new Error(`${pair} is not on the page`);
    expect(found[0].size).toBe(BODY_SIZE);
    expect((found[1].x - found[0].x) / BODY_SIZE).toBeCloseTo(0.5, 2);
  });

  it("sets a mark followed by a Han character in a full em", () => {
    const [found] = pairsOf(chars, "）乙");
    if (!found) throw new Error("）乙 is not on the page");
    expect((found[1].x - found[0].x) / BODY_SIZE).toBeCloseTo(1, 2);
  });

  it("compresses bold marks too", () => {
    for (const pair of ["）“", "”。"]) {
      const bold = pairsOf(chars, pair).filter(([a]) => /Bold/.test(a.font));
      expect(bold, pair).toHaveLength(1);
      const [a, b] = bold[0] as [PdfChar, PdfChar];
      expect((b.x - a.x) / BODY_SIZE).toBeCloseTo(0.5, 2);
    }
  });
});

describe("the full-width marks' face", () => {
  // Marks in pairs and alone, in body text, bold and notes, and a long paragraph that breaks over lines.
  const markdown = [
    "（一）“新安全观”：互信、互利、平等、协作。《上海合作组织宪章》（2002年）规定，“互不侵犯”。",
    "**（二）“加粗”：【标题】，「引语」。**正文，‘单引号’；“双引号”！问号？",
    `${"他说：“这是一段很长的引文，其中有逗号、顿号、分号；还有括号（括号里的话）和书名号《书名》。”".repeat(6)}[^1]`,
    "[^1]: 注释里也有标点：“引号”（括号）、《书名》。",
  ].join("\n\n");

  it("is cut to the marks when paiban is compiled, and sets them where the whole file would", async () => {
    const { styles } = await pageAssets();
    // The cuts are made by `npm run compile`, which `npm ci` runs: the rules name them, not the 1.5 MB files.
    const cuts = styles.fontFaces.flatMap((face) => [...face.css.matchAll(/url\("([^"]+)"\)/g)].map((match) => match[1] as string));
    expect(cuts).toHaveLength(2);
    for (const url of cuts) {
      expect(url).toMatch(/\/lib\/fonts\/cuts\/[0-9a-f]{16}\.woff2$/);
      expect((await stat(fileURLToPath(url))).size).toBeLessThan(10_000);
    }
    const browser = await launchBrowser();
    try {
      const layouts = [];
      for (const cutFaces of [true, false]) {
        const rendered = await renderFixture(browser, { markdown, cutFaces });
        const pdf = await readPdfBytes(rendered.pdf, { fonts: true });
        layouts.push(
          pdf.pages.map((page) => charsOf(page).map(({ ch, x, top, size }) => ({ ch, x: x.toFixed(2), top: top.toFixed(2), size }))),
        );
      }
      const [cut, whole] = layouts;
      expect(cut?.flat().length).toBeGreaterThan(300);
      expect(cut).toEqual(whole);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
