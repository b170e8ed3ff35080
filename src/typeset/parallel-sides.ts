import type { ColumnShares, UnitTarget } from "../compose/parallel-view.ts";
import { autoShares } from "../parallel/columns.ts";
import type { Unlevel } from "../parallel/level.ts";
import { LANGS, type Lang, type OrderedUnit } from "../parallel/plan.ts";
import { type LevelReport, levelSides } from "../parallel/rounds.ts";
import type { PreflightFinding } from "../preflight/index.ts";
import type { BuildContext } from "./context.ts";
import { type RenderedDocument, renderDocument } from "./render-document.ts";

/** Both sides of a parallel edition, printed once every unit is level, and how they got there. */
export interface LevelledSides {
  sides: Record<Lang, RenderedDocument>;
  report: LevelReport;
  /** Layouts of each side. */
  layouts: Record<Lang, number>;
  /** Units still not level: none, unless the planner gave up. */
  unlevel: Unlevel[];
}

/**
 * Lays the two sides of a parallel edition out until every unit starts level on both
 * (src/parallel/rounds.ts decides what each layout is to do). Each layout is printed at
 * once and its window let go: printing one that is then set aside costs less than keeping
 * its window from the next document (a new window must decode its fonts again). Only the
 * first, which measures the sides, is not printed where there are units to level: it is
 * kept only where it came out level as it stood, and is then laid out once more to print.
 * `compose` gives a side's HTML with the units' targets.
 */
export async function layOutLevelled(
  context: BuildContext,
  name: string,
  compose: (lang: Lang, targets: Record<string, UnitTarget>) => Promise<string>,
  order: readonly OrderedUnit[],
): Promise<LevelledSides> {
  const rounds: Record<Lang, number> = { zh: 0, en: 0 };
  // The first layout only measures, unless there is nothing to level.
  const layOut = async (lang: Lang, targets: Record<string, UnitTarget>, print?: boolean) => {
    const round = rounds[lang]++;
    if (round > 0) context.report(`levelling ${name}: laying out the ${lang === "zh" ? "Chinese" : "English"} side again`);
    const html = await compose(lang, targets);
    const document = await renderDocument(context, `${name}-${lang}-${round}`, html, {
      flow: true,
      print: print ?? (round > 0 || order.length === 0),
    });
    if (!document.layout.flow) throw new Error(`paiban: the layout of ${name} (${lang}) came back without its flow`);
    return { flow: document.layout.flow, document };
  };
  const levelled = await levelSides(order, layOut);
  const layouts = { ...levelled.layouts };
  const printed = async (lang: Lang) => {
    const side = levelled.sides[lang].document;
    if (side.pdf.length > 0) return side;
    layouts[lang]++;
    return (await layOut(lang, levelled.targets[lang], true)).document;
  };
  const [zh, en] = await Promise.all([printed("zh"), printed("en")]);
  return {
    sides: { zh, en },
    report: levelled.report,
    layouts,
    unlevel: levelled.unlevel,
  };
}

/**
 * The columns' shares for `columns: auto`: both sides laid out once at equal widths, and
 * the shares under which their units end closest together (src/parallel/columns.ts).
 */
export async function measureColumnShares(
  context: BuildContext,
  name: string,
  compose: (lang: Lang) => Promise<string>,
  order: readonly OrderedUnit[],
): Promise<ColumnShares> {
  context.report(`measuring ${name} for its column widths`);
  const [zh, en] = await Promise.all(
    LANGS.map(async (lang) => renderDocument(context, `${name}-${lang}-widths`, await compose(lang), { print: false, flow: true })),
  );
  if (!zh?.layout.flow || !en?.layout.flow) throw new Error(`paiban: the layout of ${name} came back without its flow`);
  return autoShares({ zh: zh.layout.flow, en: en.layout.flow }, order);
}

/** A unit left unlevel, as the build reports it (and fails on, when strict). */
export function unlevelFinding(unit: Unlevel): PreflightFinding {
  const where = (p: { page: number; y: number }) => `page ${p.page} at ${p.y.toFixed(1)} pt`;
  return {
    rule: "unit-level",
    page: unit.zh.page,
    text: `{#${unit.id}}`,
    message: `the passage starts on the Chinese side on ${where(unit.zh)}, on the English side on ${where(unit.en)}`,
  };
}
