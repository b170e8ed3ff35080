import type { Block, SideFlow } from "./flow.ts";
import { type Cursor, later, pageAfter, type Position, setBlocks } from "./paginate.ts";

export type Lang = "zh" | "en";
export const LANGS: readonly Lang[] = ["zh", "en"];

/**
 * Where one side sets a unit, as the page is told (src/render/in-page/align.js): the gap
 * before the unit ends `bottom` points below the top of page `page`, reached after at
 * most `breaks` page breaks.
 */
export interface UnitTarget {
  page: number;
  bottom: number;
  breaks: number;
}

/** A unit in reading order, and the languages that have it (one, for a passage set alone). */
export interface OrderedUnit {
  id: string;
  langs: readonly Lang[];
}

/**
 * What a layout showed of a unit on one side: set from the gap's bottom `gap`, with
 * `notes` points of notes already at the foot of that page, its first line landed at
 * `firstLine` and the setting ended at `end`. Where the same unit is set from the same
 * place again, it lands the same way.
 */
export interface Observation {
  gap: Position;
  notes: number;
  /** Of the notes called before, the height cut at a page's foot that goes on at later pages. */
  carry: number;
  /**
   * Where the side's units before this one were to start in that layout (`targetsBefore`).
   * Set after the same, from the same gap, the unit lands the same way, whatever the model
   * makes of the notes before it.
   */
  before?: string;
  firstLine: Position;
  end: Cursor;
}

export type Observations = Record<Lang, Map<string, Observation[]>>;

export interface PlannedUnit {
  id: string;
  langs: readonly Lang[];
  /** Where its first line starts on every side that has it. */
  start: Position;
  /** Started at the top of a new spread: white space on the page could not level it. */
  newSpread: boolean;
}

export interface Plan {
  targets: Record<Lang, Record<string, UnitTarget>>;
  units: PlannedUnit[];
}

/** Two positions the same within this many points. */
const SAME = 0.5;

const same = (a: Position, b: Position, tolerance = SAME) => a.page === b.page && Math.abs(a.y - b.y) <= tolerance;

/** What setting a unit from its gap gives: where its first line lands and where the setting ends. */
interface Run {
  firstLine: Position;
  end: Cursor;
}

/**
 * Levels every unit in one pass over both sides' flows: each unit starts, on every side
 * that has it, where the later of its natural starts is (the side that would start it
 * earlier gets the white space between). Where white space on the page cannot do it (the
 * unit's first lines would not stay there on some side: a heading kept with its text, notes
 * that need the room), the unit starts at the top of the next spread on both sides. A unit
 * that one language lacks starts below the other side's text, which waits for its end.
 *
 * Units are set from the model of each side (paginate.ts), unless a layout already showed
 * how a unit lands from the same place (`observed`): then as it did.
 */
export function planLevels(
  flows: Record<Lang, SideFlow>,
  order: readonly OrderedUnit[],
  observed?: Observations,
  /** Units to start at the top of a new spread whatever the white space could do (they failed to level before). */
  newSpreads: ReadonlySet<string> = new Set(),
): Plan {
  // A unit that is only a heading (kept with what follows) whose next unit starts on a later
  // page starts a new spread itself, and that unit follows right under it: a heading never
  // ends a page alone.
  const spreads = new Set(newSpreads);
  const follow = new Set<string>();
  for (let tries = 0; tries <= order.length; tries++) {
    const plan = planOnce(flows, order, observed, spreads, follow);
    const stranded = plan.units.find((unit, i) => {
      const before = plan.units[i - 1];
      return (
        before &&
        before.start.page < unit.start.page &&
        before.langs.every((lang) => keptWithNext(flows[lang], before.id)) &&
        !follow.has(unit.id)
      );
    });
    if (!stranded) return plan;
    const at = plan.units.indexOf(stranded);
    spreads.add((plan.units[at - 1] as PlannedUnit).id);
    follow.add(stranded.id);
  }
  return planOnce(flows, order, observed, spreads, follow);
}

/**
 * Units that are only a heading and that a layout set on an earlier page than the unit after
 * them, on some side: the heading ends its page alone (the model had them together).
 */
export function strandedHeadings(
  flows: Record<Lang, SideFlow>,
  order: readonly OrderedUnit[],
  starts: Record<Lang, ReadonlyMap<string, Position>>,
): string[] {
  return order
    .filter((unit, i) =>
      LANGS.some((lang) => {
        const at = starts[lang].get(unit.id);
        const next = order.slice(i + 1).find((u) => starts[lang].has(u.id));
        const nextAt = next && starts[lang].get(next.id);
        return at && nextAt && keptWithNext(flows[lang], unit.id) && at.page < nextAt.page;
      }),
    )
    .map((unit) => unit.id);
}

/** Whether a unit's last block keeps with what follows it (a heading, and nothing under it in its unit). */
function keptWithNext(flow: SideFlow, unit: string): boolean {
  const blocks = unitBlocks(flow, unit);
  return blocks.length > 0 && (blocks[blocks.length - 1] as Block).keepWithNext;
}

