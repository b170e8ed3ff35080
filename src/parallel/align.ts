import type { UnitSpace } from "../compose/parallel-view.ts";

export type Lang = "zh" | "en";

/** Where a unit starts on one side: page (1-based) and top edge in points. */
export interface UnitPosition {
  page: number;
  top: number;
}

/** The white space before each unit, per side. */
export type Spacing = Record<Lang, Record<string, UnitSpace>>;

/** Two starts count as level within this many points. */
const LEVEL = 1;

/**
 * One step of alignment: finds the first matched unit whose two sides do not start on the
 * same page at the same height, and gives the side that starts earlier the white space to
 * reach the other (page breaks to reach its page, then space to reach its height). Returns
 * the side changed, to be laid out again, or undefined when every unit is level. Space is
 * only ever added before a unit, so the units before it stay where they are.
 */
export function alignNext(
  matched: string[],
  positions: Record<Lang, Map<string, UnitPosition>>,
  spacing: Spacing,
): { lang: Lang; unit: string } | undefined {
  for (const unit of matched) {
    const zh = positions.zh.get(unit);
    const en = positions.en.get(unit);
    if (!zh || !en) throw new Error(`alignment unit ${unit} was not found in the layout`);
    if (zh.page === en.page && Math.abs(zh.top - en.top) <= LEVEL) continue;
    const zhFirst = zh.page < en.page || (zh.page === en.page && zh.top < en.top);
    const lang: Lang = zhFirst ? "zh" : "en";
    const [behind, ahead] = zhFirst ? [zh, en] : [en, zh];
    const current = spacing[lang][unit] ?? { breaks: 0, space: 0 };
    spacing[lang][unit] =
      behind.page < ahead.page
        ? // To the other's page first; the next step measures the height to add there.
          { breaks: current.breaks + (ahead.page - behind.page), space: 0 }
        : { breaks: current.breaks, space: round(current.space + ahead.top - behind.top) };
    return { lang, unit };
  }
  return undefined;
}

const round = (pt: number) => Math.round(pt * 100) / 100;
