import type { FloatEntry } from "./env.ts";

/**
 * How a figure or table is named in print: 图1 and 表1 in the Chinese part, Fig. 1 and
 * Table 1 in the English part; a table's continuation on the next page is 续表1 or
 * Table 1 (continued).
 */
export function floatLabel(kind: FloatEntry["kind"], number: number, lang: string): string {
  if (lang === "zh") return `${kind === "figure" ? "图" : "表"}${number}`;
  return `${kind === "figure" ? "Fig." : "Table"} ${number}`;
}

export function continuedLabel(number: number, lang: string): string {
  return lang === "zh" ? `续表${number}` : `Table ${number} (continued)`;
}

/** A cross-reference to several: 图1、图2 / Figs. 1, 2 (pandoc-crossref's `[@fig:a; @fig:b]`). */
export function joinReferences(kind: FloatEntry["kind"], labels: string[], lang: string, numbersOnly: boolean): string[] {
  if (lang === "zh" || numbersOnly || labels.length < 2) return labels;
  // English: the word once, in the plural, then the numbers.
  const word = kind === "figure" ? "Figs." : "Tables";
  return labels.map((label, i) => (i === 0 ? `${word} ${label.replace(/^\D+/, "")}` : label.replace(/^\D+/, "")));
}

/** The separator between the references of a group. */
export function referenceSeparator(lang: string): string {
  return lang === "zh" ? "、" : ", ";
}

/** pandoc-crossref's labels become HTML ids: `zh-fig-map` (unique in a document holding both languages). */
export function floatId(idPrefix: string, label: string): string {
  return `${idPrefix}-${label.replace(/[^\w-]/g, "-")}`;
}
