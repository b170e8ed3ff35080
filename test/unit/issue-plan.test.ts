import { describe, expect, it } from "vitest";
import { planIssue, settlePages, type Assumed } from "../../src/issue/index.ts";

describe("planIssue", () => {
  it("starts each article on the page after the last one's", () => {
    const plan = planIssue(1, [{ id: "a", pageCount: 13 }, { id: "b", pageCount: 9 }, { id: "c", pageCount: 5 }], "any");
    expect(plan.articles.map((a) => [a.firstPage, a.lastPage, a.blankBefore])).toEqual([
      [1, 13, false],
      [14, 22, false],
      [23, 27, false],
    ]);
    expect(plan.nextPage).toBe(28);
  });

  it("leaves a blank page before an article that would start on a verso, when articles start on a recto", () => {
    const plan = planIssue(1, [{ id: "a", pageCount: 13 }, { id: "b", pageCount: 9 }, { id: "c", pageCount: 4 }], "recto");
    expect(plan.articles.map((a) => [a.firstPage, a.blankBefore])).toEqual([
      [1, false],
      [15, true],
      [25, true],
    ]);
    expect(plan.nextPage).toBe(29);
  });
});

describe("settlePages", () => {
  /** A stand-in layout: the page count depends on the first page's side, as a real one can. */
  function layout(counts: (a: Assumed, id: string) => number) {
    const calls: string[] = [];
    const ids = ["a", "b", "c"];
    const layOut = async (i: number, assumed: Assumed) => {
      const id = ids[i] as string;
      calls.push(`${id}@${assumed.firstPage}/${assumed.pageCount}`);
      return { pageCount: counts(assumed, id) };
    };
    return { calls, layOut, articles: ids.map((id) => ({ id })) };
  }

  it("lays out again only what the plan moved, until nothing moves", async () => {
    const { calls, layOut, articles } = layout((_, id) => ({ a: 13, b: 9, c: 5 })[id] ?? 1);

    const { plan } = await settlePages({
      firstPage: 1,
      start: "any",
      // a declares its pages (as a 文章编号 would); b and c are guessed.
      articles: [{ id: "a", guess: { firstPage: 1, pageCount: 13 } }, ...articles.slice(1)],
      layOut,
    });
    expect(plan.articles.map((a) => a.firstPage)).toEqual([1, 14, 23]);
    // Round 1 everything; round 2 c, whose guessed first page was wrong (b's was right); then nothing moves.
    expect(calls).toEqual(["a@1/13", "b@14/1", "c@15/1", "c@23/5"]);
  });

  it("gives up, saying which articles still move, after the rounds it was given", async () => {
    // Each article is a page longer when it starts on an even page: three rounds to settle.
    const { layOut, articles } = layout((a) => 2 + (a.firstPage % 2 === 0 ? 1 : 0));
    await expect(settlePages({ firstPage: 1, start: "any", articles, layOut, maxRounds: 1 })).rejects.toThrow(/still moved after 1 layout \(b, c\)/);
    await expect(settlePages({ firstPage: 1, start: "any", articles, layOut, maxRounds: 3 })).resolves.toBeDefined();
  });
});
