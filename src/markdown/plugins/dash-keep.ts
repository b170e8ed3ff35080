import type { MarkdownIt } from "markdown-it";
import { rewriteProse } from "../text-runs.ts";
import { addressMask } from "../typography.ts";

/** The dash and the ellipsis, set doubled in Chinese (——, ……) and single in English. */
const KEPT = new Set(["\u2014", "\u2026"]);
const JOINER = "\u2060";

/**
 * A dash or an ellipsis never starts a line: it keeps to the word or mark before it, through
 * a word joiner (U+2060), and the line breaks after it instead. GB/T 15834 keeps —— and ……
 * whole and 避头尾 keeps them off a line's start; the browser breaks before them (the preflight's
 * line-start rule reads them there). In English a break after an em dash reads better too.
 * Outside code and web addresses; after the typographic rules that make the dashes.
 */
export function dashKeep(md: MarkdownIt): void {
  md.core.ruler.before("text_join", "dash_keep", (state) => {
    for (const token of state.tokens) {
      if (token.type === "inline" && token.children) rewriteProse(token.children, joinBeforeDashes);
    }
  });
}

export function joinBeforeDashes(chars: string[]): string[] {
  const address = addressMask(chars);
  return chars.map((ch, i) => {
    const before = chars[i - 1];
    if (!KEPT.has(ch) || address[i] || before === undefined || before === ch || /\s/u.test(before) || before === JOINER) return ch;
    return `${JOINER}${ch}`;
  });
}
