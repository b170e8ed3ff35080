import type { AlignmentAnchor } from "../markdown/env.ts";

export interface Units {
  /** Units both languages have, in order: each starts at the same height on both sides. */
  matched: string[];
  /** Units one language has and the other lacks: set alone, with blank space opposite. */
  unmatched: { lang: "zh" | "en"; anchor: AlignmentAnchor }[];
}

/** Pairs the two languages' alignment anchors by id. */
export function matchUnits(zh: AlignmentAnchor[], en: AlignmentAnchor[]): Units {
  const enIds = new Set(en.map((a) => a.id));
  const zhIds = new Set(zh.map((a) => a.id));
  return {
    matched: zh.filter((a) => enIds.has(a.id)).map((a) => a.id),
    unmatched: [
      ...zh.filter((a) => !enIds.has(a.id)).map((anchor) => ({ lang: "zh" as const, anchor })),
      ...en.filter((a) => !zhIds.has(a.id)).map((anchor) => ({ lang: "en" as const, anchor })),
    ],
  };
}
