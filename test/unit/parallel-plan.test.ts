import { describe, expect, it } from "vitest";
import type { Block, SideFlow } from "../../src/parallel/flow.ts";
import { freshPage, setBlock, setBlocks } from "../../src/parallel/paginate.ts";
import { type Observations, type PlannedUnit, planLevels, strandedHeadings } from "../../src/parallel/plan.ts";
import { matchUnits } from "../../src/parallel/units.ts";

// A page of 10 lines of 10 pt (text area 100–200), notes 7.5 pt below a rule.
const frame = { top: 100, bottom: 200, noteChrome: 7.5 };

const text = (lines: number, options: Partial<Block> & { notes?: Record<number, number> } = {}): Block => ({
  spaceBefore: 0,
  spaceAtTop: 0,
  lineHeight: 10,
  lines: Array.from({ length: lines }, (_, i) => ({ height: 10, notes: options.notes?.[i] ? [options.notes[i]] : [] })),
  tail: 0,
  glyphOffset: 2,
  orphans: 2,
  widows: 2,
  whole: false,
  keepWithPrevious: false,
  keepWithNext: false,
  float: false,
  repeat: 0,
  marginTop: 0,
  marginBottom: 0,
  ...options,
});
const heading = (options: Partial<Block> = {}) => text(1, { spaceBefore: 5, spaceAtTop: 5, keepWithNext: true, ...options });
const gap = (unit: string): Block => ({ ...text(0), gapFor: unit, lines: [], glyphOffset: 0 });

/** A side: the blocks before the first unit, then each unit's gap and blocks. */
function side(head: Block[], units: [string, Block[]][]): SideFlow {
  const blocks = [...head];
  const gaps = new Map<string, number>();
  for (const [id, content] of units) {
    gaps.set(id, blocks.length);
    blocks.push(gap(id), ...content);
  }
  return { frame, blocks, gaps };
}

const at = (y: number, page = 1) => ({ page, y, notes: 0, fresh: false });

