import type { UnitTarget } from "../../src/compose/parallel-view.ts";
import type { FlowBlockReadout, FlowReadout } from "../../src/render/layout.ts";

/**
 * A stand-in for the browser: pages whose text area runs from 100 to 200 pt, lines of
 * 10 pt, each paragraph one line (so that no rule of splitting is in play), and a gap before
 * each unit that reaches its target as the page handler's does. `short` pages end 10 pt
 * higher than they say: the planner's model, which believes the pages, gets them wrong.
 */
export function layOutSide(
  units: [string, number][],
  targets: Record<string, UnitTarget>,
  short: ReadonlySet<number> = new Set(),
): FlowReadout {
  const blocks: FlowBlockReadout[] = [];
  let page = 1;
  let y = 100;
  const block = (ref: string, gapFor: string | undefined, top: number, bottom: number, lines: number): FlowBlockReadout => ({
    ref,
    ...(gapFor ? { gapFor } : {}),
    lineHeight: 10,
    marginTop: 0,
    marginBottom: 0,
    orphans: 2,
    widows: 2,
    avoidBreakBefore: false,
    avoidBreakInside: false,
    fragments: [{ page, top, bottom, lines: lines ? [{ top, bottom }] : [], calls: [] }],
  });
  for (const [unit, lines] of units) {
    const target = targets[unit];
    if (target && page < target.page) {
      page = target.page;
      y = 100;
    }
    const height = target && page === target.page ? Math.max(0, target.bottom - y) : 0;
    blocks.push(block(`${unit}-gap`, unit, y, y + height, 0));
    y += height;
    for (let i = 0; i < lines; i++) {
      if (y + 10 > (short.has(page) ? 190 : 200)) {
        page++;
        y = 100;
      }
      blocks.push(block(`${unit}-${i}`, undefined, y, y + 10, 1));
      y += 10;
    }
  }
  const pages = Array.from({ length: page }, (_, i) => ({ number: i + 1, top: 100, bottom: 200, noteChrome: 7.5, notes: [] }));
  return { pages, blocks };
}
