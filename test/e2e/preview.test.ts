import { readdir, stat, utimes } from "node:fs/promises";
import { connect } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STYLES_DIR, TEMPLATES_DIR } from "../../src/config/paths.ts";
import { startPreview, type PreviewServer } from "../../src/preview/server.ts";
import { launchBrowser } from "../../src/render/browser.ts";
import { AREA, buildInto } from "../support/build.ts";
import { ARTICLE, copySample, edit, lineStarting, removeCopies, ZH } from "../support/content.ts";
import { notesOn } from "../support/notes.ts";
import { type PdfFile, readPdf } from "../support/pdf.ts";
import { normalise } from "../support/seed.ts";

let content: string;
let print: PdfFile;
let preview: PreviewServer;
let browser: Browser;
let page: Page;
const log: string[] = [];
/** Every request the page made, to show that nothing left this machine. */
const requests: string[] = [];

beforeAll(async () => {
  content = await copySample();
  // The article as paiban build prints it, to hold the preview's pages against.
  const out = await buildInto(path.join(content, ARTICLE), "--edition", "issue");
  print = await readPdf(path.join(out, `${ARTICLE}.pdf`));
  preview = await startPreview({ target: content, port: 0, report: (line) => log.push(line) });
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 1200 });
  page.on("request", (request) => requests.push(request.url()));
}, 300_000);

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

/** Each laid-out page's text, and its notes' texts. */
async function laidOutNotes(): Promise<{ text: string; notes: string[] }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll(".pagedjs_page")].map((p) => ({
      // Less what prints nothing: the word joiners that keep a note call to its word, soft hyphens.
      text: (p.querySelector(".pagedjs_page_content")?.textContent ?? "").replace(/[\u2060\u00ad]/g, ""),
      notes: [...p.querySelectorAll(".pagedjs_footnote_area .footnote")].map((n) => (n.textContent ?? "").replace(/[\u2060\u00ad]/g, "")),
    })),
  );
}

/** Whether a connection to `host`:`port` is taken (true) or refused (false). */
function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 5_000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Touches a file (its times only, put back at once: both changes fall within the preview's
 * settling time, so they make one rebuild) and waits for the open page to reload.
 */
async function touchAndReload(file: string): Promise<void> {
  const { atime, mtime } = await stat(file);
  const reloaded = page.waitForNavigation({ timeout: 30_000 });
  try {
    await utimes(file, new Date(), new Date());
  } finally {
    await utimes(file, atime, mtime);
  }
  await reloaded;
}

/** Saves an edit and waits for the open page to reload. */
async function editAndReload(file: string, from: string, to: string): Promise<void> {
  const reloaded = page.waitForNavigation({ timeout: 30_000 });
  await edit(content, file, from, to);
  await reloaded;
}

describe("paiban preview", () => {
  it("serves on 127.0.0.1 only: this machine's other addresses refuse the connection", async () => {
    const url = new URL(preview.url);
    expect(url.hostname).toBe("127.0.0.1");
    const port = Number(url.port);
    expect(await connects("127.0.0.1", port)).toBe(true);
    // Another loopback address, IPv6's, and every address of the machine's network interfaces.
    const others = [
      "127.0.0.2",
      "::1",
      ...Object.values(os.networkInterfaces())
        .flat()
        .flatMap((i) => (i && !i.internal ? [i.family === "IPv6" && i.scopeid ? `${i.address}%${i.scopeid}` : i.address] : [])),
    ];
    for (const host of others) expect(await connects(host, port), host).toBe(false);
  });

  it("shows the article paginated by Paged.js, as the print lays it out: the same pages, each with the same notes", async () => {
    // The sample is an issue of two articles: the preview opens on the list of them.
    await page.goto(preview.url);
    const links = await page.evaluate(() => [...document.querySelectorAll("a")].map((a) => a.getAttribute("href")));
    expect(links).toEqual(["/2021-03/xu-tao-sco-security/", "/2021-03/lin-xiao-census-regions/"]);
    await page.goto(`${preview.url}2021-03/xu-tao-sco-security/`);
    const pages = await laidOutPages();
    expect(pages[0]).toContain("中国新安全观与上合组织二十年安全实践");
    expect(pages[0]).toContain("【文章编号】1006-6241(2021)03-0001-13");
    const shown = await laidOutNotes();
    expect(shown).toHaveLength(print.pages.length);
    for (const [i, printed] of print.pages.entries()) {
      // Each page starts where the printed one does, and has the notes it has, at its foot.
      const firstLine = printed.lines.find((l) => l.size >= 10 && l.top > AREA.top && l.top < AREA.bottom);
      expect(normalise(shown[i]?.text ?? ""), `page ${i + 1}`).toContain(normalise(firstLine?.text ?? "").slice(0, 12));
      expect((shown[i]?.notes ?? []).map(normalise), `page ${i + 1}`).toEqual(notesOn(printed, AREA.bottom).map((n) => normalise(n.text)));
    }
    expect(shown.flatMap((p) => p.notes).length).toBeGreaterThan(10);
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

  it("watches the templates and the styles too: a file saved there rebuilds and reloads the open page", async () => {
    expect(preview.watching).toEqual([content, TEMPLATES_DIR, STYLES_DIR]);
    // The project's own files are not a test's to edit: each is saved as it is (its times change, not its bytes).
    for (const dir of [TEMPLATES_DIR, STYLES_DIR]) {
      const file = (await readdir(dir)).find((f) => /\.(hbs|css)$/.test(f));
      if (!file) throw new Error(`nothing to save in ${dir}`);
      const composed = log.filter((line) => line.startsWith("composed")).length;
      await touchAndReload(path.join(dir, file));
      expect(log.filter((line) => line.startsWith("composed")).length, dir).toBeGreaterThan(composed);
      expect((await laidOutPages())[0], dir).toContain("【文章编号】1006-6241(2021)03-0001-13");
    }
  });
});
