import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { describe, expect, it } from "vitest";
import { pageAssets } from "../../src/compose/assets.ts";
import { packageFile, STYLES_DIR, TEMPLATES_DIR } from "../../src/config/paths.ts";

// The faces that set every full-width mark from one font file, so the browser compresses
// adjacent marks (标点挤压); the end-to-end test measures the result in the PDF. And how
// the page finds every font file, wherever npm installed the packages.

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

  it("cover every full-width mark, in both weights the article uses, from files of the font package", () => {
    expect(found.map((f) => [f.family, f.weight])).toEqual([
      ['"Noto Serif SC"', "400"],
      ['"Noto Serif SC"', "700"],
    ]);
    for (const face of found) {
      expect(face.src).toMatch(/^~@fontsource\/noto-serif-sc\/files\//);
      expect(existsSync(packageFile(face.src.slice(1))), face.src).toBe(true);
      const missing = MARKS.filter((mark) => {
        const code = mark.codePointAt(0) ?? 0;
        return !face.ranges.some(([from, to]) => code >= from && code <= to);
      });
      expect(missing, face.weight).toEqual([]);
    }
  });

  it("are set in the page after Fontsource's faces, so they take precedence where the ranges overlap", async () => {
    const { styles } = await pageAssets();
    const hbs = Handlebars.create();
    hbs.registerPartial("page-setup", "");
    const head = hbs.compile(readFileSync(path.join(TEMPLATES_DIR, "partials", "document-head.hbs"), "utf8"))({ document: {}, styles });
    const links = [...head.matchAll(/<link rel="stylesheet" href="([^"]+)" data-pagedjs-ignore>/g)];
    const lastFontsource = Math.max(...links.filter((l) => l[1]?.includes("/@fontsource/noto-serif-sc/")).map((l) => l.index));
    const punctuation = head.indexOf("<style data-pagedjs-ignore>");
    expect(lastFontsource).toBeGreaterThan(0);
    expect(punctuation).toBeGreaterThan(lastFontsource);
    expect(head.slice(punctuation)).toMatch(/^<style data-pagedjs-ignore>\n@font-face {\n {2}font-family: "Noto Serif SC";/);
  });
});

describe("the fonts' files", () => {
  it("are named by no stylesheet of ours through a path into node_modules: npm decides where packages go", () => {
    for (const name of readdirSync(STYLES_DIR).filter((f) => f.endsWith(".css"))) {
      expect(readFileSync(path.join(STYLES_DIR, name), "utf8"), name).not.toMatch(/node_modules/);
    }
  });

  it("are all there, and the page is given each by its real place and may read it", async () => {
    const { styles, readableRoots } = await pageAssets();
    const css = styles.fontFaces.map((f) => f.css).join("\n");
    const urls = [...css.matchAll(/url\("([^"]+)"\)/g)].map((m) => m[1] as string);
    expect(urls).toHaveLength(2);
    for (const url of urls) {
      const file = fileURLToPath(url);
      expect(existsSync(file), url).toBe(true);
      expect(readableRoots.some((root) => file.startsWith(`${root}${path.sep}`))).toBe(true);
    }
    for (const url of styles.fontStylesheets) expect(existsSync(fileURLToPath(url)), url).toBe(true);
    expect(css).not.toMatch(/~@fontsource/);
  });

  it("are named by the URL the caller gives: the preview serves them from its own paths", async () => {
    const served = (file: string) => `/served${file}`;
    const { styles } = await pageAssets(served);
    // The package file, or its cut made when paiban was compiled (fonts/face-cuts.ts): served either way.
    expect(styles.fontFaces[0]?.css).toMatch(/url\("\/served\/[^"]+\/lib\/fonts\/cuts\/[0-9a-f]{16}\.woff2"\)/);
    const whole = (await pageAssets(served, { cut: false })).styles;
    expect(whole.fontFaces[0]?.css).toMatch(/url\("\/served\/[^"]+\/noto-serif-sc-chinese-simplified-400-normal\.woff2"\)/);
    expect(styles.stylesheets[0]).toBe(`/served${path.join(STYLES_DIR, "page.css")}`);
  });
});
