import type { ColumnShares } from "../compose/parallel-view.ts";
import type { ColumnWidths } from "../content/schema.ts";
import type { FlowReadout } from "../render/layout.ts";
import { sideFlow } from "./flow.ts";
import type { Lang, OrderedUnit } from "./plan.ts";

export const EQUAL: ColumnShares = { zh: 0.5, en: 0.5 };

/** The shares the sources give (`[45%, 55%]`), equal ones when they give none; undefined for `auto`, which needs a layout. */
export function givenShares(widths: ColumnWidths | undefined): ColumnShares | undefined {
  if (widths === "auto") return undefined;
  return widths ? { zh: widths[0] / 100, en: widths[1] / 100 } : EQUAL;
}

/**
 * Column shares under which the two sides' units end closest together, from a layout of
 * both at equal widths: a unit's text keeps its area, so its height goes as one over its
 * column's width. The Chinese share is tried from 30% to 70%; the one that leaves the
 * least white space to level the units both languages have wins.
 */
export function autoShares(flows: Record<Lang, FlowReadout>, order: readonly OrderedUnit[]): ColumnShares {
  const heights = { zh: unitHeights(flows.zh), en: unitHeights(flows.en) };
  const both = order.filter((u) => u.langs.length === 2);
  let best = { share: 50, white: Number.POSITIVE_INFINITY };
  for (let share = 30; share <= 70; share++) {
    const white = both.reduce((sum, { id }) => {
      const zh = ((heights.zh.get(id) ?? 0) * 50) / share;
      const en = ((heights.en.get(id) ?? 0) * 50) / (100 - share);
      return sum + Math.abs(zh - en);
    }, 0);
    if (white < best.white - 0.01) best = { share, white };
  }
  return { zh: best.share / 100, en: (100 - best.share) / 100 };
}

/** Each unit's height, as if set on one endless page: its lines, the space between its blocks, the notes it calls. */
function unitHeights(readout: FlowReadout): Map<string, number> {
  const flow = sideFlow(readout);
  const heights = new Map<string, number>();
  let unit: string | undefined;
  for (const block of flow.blocks) {
    if (block.gapFor !== undefined) unit = block.gapFor;
    if (unit === undefined) continue;
    const lines = block.lines.reduce((h, line) => h + line.height + line.notes.reduce((n, note) => n + note, 0), 0);
    heights.set(unit, (heights.get(unit) ?? 0) + block.spaceBefore + lines + block.tail);
  }
  return heights;
}
