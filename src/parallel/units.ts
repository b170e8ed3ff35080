import type { AlignmentAnchor } from "../markdown/env.ts";
import type { OrderedUnit } from "./plan.ts";

export interface Units {
  /** Units both languages have, in order: each starts at the same height on both sides. */
  matched: string[];
  /** Units one language has and the other lacks: set alone, with blank space opposite. */
  unmatched: { lang: "zh" | "en"; anchor: AlignmentAnchor }[];
  /**
   * Every unit in reading order, with the languages that have it: between two units both
   * have, the Chinese's own units first, then the English's.
   */
  order: OrderedUnit[];
}

/** Pairs the two languages' alignment anchors by id. */
export function matchUnits(zh: AlignmentAnchor[], en: AlignmentAnchor[]): Units {
  const enIds = new Set(en.map((a) => a.id));
  const zhIds = new Set(zh.map((a) => a.id));
  const order: OrderedUnit[] = [];
  let j = 0;
  for (const anchor of zh) {
    if (!enIds.has(anchor.id)) {
      order.push({ id: anchor.id, langs: ["zh"] });
      continue;
    }
    for (; j < en.length && (en[j] as AlignmentAnchor).id !== anchor.id; j++) {
      const alone = en[j] as AlignmentAnchor;
      if (!zhIds.has(alone.id)) order.push({ id: alone.id, langs: ["en"] });
    }
    j++;
    order.push({ id: anchor.id, langs: ["zh", "en"] });
  }
  for (; j < en.length; j++)
    if (!zhIds.has((en[j] as AlignmentAnchor).id)) order.push({ id: (en[j] as AlignmentAnchor).id, langs: ["en"] });
  return {
    matched: zh.filter((a) => enIds.has(a.id)).map((a) => a.id),
    unmatched: [
      ...zh.filter((a) => !enIds.has(a.id)).map((anchor) => ({ lang: "zh" as const, anchor })),
      ...en.filter((a) => !zhIds.has(a.id)).map((anchor) => ({ lang: "en" as const, anchor })),
    ],
    order,
  };
}
