import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Templates } from "../../src/compose/index.ts";
import { buildInto, SAMPLE } from "../support/build.ts";
import { writeIssue } from "../support/issue.ts";
import { readPdf } from "../support/pdf.ts";

// A build makes no network request. Two guards stand in the way, each enough alone: the
// page's Content-Security-Policy and the request filter of the window it is laid out in.
// Every document of the build gets probes that would fetch from a server on this machine,
// which counts what it is asked for: with both guards, or with either one alone, it hears
// nothing; with neither (the control, showing that the probes do reach it), it hears them all.

const guards = vi.hoisted(() => ({ policy: true, filter: true, probes: "" }));

// The request filter: the window's own (src/render/request-filter.ts), or none.
vi.mock("../../src/render/request-filter.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/render/request-filter.ts")>();
  return {
    ...original,
    filterRequests: async (page: Page) => (guards.filter ? original.filterRequests(page) : { allow: () => undefined }),
  };
});

// The policy: a <meta> in every composed document's head. The probes go at the end of its body.
vi.mock("../../src/compose/index.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/compose/index.ts")>();
  const probed =
    <T>(template: (view: T) => string) =>
    (view: T) => {
      const html = template(view);
      const kept = guards.policy ? html : html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, "");
      if (kept === html && !guards.policy) throw new Error("the document has no Content-Security-Policy to remove");
      return kept.replace("</body>", `${guards.probes}</body>`);
    };
  return {
    ...original,
    loadTemplates: async (dir?: string): Promise<Templates> => {
      const templates = await original.loadTemplates(dir);
      return {
        ...templates,
        article: probed(templates.article),
        contents: probed(templates.contents),
        abstracts: probed(templates.abstracts),
        parallel: probed(templates.parallel),
        parallelTitle: probed(templates.parallelTitle),
      };
    },
  };
});

let server: Server;
const heard: string[] = [];
let article: string;
let probes: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    heard.push(request.url ?? "");
    response.end("x");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  probes = guards.probes = [
    `<img src="${base}/image.png" alt="">`,
    `<link rel="stylesheet" href="${base}/style.css" data-pagedjs-ignore>`,
    `<div style="width: 1px; height: 1px; background-image: url(${base}/background.png)"></div>`,
  ].join("\n");
  const root = await writeIssue(
    [
      {
        id: "zhao-liu-links",
        paragraphs: 0,
        titleZh: "链接与网络",
        titleEn: "Links and the Network",
        author: { zh: "赵六", en: "Zhao Liu" },
        bodies: {
          zh: `## 一、引言\n\n本文引用网上的材料，参见<${base}/page.html>。[^1]\n\n[^1]: 网页见<${base}/note.html>。\n`,
          en: `## I. Introduction\n\nThis article cites material online, see <${base}/english.html>.\n`,
        },
      },
    ],
    { withSeed: false },
  );
  article = path.join(root, "2021-03", "zhao-liu-links");
}, 30_000);

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** What the server hears while the article is built with the guards given (each path once). */
async function heardWith(policy: boolean, filter: boolean): Promise<string[]> {
  Object.assign(guards, { policy, filter });
  heard.length = 0;
  await buildInto(article, "--edition", "issue");
  return [...new Set(heard)].sort();
}

describe("a build", () => {
  it("requests nothing from the network, with links to a server in its sources and probes in its documents", async () => {
    expect(await heardWith(true, true)).toEqual([]);
  }, 300_000);

  it("requests nothing with the Content-Security-Policy alone", async () => {
    expect(await heardWith(true, false)).toEqual([]);
  }, 300_000);

  it("requests nothing with the request filter alone", async () => {
    expect(await heardWith(false, true)).toEqual([]);
  }, 300_000);

  it("(the control) makes the probes' requests with neither guard, and only those: links are never followed", async () => {
    expect(await heardWith(false, false)).toEqual(["/background.png", "/image.png", "/style.css"]);
  }, 300_000);

  it("reads no picture from a file outside the folders the document may read, which the policy alone would let through", async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), "paiban-outside-"));
    const picture = path.join(outside, "private.jpg");
    await cp(path.join(SAMPLE, "2021-03", "lin-xiao-census-regions", "figures", "provinces-2020.jpg"), picture);
    const pictures = async (filter: boolean) => {
      Object.assign(guards, { policy: true, filter, probes: `<img src="${pathToFileURL(picture).href}" alt="">` });
      const out = await buildInto(article, "--edition", "issue");
      return (await readPdf(path.join(out, "2021-03", "zhao-liu-links.pdf"))).pages.flatMap((page) => page.images);
    };
    try {
      expect(await pictures(true)).toEqual([]);
      // The control: without the filter, the picture is read and printed.
      expect(await pictures(false)).toHaveLength(1);
    } finally {
      guards.probes = probes;
    }
  }, 300_000);

  it("refuses a figure at a URL, at its line, and fetches nothing", async () => {
    Object.assign(guards, { policy: true, filter: true });
    heard.length = 0;
    const { port } = server.address() as AddressInfo;
    const root = await mkdtemp(path.join(os.tmpdir(), "paiban-offline-"));
    await cp(SAMPLE, root, { recursive: true });
    const article = path.join(root, "2021-03", "xu-tao-sco-security", "zh.md");
    await writeFile(article, `${await readFile(article, "utf8")}\n![图](http://127.0.0.1:${port}/figure.png)\n`);
    const error = await buildInto(path.join(root, "2021-03", "xu-tao-sco-security"), "--edition", "issue").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/exited with 1/);
    expect(heard).toEqual([]);
  }, 120_000);
});
