import { describe, expect, it } from "vitest";
import { createPlacement, guessFirstPages, planIssue } from "../../src/issue/index.ts";

describe("planIssue", () => {
  it("starts each article on the page after the last one's", () => {
    const plan = planIssue(
      1,
      [
        { id: "a", pageCount: 13 },
        { id: "b", pageCount: 9 },
        { id: "c", pageCount: 5 },
      ],
      "any",
    );
    expect(plan.articles.map((a) => [a.firstPage, a.lastPage, a.blankBefore])).toEqual([
      [1, 13, false],
      [14, 22, false],
      [23, 27, false],
    ]);
    expect(plan.nextPage).toBe(28);
  });

  it("leaves a blank page before an article that would start on a verso, when articles start on a recto", () => {
    const plan = planIssue(
      1,
      [
        { id: "a", pageCount: 13 },
        { id: "b", pageCount: 9 },
        { id: "c", pageCount: 4 },
      ],
      "recto",
    );
    expect(plan.articles.map((a) => [a.firstPage, a.blankBefore])).toEqual([
      [1, false],
      [15, true],
      [25, true],
    ]);
    expect(plan.nextPage).toBe(29);
  });
});

describe("guessFirstPages", () => {
  it("takes declared first pages, and puts the others one page after the last guess", () => {
    expect(guessFirstPages(1, [{ firstPage: 1, pageCount: 13 }, undefined, undefined, { firstPage: 40, pageCount: 5 }])).toEqual([
      { firstPage: 1, pageCount: 13 },
      { firstPage: 14, pageCount: 1 },
      { firstPage: 15, pageCount: 1 },
      { firstPage: 40, pageCount: 5 },
    ]);
  });
});

describe("createPlacement", () => {
  it("gives each article its first page once the ones before it are counted, whatever order they finish in", async () => {
    const placement = createPlacement(1, "any", ["a", "b", "c"]);
    const settled: string[] = [];
    const c = placement.place(2, 5).then((page) => settled.push(`c@${page}`));
    const b = placement.place(1, 9).then((page) => settled.push(`b@${page}`));
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Neither b nor c can know its first page before a is counted.
    expect(settled).toEqual([]);
    expect(await placement.place(0, 13)).toBe(1);
    await Promise.all([b, c]);
    expect(settled.sort()).toEqual(["b@14", "c@23"]);
    expect((await placement.plan()).articles.map((p) => [p.firstPage, p.lastPage])).toEqual([
      [1, 13],
      [14, 22],
      [23, 27],
    ]);
  });

  it("leaves a blank page before an article that would start on a verso, when articles start on a recto", async () => {
    const placement = createPlacement(1, "recto", ["a", "b"]);
    const [a, b] = await Promise.all([placement.place(0, 13), placement.place(1, 4)]);
    expect([a, b]).toEqual([1, 15]);
  });

  it("stops waiting when an article fails", async () => {
    const placement = createPlacement(1, "any", ["a", "b"]);
    const waiting = placement.place(1, 3);
    placement.fail(new Error("a could not be laid out"));
    await expect(waiting).rejects.toThrow("a could not be laid out");
    await expect(placement.plan()).rejects.toThrow("a could not be laid out");
  });
});
