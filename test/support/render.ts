import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "puppeteer";
import { pageAssets } from "../../src/compose/assets.ts";
import type { PressOptions } from "../../src/config/options.ts";
import { loadSources } from "../../src/content/load.ts";
import { renderBody, type MarkdownOptions } from "../../src/markdown/index.ts";
import type { SourceTexts } from "../../src/markdown/plugins/source-text.ts";
import type { DocumentLayout } from "../../src/render/layout.ts";
import { renderWithPagedJs } from "../../src/render/paged.ts";
import { build } from "../../src/typeset/index.ts";
import { SAMPLE_ARTICLE } from "./build.ts";

/** A laid-out document: the PDF as printed, the layout read from the page, the texts of its sources. */
export interface Rendered {
  pdf: Uint8Array;
  layout: DocumentLayout;
  expected: SourceTexts[];
}

/** Lays out an HTML document in `browser` through the real renderer; the page may read the project's styles and fonts, and `readable`. */
export async function renderHtml(
  browser: Browser,
  html: string,
  readable: string[] = [],
): Promise<{ pdf: Uint8Array; layout: DocumentLayout }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "paiban-render-"));
  try {
    const file = path.join(dir, "document.html");
    await writeFile(file, html);
    return await renderWithPagedJs(browser, file, { readableRoots: [...(await pageAssets()).readableRoots, ...readable] });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * An article as `paiban build` writes it (the finished PDF, into a throwaway folder),
 * with the layout the build read from the page and the texts of the article's sources.
 */
export async function buildArticle(dir = SAMPLE_ARTICLE, press: PressOptions = {}): Promise<Rendered> {
  const sources = await loadSources(dir);
  const article = sources.issues[0]?.articles[0];
  if (!article) throw new Error(`no article in ${dir}`);
  const outDir = await mkdtemp(path.join(os.tmpdir(), "paiban-preflight-"));
  try {
    const [built] =
      (await build(sources, { outDir, press, strict: true, editions: { issue: true, parallel: [] }, report: () => undefined }))[0]
        ?.articles ?? [];
    if (!built) throw new Error(`nothing built from ${dir}`);
    const expected = [
      renderBody(article.zh, { lang: "zh", fullWidthPunctuation: sources.journal.fullWidthPunctuation }).texts,
      renderBody(article.en, { lang: "en", fullWidthPunctuation: false }).texts,
    ];
    return { pdf: new Uint8Array(await readFile(built.file)), layout: built.layout, expected };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

export interface Fixture {
  /** The body, in Markdown (a Chinese body unless `lang` says otherwise). */
  markdown: string;
  lang?: MarkdownOptions["lang"];
  /** An extra stylesheet, after the project's. */
  css?: string;
  /** Changes to the body's HTML before layout. */
  edit?: (html: string) => string;
  /** Which of the project's font stylesheets to load, by their file: URL (default: all). */
  fonts?: (url: string) => boolean;
  /** Files or folders the page may read besides the project's styles and fonts. */
  readable?: string[];
  /** false: our own font rules load their package files whole, not the cuts made when paiban is compiled. */
  cutFaces?: boolean;
}

/**
 * A small document on the journal's page with the project's fonts and styles: the body
 * alone, in the article's body block (no title, metadata block or English part).
 */
export async function renderFixture(browser: Browser, fixture: Fixture): Promise<Rendered> {
  const lang = fixture.lang ?? "zh";
  const body = renderBody({ file: "fixture.md", body: fixture.markdown, bodyLine: 1 }, { lang, fullWidthPunctuation: lang === "zh" });
  const html = (fixture.edit ?? ((h: string) => h))(body.html);
  const block =
    lang === "zh"
      ? `<article class="article" lang="zh-Hans"><div class="article-body">`
      : `<article class="english-part" lang="en"><div class="english-body">`;
  const { styles } = await pageAssets(undefined, { cut: fixture.cutFaces ?? true });
  const fonts = fixture.fonts ?? (() => true);
  const document = [
    "<!doctype html>",
    `<html lang="zh-Hans"><head><meta charset="utf-8">`,
    ...styles.fontStylesheets.filter(fonts).map((url) => `<link rel="stylesheet" href="${url}" data-pagedjs-ignore>`),
    ...styles.fontFaces
      .filter((face) => fonts(pathToFileURL(face.stylesheet).href))
      .map((face) => `<style data-pagedjs-ignore>${face.css}</style>`),
    ...styles.stylesheets.map((url) => `<link rel="stylesheet" href="${url}">`),
    "<style>@page { size: 185mm 260mm; }</style>",
    fixture.css ? `<style>${fixture.css}</style>` : "",
    `</head><body>${block}`,
    html,
    "</div></article></body></html>",
  ].join("\n");
  const { pdf, layout } = await renderHtml(browser, document, fixture.readable);
  return { pdf, layout, expected: [body.texts] };
}
