import path from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STYLES_DIR, TEMPLATES_DIR } from "../../src/config/paths.ts";
import { startPreview, type PreviewServer } from "../../src/preview/server.ts";
import { launchBrowser } from "../../src/render/browser.ts";
import { copySample, edit, lineStarting, removeCopies, ZH } from "../support/content.ts";

let content: string;
let preview: PreviewServer;
let browser: Browser;
let page: Page;
const log: string[] = [];
/** Every request the page made, to show that nothing left this machine. */
const requests: string[] = [];

beforeAll(async () => {
  content = await copySample();
  preview = await startPreview({ target: content, port: 0, report: (line) => log.push(line) });
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 1200 });
  page.on("request", (request) => requests.push(request.url()));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  await removeCopies();
});

/** The pages Paged.js laid out in the window, once it has finished. */
async function laidOutPages(): Promise<string[]> {
  await page.waitForSelector(".pagedjs_pages .pagedjs_page", { timeout: 90_000 });
  // Paged.js adds pages one at a time; done when the count holds still.
  let count = -1;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await page.evaluate(() => document.querySelectorAll(".pagedjs_page").length);
    if (now === count) break;
    count = now;
  }
  return page.evaluate(() => [...document.querySelectorAll(".pagedjs_page")].map((p) => p.textContent ?? ""));
}

/** Saves an edit and waits for the open page to reload. */
async function editAndReload(file: string, from: string, to: string): Promise<void> {
  const reloaded = page.waitForNavigation({ timeout: 30_000 });
  await edit(content, file, from, to);
  await reloaded;
}

describe("paiban preview", () => {
  it("serves on 127.0.0.1 only", () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it("shows the article paginated by Paged.js, as the print lays it out", async () => {
    // The sample is an issue of two articles: the preview opens on the list of them.
    await page.goto(preview.url);
    const links = await page.evaluate(() => [...document.querySelectorAll("a")].map((a) => a.getAttribute("href")));
    expect(links).toEqual(["/2021-03/xu-tao-sco-security/", "/2021-03/lin-xiao-census-regions/"]);
    await page.goto(`${preview.url}2021-03/xu-tao-sco-security/`);
    const pages = await laidOutPages();
    expect(pages.length).toBeGreaterThan(5);
    expect(pages[0]).toContain("中国新安全观与上合组织二十年安全实践");
    expect(pages[0]).toContain("【文章编号】1006-6241(2021)03-0001-13");
    // Notes at the foot of the page that cites them, as in print.
    const notes = await page.evaluate(
      () => document.querySelectorAll(".pagedjs_page .pagedjs_footnote_area [data-footnote-marker]").length,
    );
    expect(notes).toBeGreaterThan(10);
    expect(pages.at(-1)).toContain("This article was received on April 13, 2021.");
  });

  it("asks nothing of any other server: Paged.js, styles and fonts are served locally", () => {
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((url) => !url.startsWith(preview.url))).toEqual([]);
    expect(requests).toContain(`${preview.url}assets/node_modules/pagedjs/dist/paged.polyfill.js`);
    expect(requests.some((url) => url.endsWith(".woff2"))).toBe(true);
  });

  it("reloads with the change when a source is saved", async () => {
    await editAndReload(ZH, "  zh: 中国新安全观与上合组织二十年安全实践", "  zh: 中国新安全观与上合组织二十年安全实践（修订）");
    const pages = await laidOutPages();
    expect(pages[0]).toContain("中国新安全观与上合组织二十年安全实践（修订）");
  });

  it("shows the fault, with its file and line, when a source is broken, and the pages again once it is mended", async () => {
    const zh = path.join(content, ZH);
    await editAndReload(ZH, "documentCode: A", "documentCode: Q");
    await page.waitForSelector(".problem");
    const shown = await page.$eval("body", (body) => body.textContent ?? "");
    expect(shown).toContain("1 error in the sources");
    expect(shown).toContain(`${zh}:${await lineStarting(zh, "documentCode:")}: error: documentCode: must be one of the 文献标识码 codes`);
    expect(log.at(-1)).toContain("documentCode");

    await editAndReload(ZH, "documentCode: Q", "documentCode: A");
    const pages = await laidOutPages();
    expect(pages[0]).toContain("【文献标识码】A");
  });

  it("watches the content folder, the templates and the styles, and reloads the open page on a rebuild", async () => {
    expect(preview.watching).toEqual([content, TEMPLATES_DIR, STYLES_DIR]);
    const reloaded = page.waitForNavigation({ timeout: 30_000 });
    // The project's own styles are not to be edited by a test: a change there calls this same rebuild.
    await preview.rebuild();
    await reloaded;
    expect((await laidOutPages()).length).toBeGreaterThan(5);
  });
});
