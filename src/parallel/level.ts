import type { FlowBlockReadout, FlowReadout } from "../render/layout.ts";
import { firstLine } from "./observe.ts";
import type { Position } from "./paginate.ts";
import type { Lang, OrderedUnit } from "./plan.ts";

/** Two starts are level within this many points (the fonts' glyphs sit a little differently in their lines). */
export const LEVEL = 1;

/** Where each unit's first line landed on one side. */
export function unitStarts(readout: FlowReadout): Map<string, Position> {
  const blocks = readout.blocks.filter((b) => b.breakFor === undefined);
  const starts = new Map<string, Position>();
  blocks.forEach((block, i) => {
    const start = block.gapFor === undefined ? undefined : firstLine(blocks[i + 1] as FlowBlockReadout | undefined);
    if (block.gapFor !== undefined && start) starts.set(block.gapFor, start);
  });
  return starts;
}

/** A unit both sides have whose starts are not level: on different pages, or apart by more than LEVEL. */
export interface Unlevel {
  id: string;
  zh: Position;
  en: Position;
}

export function unlevelUnits(starts: Record<Lang, Map<string, Position>>, order: readonly OrderedUnit[]): Unlevel[] {
  const out: Unlevel[] = [];
  for (const unit of order) {
    if (unit.langs.length < 2) continue;
    const zh = starts.zh.get(unit.id);
    const en = starts.en.get(unit.id);
    if (!zh || !en) continue;
    if (zh.page !== en.page || Math.abs(zh.y - en.y) > LEVEL) out.push({ id: unit.id, zh, en });
  }
  return out;
}

/** The largest difference left between the two starts of a unit both sides have, in points (Infinity: on different pages). */
export function largestDifference(starts: Record<Lang, Map<string, Position>>, order: readonly OrderedUnit[]): number {
  let largest = 0;
  for (const unit of order) {
    const zh = starts.zh.get(unit.id);
    const en = starts.en.get(unit.id);
    if (unit.langs.length < 2 || !zh || !en) continue;
    largest = Math.max(largest, zh.page === en.page ? Math.abs(zh.y - en.y) : Number.POSITIVE_INFINITY);
  }
  return largest;
}