function planOnce(
  flows: Record<Lang, SideFlow>,
  order: readonly OrderedUnit[],
  observed: Observations | undefined,
  newSpreads: ReadonlySet<string>,
  /** Units that follow the unit before them rather than start a new spread of their own. */
  follow: ReadonlySet<string>,
): Plan {
  const targets: Plan["targets"] = { zh: {}, en: {} };
  const units: PlannedUnit[] = [];
  const cursors = {} as Record<Lang, Cursor>;
  for (const lang of LANGS) {
    const flow = flows[lang];
    const first = Math.min(flow.blocks.length, ...flow.gaps.values());
    cursors[lang] = setBlocks(flow.frame, flow.blocks.slice(0, first), { page: 1, y: flow.frame.top, notes: 0, fresh: true }).end;
  }

  for (const unit of order) {
    const sides = unit.langs.filter((lang) => flows[lang].gaps.has(unit.id));
    if (sides.length === 0) continue;
    const others = LANGS.filter((lang) => !sides.includes(lang));
    const lead = (lang: Lang) => leadOf(flows[lang], unit.id);
    const before = (lang: Lang) => targetsBefore(order, targets[lang], unit.id);
    // Where each side would start the unit with no white space; a unit alone starts below the other side's text.
    let start = sides
      .map(
        (lang) =>
          run(flows[lang], unit.id, gapTop(flows[lang], unit.id, cursors[lang]), cursors[lang], observed?.[lang], before(lang)).firstLine,
      )
      .reduce((a, b) => later(a, b));
    for (const lang of others) start = later(start, { page: cursors[lang].page, y: cursors[lang].y + Math.max(...sides.map(lead)) });

    const runAt = (lang: Lang, at: Position): Run => {
      const cursor = cursors[lang];
      // On a later page, the notes cut before go on at its foot.
      const footer = at.page === cursor.page ? cursor : pageAfter(flows[lang].frame, cursor, at.page);
      return run(flows[lang], unit.id, { page: at.page, y: at.y - lead(lang) }, footer, observed?.[lang], before(lang));
    };
    // The gap cannot be shorter than nothing: it starts after the text before it, or at the top of a later page.
    const reaches = (lang: Lang, at: Position) => {
      const cursor = cursors[lang];
      const top = at.page === cursor.page ? gapTop(flows[lang], unit.id, cursor).y : flows[lang].frame.top;
      return at.page >= cursor.page && at.y - lead(lang) >= top - 0.05;
    };
    const fits = (at: Position) => sides.every((lang) => reaches(lang, at) && same(runAt(lang, at).firstLine, at));
    let newSpread = false;
    if ((newSpreads.has(unit.id) && !follow.has(unit.id)) || !fits(start)) {
      newSpread = true;
      // The top of the spread it would have started on, unless it is that top already.
      const top = Math.max(...sides.map((lang) => flows[lang].frame.top + lead(lang)));
      start = { page: start.y <= top + SAME ? start.page : start.page + 1, y: top };
    }
    for (const lang of sides) {
      const cursor = cursors[lang];
      targets[lang][unit.id] = { page: start.page, bottom: start.y - lead(lang), breaks: Math.max(0, start.page - cursor.page) };
      cursors[lang] = runAt(lang, start).end;
    }
    units.push({ id: unit.id, langs: sides, start, newSpread });
  }
  return { targets, units };
}

/** Gap bottom to the unit's first line: the first block's top margin and the glyphs' offset in their line. */
function leadOf(flow: SideFlow, unit: string): number {
  const first = flow.blocks[(flow.gaps.get(unit) ?? 0) + 1];
  return first ? first.spaceBefore + first.glyphOffset : 0;
}

/** Where a unit's gap starts when set right after `cursor`. */
function gapTop(flow: SideFlow, unit: string, cursor: Cursor): Position {
  const gap = flow.blocks[flow.gaps.get(unit) ?? 0] as Block;
  if (cursor.fresh) return { page: cursor.page, y: flow.frame.top };
  return {
    page: cursor.page,
    y: cursor.margin === undefined ? cursor.y + gap.spaceBefore : cursor.y + Math.max(0, gap.marginTop - cursor.margin),
  };
}

/** The unit's blocks (after its gap, up to the next unit's gap). */
function unitBlocks(flow: SideFlow, unit: string): Block[] {
  const gap = flow.gaps.get(unit) ?? 0;
  let next = flow.blocks.length;
  for (const index of flow.gaps.values()) if (index > gap && index < next) next = index;
  return flow.blocks.slice(gap + 1, next);
}

/** The notes at the foot of the page a unit's gap ends on, and what of them goes on at later pages. */
type Footer = Pick<Cursor, "notes" | "carry">;

/** Sets a unit from its gap's bottom: as a layout showed, or as the model has it. */
function run(
  flow: SideFlow,
  unit: string,
  gap: Position,
  footer: Footer,
  observed: Map<string, Observation[]> | undefined,
  before: string,
): Run {
  const carry = footer.carry ?? 0;
  const seen = observed
    ?.get(unit)
    ?.find(
      (o) =>
        same(o.gap, gap, 0.05) && (o.before === before || (Math.abs(o.notes - footer.notes) < SAME && Math.abs(o.carry - carry) < SAME)),
    );
  if (seen) return { firstLine: seen.firstLine, end: seen.end };
  const blocks = unitBlocks(flow, unit);
  const { starts, end } = setBlocks(flow.frame, blocks, { page: gap.page, y: gap.y, notes: footer.notes, carry, fresh: false });
  const first = starts[0];
  return { firstLine: first ? { page: first.page, y: first.firstLine } : gap, end };
}

/** Where a side's units before `unit` are to start: the same targets lay the text before the unit out the same way. */
export function targetsBefore(order: readonly OrderedUnit[], targets: Record<string, UnitTarget>, unit: string): string {
  const at = order.findIndex((u) => u.id === unit);
  const round = (n: number) => Math.round(n * 100) / 100;
  return JSON.stringify(
    order.slice(0, Math.max(0, at)).map((u) => {
      const target = targets[u.id];
      return target ? [target.page, round(target.bottom), target.breaks] : null;
    }),
  );
}
