import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { packageFile, STYLES_DIR } from "../config/paths.ts";
import { type FaceCutAsked, faceCuts } from "../fonts/face-cuts.ts";
import { FONT_STYLESHEETS } from "../fonts/packaged-coverage.ts";

/** Stylesheets in cascade order: page geometry first, then the article (its figures and tables), the English part, the issue's own pages. */
export const STYLESHEETS = ["page.css", "article.css", "figures.css", "notes.css", "english.css", "issue.css", "parallel.css"];

/**
 * Our own @font-face rules (in styles/), after Fontsource's: where unicode ranges overlap,
 * the face defined last wins. They set the full-width marks from one file, so that the
 * browser compresses adjacent marks (标点挤压). They name font files of installed packages
 * as `url("~package/file")`: see `pageAssets`.
 */
export const LOCAL_FONT_STYLESHEETS = ["punctuation-font.css"];

/** The styles and fonts every composed document loads, named as the page fetches them. */
export interface DocumentStyles {
  /** The font packages' stylesheets, linked as they are: their url()s name files beside them. */
  fontStylesheets: string[];
  /** Our own font stylesheets (LOCAL_FONT_STYLESHEETS), each set in the document with its font files' URLs. */
  fontFaces: { stylesheet: string; css: string }[];
  stylesheets: string[];
}

export interface PageAssets {
  styles: DocumentStyles;
  /** The job line's stylesheet (the slug of a press PDF): its own, apart from the pages'. */
  jobLineStylesheet: string;
  /** Folders the page may read: the styles and the folders of every font file; any other request is refused. */
  readableRoots: string[];
}

/** How the page names a file: a file: URL in a build, a path on its own server in the preview. */
export type FileUrl = (file: string) => string;

/** A font file that is not where a stylesheet of ours says (an installation that lacks a package or a file). */
export class MissingFontError extends Error {
  constructor(stylesheet: string, url: string, detail: string) {
    super(
      `the font stylesheet ${stylesheet} names ${url}, ${detail}; nothing was written\n` +
        "  paiban's fonts come from npm packages: install paiban's dependencies again (npm ci)",
    );
    this.name = "MissingFontError";
  }
}

/**
 * The styles and fonts, found wherever npm installed them, and checked: every font file a
 * stylesheet names must be there. A missing one would leave its face unloaded without a
 * word and the text set in another face (the lines breaking differently), so the build
 * stops instead. Our own stylesheets name package files as `url("~@fontsource/…")`, found
 * through Node's module resolution: the packages may sit in paiban's node_modules or in
 * the node_modules of the project that installed it.
 */
export async function pageAssets(url: FileUrl = (file) => pathToFileURL(file).href, { cut = true } = {}): Promise<PageAssets> {
  const packaged = await Promise.all(FONT_STYLESHEETS.map((specifier) => readFontStylesheet(packageFile(specifier))));
  // `cut: false`: our own rules load their package files whole, as where paiban was not compiled.
  const cuts = cut ? await faceCuts() : undefined;
  const own = await Promise.all(LOCAL_FONT_STYLESHEETS.map((name) => readFontStylesheet(path.join(STYLES_DIR, name), cuts)));
  const sheets = [...packaged, ...own];
  await Promise.all(sheets.flatMap((sheet) => sheet.fonts.map((font) => requireFile(sheet.file, font))));
  const folders = sheets.flatMap((sheet) => [path.dirname(sheet.file), ...sheet.fonts.map((font) => path.dirname(font.file))]);
  return {
    styles: {
      fontStylesheets: packaged.map((sheet) => url(sheet.file)),
      fontFaces: own.map((sheet) => ({ stylesheet: sheet.file, css: sheet.resolved(url) })),
      stylesheets: STYLESHEETS.map((name) => url(path.join(STYLES_DIR, name))),
    },
    jobLineStylesheet: url(path.join(STYLES_DIR, "job-line.css")),
    readableRoots: [...new Set([STYLES_DIR, ...folders])],
  };
}

interface FontStylesheet {
  file: string;
  /** Each url() of the stylesheet and the file it names. */
  fonts: { url: string; file: string }[];
  /** The package files (`~…`) its rules take a range of characters from. */
  ranged: FaceCutAsked[];
  /** The stylesheet with each package file (`~…`) named by its URL. */
  resolved(url: FileUrl): string;
}

const URL_PATTERN = /url\(\s*(["']?)([^"')]+)\1\s*\)/g;
const FONT_FACE = /@font-face\s*{[^}]*}/g;
const UNICODE_RANGE = /unicode-range\s*:\s*([^;}]+)/;

type FaceCuts = Awaited<ReturnType<typeof faceCuts>>;

async function readFontStylesheet(file: string, cuts?: FaceCuts): Promise<FontStylesheet> {
  // Comments aside: they may show the url() form they explain.
  const css = (await readFile(file, "utf8")).replace(/\/\*[\s\S]*?\*\/\n*/g, "");
  const rangeOf = (rule: string) => UNICODE_RANGE.exec(rule)?.[1];
  // Each package file (`~…`) as a rule with that range names it: the cut made for the range if there is one, else the package's.
  const packaged = new Map<string, string>();
  const packagedKey = (value: string, range: string | undefined) => `${range ?? ""}\0${value}`;
  const fonts: FontStylesheet["fonts"] = [];
  const ranged: FaceCutAsked[] = [];
  for (const [rule] of css.matchAll(FONT_FACE)) {
    const range = rangeOf(rule);
    for (const [, , value = ""] of rule.matchAll(URL_PATTERN)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(value)) continue; // data: and other absolute URLs
      if (!value.startsWith("~")) {
        fonts.push({ url: value, file: path.resolve(path.dirname(file), value.replace(/[?#].*$/, "")) });
        continue;
      }
      const found = (range && cuts?.({ source: value, range })) || resolvePackageFile(file, value);
      packaged.set(packagedKey(value, range), found);
      fonts.push({ url: value, file: found });
      if (range) ranged.push({ source: value, range });
    }
  }
  return {
    file,
    fonts,
    ranged,
    resolved: (url) =>
      css.replace(FONT_FACE, (rule) =>
        rule.replace(URL_PATTERN, (whole, _quote: string, value: string) => {
          const found = packaged.get(packagedKey(value, rangeOf(rule)));
          return found ? `url("${url(found)}")` : whole;
        }),
      ),
  };
}

/**
 * The package files our own font rules take a range of characters from: cut to those ranges
 * when paiban is compiled (../fonts/face-cuts.ts).
 */
export async function localFaceSources(): Promise<FaceCutAsked[]> {
  const sheets = await Promise.all(LOCAL_FONT_STYLESHEETS.map((name) => readFontStylesheet(path.join(STYLES_DIR, name))));
  return sheets.flatMap((sheet) => sheet.ranged);
}

function resolvePackageFile(stylesheet: string, value: string): string {
  try {
    return packageFile(value.slice(1));
  } catch (error) {
    throw new MissingFontError(stylesheet, value, `which cannot be found (${(error as Error).message.split("\n")[0]})`);
  }
}

async function requireFile(stylesheet: string, font: { url: string; file: string }): Promise<void> {
  const found = await stat(font.file).catch(() => undefined);
  if (!found?.isFile()) throw new MissingFontError(stylesheet, font.url, `but there is no ${font.file}`);
}