describe("setting a block as the browser does under Paged.js", () => {
  it("sets a paragraph that fits on the page whole", () => {
    const { start, end } = setBlock(frame, text(4), at(120));
    expect(start).toMatchObject({ page: 1, y: 120, firstLine: 122, whole: true });
    expect(end).toMatchObject({ page: 1, y: 160 });
  });

  it("leaves two lines for the next page (widows), and breaks where it must when that would leave one here", () => {
    // Room for 5 lines; 6 lines: 4 here, 2 there.
    expect(setBlock(frame, text(6), at(150)).end).toMatchObject({ page: 2, y: 120 });
    // Room for 2 lines; 3 lines: 2 + 1 (keeping two would leave one here).
    expect(setBlock(frame, text(3), at(180)).end).toMatchObject({ page: 2, y: 110 });
  });

  it("moves a paragraph whole when fewer than two of its lines fit (orphans)", () => {
    const { start, end } = setBlock(frame, text(5), at(185));
    expect(start).toMatchObject({ page: 2, y: 100, moved: true });
    expect(end).toMatchObject({ page: 2, y: 150 });
  });

  it("keeps a line with the notes it calls: the line goes to the next page when they do not fit beneath it", () => {
    // A note of 22.5 pt and the rule's 7.5 pt leave room down to 170.
    const set = setBlock(frame, text(6, { notes: { 5: 22.5 } }), at(130));
    expect(set.end).toMatchObject({ page: 2, y: 120, notes: 22.5 });
    // Without the note the six lines fit.
    expect(setBlock(frame, text(6), at(130)).end).toMatchObject({ page: 1, y: 190 });
  });

  it("takes a heading along to the next page when the paragraph it is kept with goes there whole", () => {
    // The heading ends at 185: one line of the paragraph would fit, fewer than its orphans.
    const { starts, end } = setBlocks(frame, [text(7), heading(), text(4, { keepWithPrevious: true })], at(100));
    expect(starts[1]).toMatchObject({ page: 2, y: 105 });
    expect(starts[2]).toMatchObject({ page: 2, y: 115 });
    expect(end).toMatchObject({ page: 2, y: 155 });
  });

  it("cuts a note too long for the page under its call: it takes its share of the page, the rest goes on at the next pages' foot", () => {
    // Notes take at most 60 pt of the 100 pt text area, 5 pt of it the note rule: 55 pt of notes.
    const shared = { ...frame, noteChrome: 5, noteCap: 60, noteLine: 5, noteMinLines: 2 };
    const first = setBlock(shared, text(4, { notes: { 1: 120 } }), at(100));
    // 55 pt of the note on page 1, the body going on above it; 65 pt to go.
    expect(first.end).toMatchObject({ page: 1, y: 140, notes: 55, carry: 65 });
    // The next page takes 55 pt of what is left, the one after the last 10 pt.
    const next = setBlocks(shared, [text(8)], first.end);
    expect(next.starts[0]).toMatchObject({ page: 2, y: 100 });
    expect(next.end).toMatchObject({ page: 3, y: 140, notes: 10, carry: 0 });
  });

  it("ends the page's body at a call whose note is cut right under it", () => {
    const shared = { ...frame, noteChrome: 5, noteCap: 60, noteLine: 5, noteMinLines: 2 };
    // The call's line ends at 160: 35 pt of room under it, the note cut there; the two lines after go to page 2.
    expect(setBlock(shared, text(4, { notes: { 1: 120 } }), at(140)).end).toMatchObject({ page: 2, y: 120, notes: 55, carry: 30 });
  });

  it("lets a figure that does not fit wait for the next page's top, the text after it filling the room", () => {
    // A figure of 40 pt with 5 pt margins, at 170: it would end at 215.
    const figure = text(0, { lines: [{ height: 40, notes: [] }], whole: true, float: true, marginTop: 5, marginBottom: 5, spaceBefore: 5 });
    const { starts, end } = setBlocks(frame, [text(2), figure, text(3), text(4)], at(150));
    // The two paragraphs after it: 3 lines to 200, then 4 lines on page 2 below the figure (100–140) and its margin.
    expect(starts[2]).toMatchObject({ page: 1, y: 170 });
    expect(starts[1]).toMatchObject({ page: 2, y: 100, moved: true });
    expect(starts[3]).toMatchObject({ page: 2, y: 145 });
    expect(end).toMatchObject({ page: 2, y: 185 });
    // Where it fits, it is set in its place.
    expect(setBlocks(frame, [text(1), figure, text(1)], at(100)).starts[1]).toMatchObject({ page: 1, y: 115 });
  });

  it("sets a figure still waiting at the end of a unit at the next page's top: the next unit does not pass it", () => {
    const figure = text(0, { lines: [{ height: 40, notes: [] }], whole: true, float: true, marginTop: 5, marginBottom: 5, spaceBefore: 5 });
    const { starts, end } = setBlocks(frame, [text(2), figure, text(1)], at(150));
    expect(starts[2]).toMatchObject({ page: 1, y: 170 });
    expect(starts[1]).toMatchObject({ page: 2, y: 100 });
    // Below the figure and its margin, which the next block's own margin meets.
    expect(end).toMatchObject({ page: 2, y: 145, margin: 5 });
  });

  it("sets a table's 续表 line and header row again above its rows on every page it goes on to", () => {
    // Room for 5 rows here; the 7 others below 15 pt of repeated header on page 2.
    expect(setBlock(frame, text(12, { repeat: 15 }), at(150)).end).toMatchObject({ page: 2, y: 185 });
  });

  it("sets a page that has nothing yet, even when the rules would send the block on", () => {
    const { start } = setBlock(frame, text(30, { whole: true }), freshPage(frame, 3));
    expect(start).toMatchObject({ page: 3, y: 100 });
  });
});

