import type { Browser } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../src/render/browser.ts";
import { BrowserLauncher } from "../../src/render/launcher.ts";
import { renderFixture } from "../support/render.ts";

/**
 * What the browser holds between documents: every renderer is memory the build's peak
 * counts, and a window used again saves the next document a second.
 */
describe("the build's windows", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("are the documents' own: the browser opens no first tab", async () => {
    expect(await browser.pages()).toHaveLength(0);
  });

  it("go back to the build after a short document, and the next one is laid out in the same window", async () => {
    const first = await renderFixture(browser, { markdown: "第一篇短文。" });
    expect(first.layout.pages).toHaveLength(1);
    const [window] = await browser.pages();
    expect(await browser.pages()).toHaveLength(1);
    const second = await renderFixture(browser, { markdown: "第二篇短文。" });
    expect(second.layout.pages).toHaveLength(1);
    const after = await browser.pages();
    expect(after).toHaveLength(1);
    expect(after[0]).toBe(window);
  });

  it("are closed after a long document: a renderer keeps the memory of the largest document it held", async () => {
    const paragraphs = Array.from({ length: 55 }, (_, i) => `第${i + 1}段。`).join("\n\n");
    const long = await renderFixture(browser, { markdown: paragraphs, css: ".article-body p { break-after: page; }" });
    expect(long.layout.pages.length).toBeGreaterThan(50);
    expect(await browser.pages()).toHaveLength(0);
  });
});

describe("the build's browser", () => {
  it("is closed once however often the build asks, and lays nothing out after that", async () => {
    const launcher = new BrowserLauncher();
    const browser = await launcher.get();
    expect(browser.isConnected()).toBe(true);
    // The build closes it as soon as the last document is printed, and again at its end.
    const first = launcher.close();
    expect(launcher.close()).toBe(first);
    await first;
    expect(browser.isConnected()).toBe(false);
    await expect(launcher.get()).rejects.toThrow(/after the browser was closed/);
  });

  it("is not launched to be closed", async () => {
    const launcher = new BrowserLauncher();
    await launcher.close();
    await expect(launcher.get()).rejects.toThrow(/after the browser was closed/);
  });
});
