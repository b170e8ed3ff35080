import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fontStylesheetUrls } from "../../src/compose/assets.ts";
import { STYLES_DIR } from "../../src/config/paths.ts";

// The faces that set every full-width mark from one font file, so the browser compresses
// adjacent marks (标点挤压); the end-to-end test measures the result in the PDF.

const FILE = path.join(STYLES_DIR, "punctuation-font.css");

/** The marks GB/T 15834 sets full-width and that take part in compression. */
const MARKS = [..."，。、；：？！“”‘’（）《》〈〉【】「」『』〔〕〖〗"];

interface Face {
  family: string;
  weight: string;
  src: string;
  ranges: [number, number][];
}

function faces(css: string): Face[] {
  return [...css.matchAll(/@font-face\s*{([^}]*)}/g)].map(([, body = ""]) => {
    const field = (name: string) => new RegExp(`${name}:\\s*([^;]+);`).exec(body)?.[1]?.trim() ?? "";
    const ranges = field("unicode-range")
      .split(",")
      .map((range): [number, number] => {
        const [from = "", to = from] = range.trim().replace(/^U\+/i, "").split("-");
        return [parseInt(from, 16), parseInt(to, 16)];
      });
    return { family: field("font-family"), weight: field("font-weight"), src: /url\("([^"]+)"\)/.exec(body)?.[1] ?? "", ranges };
  });
}

describe("the punctuation faces", () => {
  const found = faces(readFileSync(FILE, "utf8"));

  it("cover every full-width mark, in both weights the article uses, from files that exist", () => {
    expect(found.map((f) => [f.family, f.weight])).toEqual([
      ['"Noto Serif SC"', "400"],
      ['"Noto Serif SC"', "700"],
    ]);
    for (const face of found) {
      expect(existsSync(path.resolve(STYLES_DIR, face.src)), face.src).toBe(true);
      const missing = MARKS.filter((mark) => {
        const code = mark.codePointAt(0) ?? 0;
        return !face.ranges.some(([from, to]) => code >= from && code <= to);
      });
      expect(missing, face.weight).toEqual([]);
    }
  });

  it("are loaded after Fontsource's faces, so they take precedence where the ranges overlap", () => {
    const files = fontStylesheetUrls().map((url) => fileURLToPath(url));
    const fontsource = files.flatMap((file, i) => (file.includes(`${path.sep}noto-serif-sc${path.sep}`) ? [i] : []));
    expect(fontsource.length).toBeGreaterThan(0);
    expect(files.indexOf(FILE)).toBeGreaterThan(Math.max(...fontsource));
  });
});
