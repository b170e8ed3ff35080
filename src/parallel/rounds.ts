import type { FlowReadout } from "../render/layout.ts";
import { sideFlow } from "./flow.ts";
import { largestDifference, type Unlevel, unitStarts, unlevelUnits } from "./level.ts";
import { observe } from "./observe.ts";
import type { Position } from "./paginate.ts";
import {
  LANGS,
  type Lang,
  type Observations,
  type OrderedUnit,
  type Plan,
  planLevels,
  strandedHeadings,
  targetsBefore,
  type UnitTarget,
} from "./plan.ts";

/** Layouts of a side the levelling aims at, whatever the number of units. */
export const LAYOUTS = 4;
/** Layouts of a side it allows itself before it gives up, starting failing units on new spreads. */
export const LAST_RESORT = 8;

/** A gap within this many points of its target has reached it (the browser's pixels, rounded). */
const REALISED = 0.05;

/** One side as laid out: what the planner reads of it, and whatever the caller keeps (its window, to print from). */
export interface LaidOutSide {
  flow: FlowReadout;
}

export type SideTargets = Record<string, UnitTarget>;

/** What levelling an edition came to. */
export interface Levelled<Side extends LaidOutSide> {
  /** The last layout of each side: every unit level, unless `unlevel` says otherwise. */
  sides: Record<Lang, Side>;
  targets: Record<Lang, SideTargets>;
  /** Units both sides have that are still not level (none, unless the last resort failed). */
  unlevel: Unlevel[];
  /** Layouts of each side. */
  layouts: Record<Lang, number>;
  report: LevelReport;
}

export interface LevelReport {
  /** Units both languages have. */
  units: number;
  /** Of those: levelled by white space before them, by starting them on a new spread; not level. */
  byWhiteSpace: number;
  byNewSpread: number;
  unlevel: number;
  /** Units one language lacks, set alone. */
  alone: number;
  /** Largest difference left between the starts of a unit on its two sides, in points. */
  largestDifference: number;
}

/**
 * Levels the units of two sides: lays both out once as they come (to measure them), plans
 * where every unit starts (plan.ts), lays out again the sides whose plan changed, and
 * repairs what did not land as planned, from what the layouts showed. Most pairs are level
 * after the second layout of each side; the plan of a unit that missed twice starts it on a
 * new spread. `layOut` lays a side out with the given targets.
 */
export async function levelSides<Side extends LaidOutSide>(
  order: readonly OrderedUnit[],
  layOut: (lang: Lang, targets: SideTargets) => Promise<Side>,
): Promise<Levelled<Side>> {
  let targets: Record<Lang, SideTargets> = { zh: {}, en: {} };
  const [zh, en] = await Promise.all(LANGS.map((lang) => layOut(lang, {})));
  const sides = { zh, en } as Record<Lang, Side>;
  const layouts: Record<Lang, number> = { zh: 1, en: 1 };
  const observed: Observations = { zh: new Map(), en: new Map() };
  const newSpreads = new Set<string>();
  let plan: Plan | undefined;
  let fresh: readonly Lang[] = LANGS;
  for (;;) {
    for (const lang of fresh)
      for (const [unit, seen] of observe(sides[lang].flow)) {
        const before = targetsBefore(order, targets[lang], unit);
        observed[lang].set(unit, [...(observed[lang].get(unit) ?? []), { ...seen, before }]);
      }
    const starts = { zh: unitStarts(sides.zh.flow), en: unitStarts(sides.en.flow) };
    const unlevel = unlevelUnits(starts, order);
    const done = (left: Unlevel[]): Levelled<Side> => ({
      sides,
      targets,
      unlevel: left,
      layouts,
      report: report(order, plan, starts),
    });
    const flows = { zh: sideFlow(sides.zh.flow), en: sideFlow(sides.en.flow) };
    // A heading that ended its page alone, its section starting the next: it starts a new spread, its section under it.
    const stranded = strandedHeadings(flows, order, starts).filter((id) => !newSpreads.has(id));
    if (unlevel.length === 0 && stranded.length === 0) return done([]);
    const most = Math.max(layouts.zh, layouts.en);
    if (most >= LAST_RESORT) return done(unlevel);
    for (const id of stranded) newSpreads.add(id);
    // Past the aim, a unit that missed starts on a new spread, where white space needs no model.
    if (most >= LAYOUTS) for (const { id } of unlevel) newSpreads.add(id);
    plan = planLevels(flows, order, observed, newSpreads);
    const toLayOut = (planned: Plan) => LANGS.filter((lang) => !realises(sides[lang].flow, targets[lang], planned.targets[lang]));
    let changed = toLayOut(plan);
    if (changed.length === 0) {
      // The plan stands, yet the layout did not follow it: start the units that missed on new spreads.
      const before = newSpreads.size;
      for (const { id } of unlevel) newSpreads.add(id);
      if (newSpreads.size === before) return done(unlevel);
      plan = planLevels(flows, order, observed, newSpreads);
      changed = toLayOut(plan);
      if (changed.length === 0) return done(unlevel);
    }
    fresh = changed;
    targets = plan.targets;
    const next = await Promise.all(changed.map((lang) => layOut(lang, targets[lang])));
    changed.forEach((lang, i) => {
      sides[lang] = next[i] as Side;
      layouts[lang]++;
    });
  }
}

/**
 * Whether a side laid out with `laidWith` would come out the same with `targets`: every
 * unit's gap already ends where the new target puts it (a gap that ran past its old
 * target, its height nothing, ends where the text before it did). The page handler would
 * then set every gap as it did, and the side need not be laid out again.
 */
function realises(readout: FlowReadout, laidWith: SideTargets, targets: SideTargets): boolean {
  const units = Object.keys(targets);
  if (units.length !== Object.keys(laidWith).length || !units.every((unit) => unit in laidWith)) return false;
  const gaps = observe(readout);
  return units.every((unit) => {
    const target = targets[unit] as UnitTarget;
    const gap = gaps.get(unit)?.gap;
    return gap !== undefined && gap.page === target.page && Math.abs(gap.y - target.bottom) <= REALISED;
  });
}

function report(order: readonly OrderedUnit[], plan: Plan | undefined, starts: Record<Lang, Map<string, Position>>): LevelReport {
  const both = order.filter((u) => u.langs.length === 2);
  const unlevel = new Set(unlevelUnits(starts, order).map((u) => u.id));
  const level = both.filter((u) => !unlevel.has(u.id));
  const byNewSpread = plan?.units.filter((u) => u.newSpread && !unlevel.has(u.id) && u.langs.length === 2).length ?? 0;
  return {
    units: both.length,
    byWhiteSpace: level.length - byNewSpread,
    byNewSpread,
    unlevel: unlevel.size,
    alone: order.length - both.length,
    largestDifference: largestDifference(starts, order),
  };
}
