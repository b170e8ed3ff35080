import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createReporter } from "../../src/cli/reporter.ts";
import type { IssueSources } from "../../src/content/load.ts";
import { parseShard, shardIssues } from "../../src/issue/index.ts";

/** An issue with `articles` articles (only their number matters to sharding). */
const issue = (number: number, articles: number) =>
  ({
    dir: `${number}`,
    issue: { number },
    articles: Array.from({ length: articles }, () => ({})),
    partial: false,
  }) as unknown as IssueSources;

describe("--shard k/n", () => {
  const catalogue = [issue(1, 8), issue(2, 3), issue(3, 5), issue(4, 8), issue(5, 2), issue(6, 6), issue(7, 4)];

  it("builds every issue in exactly one shard", () => {
    for (const n of [1, 2, 3, 5, 9]) {
      const shards = Array.from({ length: n }, (_, k) => shardIssues(catalogue, k + 1, n).map((i) => i.dir));
      expect(shards.flat().sort()).toEqual(catalogue.map((i) => i.dir).sort());
    }
  });

  it("shares the articles out about evenly", () => {
    const sizes = [1, 2, 3].map((k) => shardIssues(catalogue, k, 3).reduce((n, i) => n + i.articles.length, 0));
    expect(sizes.reduce((a, b) => a + b)).toBe(36);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(2);
  });

  it("keeps the catalogue's order within a shard", () => {
    const dirs = shardIssues(catalogue, 1, 2).map((i) => Number(i.dir));
    expect(dirs).toEqual([...dirs].sort((a, b) => a - b));
  });

  it("reads k/n and rejects what is not a shard", () => {
    expect(parseShard("2/4")).toEqual({ k: 2, n: 4 });
    for (const bad of ["0/4", "5/4", "2", "a/b", "1/0"]) expect(parseShard(bad)).toMatch(/--shard must be k\/n/);
  });
});

describe("the build's reporter", () => {
  it("prints one plain line per step off a terminal, and no live display", () => {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream;
    let out = "";
    (stream as unknown as PassThrough).on("data", (chunk: Buffer) => (out += chunk.toString()));
    const reporter = createReporter(stream);
    reporter.line("laying out a");
    reporter.progress("a", 3);
    reporter.line("wrote a.pdf");
    reporter.close();
    expect(out).toBe("paiban: laying out a\npaiban: wrote a.pdf\n");
  });

  it("keeps a status line of the documents in flight on a terminal", () => {
    let out = "";
    const stream = {
      isTTY: true,
      columns: 100,
      write: (text: string) => {
        out += text;
        return true;
      },
    } as unknown as NodeJS.WriteStream;
    const reporter = createReporter(stream);
    reporter.progress("xu-tao", 4);
    expect(out).toContain("laying out: xu-tao 4 p.");
    reporter.line("wrote x.pdf");
    expect(out).toContain("\r\x1b[Kpaiban: wrote x.pdf\n");
    reporter.progress("xu-tao", undefined);
    reporter.close();
    expect(out.endsWith("\r\x1b[K")).toBe(true);
  });
});
