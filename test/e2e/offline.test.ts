import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildInto, SAMPLE } from "../support/build.ts";

// A build makes no network request: an article that points at a server (here one on this
// machine, which counts what it is asked for) still builds, and the server hears nothing.
let server: Server;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? "");
    res.end("x");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
}, 10_000);

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("a build", () => {
  it("requests nothing from the network, even for remote links in the sources", async () => {
    const { port } = server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    const root = await mkdtemp(path.join(os.tmpdir(), "paiban-offline-"));
    await cp(SAMPLE, root, { recursive: true });
    const article = path.join(root, "2021-03", "xu-tao-sco-security", "zh.md");
    const source = await readFile(article, "utf8");
    await writeFile(article, `${source}\n参见<${base}/page.html>。\n`);
    await buildInto(path.join(root, "2021-03", "xu-tao-sco-security"), "--edition", "issue");
    expect(requests).toEqual([]);
  }, 300_000);

  it("refuses a figure at a URL, at its line, and fetches nothing", async () => {
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
    expect(requests).toEqual([]);
  }, 120_000);
});
