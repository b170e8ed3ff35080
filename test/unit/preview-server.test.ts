import { cp } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { assetFile, assetUrl } from "../../src/preview/assets.ts";
import { startPreview, type PreviewServer } from "../../src/preview/server.ts";
import { ROOT } from "../support/build.ts";
import { ARTICLE, copySample, edit, ISSUE, removeCopies, ZH } from "../support/content.ts";

const servers: PreviewServer[] = [];
const log: string[] = [];

async function serve(content: string): Promise<PreviewServer> {
  const server = await startPreview({ target: content, port: 0, report: (line) => log.push(line) });
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await removeCopies();
  log.length = 0;
});

describe("paiban preview's server", () => {
  it("lists the articles when there are several", async () => {
    const content = await copySample();
    const second = path.join("2021-03", "second-article");
    await cp(path.join(content, ARTICLE), path.join(content, second), { recursive: true });
    await edit(content, path.join(second, "zh.md"), "id: xu-tao-sco-security", "id: second-article");
    await edit(content, ISSUE, "  - xu-tao-sco-security", "  - xu-tao-sco-security\n  - second-article");
    const server = await serve(content);
    const index = await fetch(server.url);
    expect(index.status).toBe(200);
    const html = await index.text();
    expect(html).toContain('href="/2021-03/xu-tao-sco-security/"');
    expect(html).toContain('href="/2021-03/second-article/"');
  });

  it("serves the composed article with the server's own Content-Security-Policy and Paged.js's previewer", async () => {
    const server = await serve(await copySample());
    const response = await fetch(`${server.url}2021-03/xu-tao-sco-security/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toBe(
      "default-src 'none'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'",
    );
    const html = await response.text();
    expect(html).not.toContain('http-equiv="Content-Security-Policy"');
    // The notes' text may name URLs; nothing the page loads does.
    expect(html).not.toMatch(/<(link|script|img)[^>]+(src|href)="(file:|https?:|\/\/)/);
    expect(html).toContain('<script src="/assets/node_modules/pagedjs/dist/paged.polyfill.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="/assets/styles/page.css">');
  });

  it("serves the styles, fonts and scripts, and nothing else of the project", async () => {
    const server = await serve(await copySample());
    const css = await fetch(`${server.url}assets/styles/page.css`);
    expect([css.status, css.headers.get("content-type")]).toEqual([200, "text/css; charset=utf-8"]);
    expect((await fetch(`${server.url}assets/node_modules/@fontsource/noto-serif-sc/400.css`)).status).toBe(200);
    for (const refused of [
      "assets/package.json",
      "assets/src/cli/main.ts",
      "assets/styles/%2e%2e/package.json",
      "assets/node_modules/puppeteer/package.json",
    ]) {
      expect((await fetch(`${server.url}${refused}`)).status, refused).toBe(404);
    }
    expect((await fetch(server.url, { method: "POST" })).status).toBe(405);
  });

  it("serves a package by its name, from wherever Node finds it", async () => {
    const elsewhere = path.join("/", "store", "pagedjs@0.4.3", "node_modules", "pagedjs", "dist", "paged.polyfill.js");
    expect(assetUrl(elsewhere)).toBe("/assets/node_modules/pagedjs/dist/paged.polyfill.js");
    expect(await assetFile("/assets/node_modules/pagedjs/dist/paged.polyfill.js")).toBe(
      path.join(ROOT, "node_modules", "pagedjs", "dist", "paged.polyfill.js"),
    );
    expect(assetUrl(path.join(ROOT, "styles", "page.css"))).toBe("/assets/styles/page.css");
    expect(await assetFile("/assets/node_modules/no-such-package/x.css")).toBeUndefined();
    expect(() => assetUrl(path.join("/", "etc", "passwd"))).toThrow(/cannot be served/);
  });

  it("shows a fault in the sources as an error page and keeps serving", async () => {
    const content = await copySample();
    await edit(content, ZH, "documentCode: A", "documentCode: Q");
    const server = await serve(content);
    const response = await fetch(`${server.url}2021-03/xu-tao-sco-security/`);
    expect(response.status).toBe(500);
    const html = await response.text();
    expect(html).toContain("1 error in the sources");
    expect(html).toContain("error: documentCode: must be one of the 文献标识码 codes A, B, C, D, E");
    expect(log.join("\n")).toContain("documentCode");

    await edit(content, ZH, "documentCode: Q", "documentCode: A");
    await server.rebuild();
    expect((await fetch(`${server.url}2021-03/xu-tao-sco-security/`)).status).toBe(200);
  });

  it("tells the open pages the version they should show, at once and after each rebuild", async () => {
    const server = await serve(await copySample());
    const controller = new AbortController();
    const response = await fetch(`${server.url}events`, { signal: controller.signal });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let received = "";
    const until = async (text: string) => {
      while (!received.includes(text)) received += decoder.decode((await reader.read()).value);
    };
    await until("event: version\ndata: 1\n\n");
    await server.rebuild();
    await until("event: version\ndata: 2\n\n");
    controller.abort();
  });
});
