import { describe, expect, it } from "vitest";
import { autoShares, EQUAL, givenShares } from "../../src/parallel/columns.ts";
import { layOutSide } from "../support/flow.ts";

describe("the widths of the columns edition's columns", () => {
  it("are equal unless the sources give them", () => {
    expect(givenShares(undefined)).toEqual(EQUAL);
    expect(givenShares([45, 55])).toEqual({ zh: 0.45, en: 0.55 });
    expect(givenShares("auto")).toBeUndefined();
  });

  it("give the longer language the wider column when chosen from the texts, as much as its units ask", () => {
    const order = ["a", "b", "c"].map((id) => ({ id, langs: ["zh", "en"] as const }));
    // The English 1.5× the Chinese, unit by unit: the column shares 40% and 60% end every unit together.
    const zh = layOutSide(
      [
        ["a", 4],
        ["b", 6],
        ["c", 2],
      ],
      {},
    );
    const en = layOutSide(
      [
        ["a", 6],
        ["b", 9],
        ["c", 3],
      ],
      {},
    );
    expect(autoShares({ zh, en }, order)).toEqual({ zh: 0.4, en: 0.6 });
    // As long as each other: equal.
    expect(autoShares({ zh, en: zh }, order)).toEqual(EQUAL);
  });

  it("keep each column at least 30% of the text block", () => {
    const order = [{ id: "a", langs: ["zh", "en"] as const }];
    const zh = layOutSide([["a", 1]], {});
    const en = layOutSide([["a", 9]], {});
    expect(autoShares({ zh, en }, order)).toEqual({ zh: 0.3, en: 0.7 });
  });
});
