import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../src/render/browser.ts";
import { FontLoadError } from "../../src/render/errors.ts";
import { renderFixture } from "../support/render.ts";

// A face that does not load would leave its characters to another face without a word,
// and the lines would break differently: the layout stops instead, naming the face.

describe("a font face that does not load", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  const face = (src: string, range: string) =>
    `@font-face { font-family: "Noto Serif SC"; font-weight: 400; src: url("${src}") format("woff2"); unicode-range: ${range}; }`;

  it("stops the layout when its file is missing, naming the face and the file", async () => {
    const missing = pathToFileURL(path.join(os.tmpdir(), "paiban-no-such-font.woff2")).href;
    const failure = renderFixture(browser, { markdown: "甲乙丙丁。", css: face(missing, "U+4E59") });
    await expect(failure).rejects.toBeInstanceOf(FontLoadError);
    await expect(failure).rejects.toThrow(
      /^fonts did not load in document\.html, so nothing was written:\n {2}"Noto Serif SC" 400 normal \(U\+4E59\) from url\("file:[^"]*\/paiban-no-such-font\.woff2"\) format\("woff2"\)\n/,
    );
  });

  it("stops the layout when its file is not a font", async () => {
    const file = path.join(os.tmpdir(), `paiban-not-a-font-${process.pid}.woff2`);
    await writeFile(file, "not a font");
    const failure = renderFixture(browser, { markdown: "甲乙丙丁。", css: face(pathToFileURL(file).href, "U+4E59"), readable: [file] });
    await expect(failure).rejects.toThrow(/paiban-not-a-font-\d+\.woff2/);
  });

  it("is not fetched when the text draws nothing with it (the files of ours are checked before the page opens)", async () => {
    const missing = pathToFileURL(path.join(os.tmpdir(), "paiban-no-such-font.woff2")).href;
    const rendered = await renderFixture(browser, { markdown: "甲乙丙丁。", css: face(missing, "U+9F98") });
    expect(rendered.layout.pages).toHaveLength(1);
  });

  it("is loaded before layout when only a note's generated number or an attribute's text draws with it", async () => {
    const missing = pathToFileURL(path.join(os.tmpdir(), "paiban-no-such-font.woff2")).href;
    // "[" of the note call's generated content: the layout must have tried this face before it measured.
    const failure = renderFixture(browser, { markdown: "甲乙丙丁。[^1]\n\n[^1]: 注。", css: face(missing, "U+5B") });
    await expect(failure).rejects.toThrow(/\(U\+5B\) from url/);
  });

  it("lets the layout through when every face loads", async () => {
    const rendered = await renderFixture(browser, { markdown: "甲乙丙丁。" });
    expect(rendered.layout.pages).toHaveLength(1);
  });
});
