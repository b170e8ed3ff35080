import { describe, expect, it } from "vitest";
import type { Lang, OrderedUnit } from "../../src/parallel/plan.ts";
import { LAST_RESORT, levelSides } from "../../src/parallel/rounds.ts";
import { layOutSide } from "../support/flow.ts";

const both = (...ids: string[]): OrderedUnit[] => ids.map((id) => ({ id, langs: ["zh", "en"] }));

/** Levels two sides made of units of so many lines, counting the layouts asked for. */
async function level(
  sides: Record<Lang, [string, number][]>,
  order: OrderedUnit[],
  options: { short?: Set<number>; ignoreTargets?: boolean } = {},
) {
  let made = 0;
  const result = await levelSides(order, async (lang, targets) => ({
    flow: layOutSide(sides[lang], options.ignoreTargets ? {} : targets, lang === "en" ? options.short : undefined),
    n: made++,
  }));
  return { result, made };
}

describe("levelling two sides in rounds of layouts", () => {
  it("measures both sides once, then lays each out once more with every unit level", async () => {
    const { result, made } = await level(
      {
        zh: [
          ["a", 3],
          ["b", 12],
          ["c", 2],
        ],
        en: [
          ["a", 5],
          ["b", 4],
          ["c", 7],
        ],
      },
      both("a", "b", "c"),
    );
    expect(result.unlevel).toEqual([]);
    expect(result.layouts).toEqual({ zh: 2, en: 2 });
    expect(made).toBe(4);
    expect(result.report).toMatchObject({ units: 3, byWhiteSpace: 3, byNewSpread: 0, alone: 0, largestDifference: 0 });
    // b: zh's a ends at 130, en's at 150: zh waits. c: zh's b runs onto page 2 (150 + 120 → 170).
    expect(result.targets.zh.b).toEqual({ page: 1, bottom: 150, breaks: 0 });
    expect(result.targets.en.c).toEqual({ page: 2, bottom: 170, breaks: 1 });
  });

  it("repairs what did not land as planned from what the layout showed", async () => {
    // The English side's page 2 holds a line fewer than the model believes; the first
    // layout, where en's b ends on page 2, could not show it.
    const { result, made } = await level(
      {
        zh: [
          ["a", 12],
          ["b", 1],
          ["c", 1],
        ],
        en: [
          ["a", 2],
          ["b", 9],
          ["c", 1],
        ],
      },
      both("a", "b", "c"),
      { short: new Set([2]) },
    );
    expect(result.unlevel).toEqual([]);
    // Planned: en's b from 120 on page 2, 8 lines there and one on page 3, c at 110. Set: 7 + 2, c at 120.
    // Only zh is laid out a third time: en's layout already has c's gap ending at 120, where the new plan puts it.
    expect(result.layouts).toEqual({ zh: 3, en: 2 });
    expect(made).toBe(5);
    expect(result.targets.zh.c).toEqual({ page: 3, bottom: 120, breaks: 1 });
  });

  it("gives up, saying which units are not level, when the layouts never follow the plan", async () => {
    const { result } = await level(
      {
        zh: [
          ["a", 2],
          ["b", 2],
        ],
        en: [
          ["a", 5],
          ["b", 2],
        ],
      },
      both("a", "b"),
      { ignoreTargets: true },
    );
    expect(result.unlevel.map((u) => u.id)).toEqual(["b"]);
    expect(result.report).toMatchObject({ units: 2, unlevel: 1 });
    expect(Math.max(result.layouts.zh, result.layouts.en)).toBeGreaterThan(2);
    expect(Math.max(result.layouts.zh, result.layouts.en)).toBeLessThanOrEqual(LAST_RESORT);
  });

  it("sets a unit one side lacks alone, the other side waiting for its end", async () => {
    const { result } = await level(
      {
        zh: [
          ["a", 2],
          ["z", 3],
          ["b", 1],
        ],
        en: [
          ["a", 4],
          ["b", 1],
        ],
      },
      [
        { id: "a", langs: ["zh", "en"] },
        { id: "z", langs: ["zh"] },
        { id: "b", langs: ["zh", "en"] },
      ],
    );
    expect(result.unlevel).toEqual([]);
    expect(result.report).toMatchObject({ units: 2, alone: 1 });
    // z waits below en's a (ends at 140); b below z (ends at 170) on both sides.
    expect(result.targets.zh.z).toEqual({ page: 1, bottom: 140, breaks: 0 });
    expect(result.targets.en.b).toEqual({ page: 1, bottom: 170, breaks: 0 });
  });
});