describe("levelling units in one pass", () => {
  const order = (...ids: string[]) => ids.map((id) => ({ id, langs: ["zh", "en"] as const }));

  it("gives the side that would start a unit earlier the white space to start it where the other does", () => {
    const zh = side(
      [text(2)],
      [
        ["a", [text(3)]],
        ["b", [text(2)]],
      ],
    );
    const en = side(
      [text(1)],
      [
        ["a", [text(5)]],
        ["b", [text(1)]],
      ],
    );
    const plan = planLevels({ zh, en }, order("a", "b"));
    // a: zh at 120, en at 110 → both at 122 (first lines), en's gap 10 pt.
    expect(plan.units[0]).toMatchObject({ id: "a", start: { page: 1, y: 122 }, newSpread: false });
    expect(plan.targets.en.a).toEqual({ page: 1, bottom: 120, breaks: 0 });
    expect(plan.targets.zh.a).toEqual({ page: 1, bottom: 120, breaks: 0 });
    // b: zh ends a at 150, en at 170 → both at 170.
    expect(plan.units[1]?.start).toEqual({ page: 1, y: 172 });
    expect(plan.targets.zh.b).toEqual({ page: 1, bottom: 170, breaks: 0 });
  });

  it("gives a side whole blank pages opposite a unit longer than a spread", () => {
    const zh = side(
      [],
      [
        ["a", [text(2)]],
        ["b", [text(2)]],
      ],
    );
    const en = side(
      [],
      [
        ["a", [text(25)]],
        ["b", [text(2)]],
      ],
    );
    const plan = planLevels({ zh, en }, order("a", "b"));
    // en's a: 10 + 10 + 5 lines: b starts at 150 on page 3.
    expect(plan.units[1]?.start).toEqual({ page: 3, y: 152 });
    expect(plan.targets.zh.b).toEqual({ page: 3, bottom: 150, breaks: 2 });
  });

  it("starts a unit where a heading went with its text, the other side after blank space", () => {
    const zh = side([text(8)], [["a", [heading(), text(3, { keepWithPrevious: true })]]]);
    const en = side([text(3)], [["a", [heading(), text(3, { keepWithPrevious: true })]]]);
    const plan = planLevels({ zh, en }, order("a"));
    // zh's heading at 185 would leave its paragraph no room: it goes to page 2, and en follows.
    expect(plan.units[0]).toMatchObject({ start: { page: 2, y: 107 }, newSpread: false });
    expect(plan.targets.en.a).toEqual({ page: 2, bottom: 100, breaks: 1 });
  });

  it("starts a unit at the top of the next spread on both sides when white space cannot level it", () => {
    // zh starts a at 167; there, en's heading would end at 175 and the note its paragraph's
    // first line calls would leave room down to 170 only: the heading would go on alone.
    const zh = side([text(6)], [["a", [heading(), text(3, { keepWithPrevious: true })]]]);
    const en = side([text(3)], [["a", [heading(), text(3, { keepWithPrevious: true, notes: { 0: 22.5 } })]]]);
    const plan = planLevels({ zh, en }, order("a"));
    expect(plan.units[0]).toMatchObject({ start: { page: 2, y: 107 }, newSpread: true });
    expect(plan.targets.zh.a).toEqual({ page: 2, bottom: 100, breaks: 1 });
    expect(plan.targets.en.a).toEqual({ page: 2, bottom: 100, breaks: 1 });
  });

  it("starts a heading alone in its unit on the page where the next unit starts, on both sides", () => {
    const zh = side(
      [],
      [
        ["a", [text(8)]],
        ["b", [heading()]],
        ["c", [text(5, { whole: true })]],
      ],
    );
    const en = side(
      [],
      [
        ["a", [text(2)]],
        ["b", [heading()]],
        ["c", [text(2)]],
      ],
    );
    const { units } = planLevels({ zh, en }, order("a", "b", "c"));
    // b would end page 1 (at 185 on the Chinese side), and c start page 2: b starts page 2, c under it.
    expect(units.map((u) => [u.id, u.start.page])).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 2],
    ]);
    expect((units[2] as PlannedUnit).start.y).toBeGreaterThan((units[1] as PlannedUnit).start.y);
  });

  it("finds a heading a layout left alone at a page's foot, and starts it on a new spread with the unit after it", () => {
    const units = (): [string, Block[]][] => [
      ["a", [text(2)]],
      ["b", [heading()]],
      ["c", [text(2)]],
    ];
    const zh = side([], units());
    const en = side([], units());
    const starts = {
      zh: new Map([
        ["a", { page: 1, y: 102 }],
        ["b", { page: 1, y: 187 }],
        ["c", { page: 2, y: 102 }],
      ]),
      en: new Map([
        ["a", { page: 1, y: 102 }],
        ["b", { page: 1, y: 127 }],
        ["c", { page: 1, y: 137 }],
      ]),
    };
    expect(strandedHeadings({ zh, en }, order("a", "b", "c"), starts)).toEqual(["b"]);
    // Told to start both b and c on new spreads (b stranded, c missed), c follows b.
    const { units: planned } = planLevels({ zh, en }, order("a", "b", "c"), undefined, new Set(["b", "c"]));
    expect(planned.map((u) => [u.id, u.start.page])).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 2],
    ]);
  });

  it("sets a unit one language lacks below the other's text, and the other waits for its end", () => {
    const zh = side(
      [],
      [
        ["a", [text(3)]],
        ["z", [text(4)]],
        ["b", [text(1)]],
      ],
    );
    const en = side(
      [],
      [
        ["a", [text(6)]],
        ["b", [text(1)]],
      ],
    );
    const plan = planLevels({ zh, en }, [
      { id: "a", langs: ["zh", "en"] },
      { id: "z", langs: ["zh"] },
      { id: "b", langs: ["zh", "en"] },
    ]);
    // en's a ends at 160: z starts there on zh, ends at 200; b waits for it on both sides.
    expect(plan.units[1]).toMatchObject({ id: "z", langs: ["zh"], start: { page: 1, y: 162 } });
    expect(plan.units[2]?.start).toEqual({ page: 2, y: 102 });
    expect(plan.targets.en.z).toBeUndefined();
  });

  it("sets a unit as a layout showed it lands from the same place, rather than as the model would", () => {
    const zh = side(
      [],
      [
        ["a", [text(3)]],
        ["b", [text(1)]],
      ],
    );
    const en = side(
      [],
      [
        ["a", [text(3)]],
        ["b", [text(1)]],
      ],
    );
    const observed: Observations = {
      zh: new Map([["a", [{ gap: { page: 1, y: 100 }, notes: 0, carry: 0, firstLine: { page: 1, y: 102 }, end: at(140) }]]]),
      en: new Map(),
    };
    // The model says a ends at 130 on both sides; the layout showed 140 on zh.
    expect(planLevels({ zh, en }, order("a", "b"), observed).units[1]?.start).toEqual({ page: 1, y: 142 });
  });
});

describe("the order of units", () => {
  const anchors = (...ids: string[]) => ids.map((id) => ({ id, heading: false }));
  it("puts each language's own units between the units both have, the Chinese's first", () => {
    const units = matchUnits(anchors("a", "x", "b", "c", "z"), anchors("a", "b", "y", "c", "w"));
    expect(units.order).toEqual([
      { id: "a", langs: ["zh", "en"] },
      { id: "x", langs: ["zh"] },
      { id: "b", langs: ["zh", "en"] },
      { id: "y", langs: ["en"] },
      { id: "c", langs: ["zh", "en"] },
      { id: "z", langs: ["zh"] },
      { id: "w", langs: ["en"] },
    ]);
  });
});
