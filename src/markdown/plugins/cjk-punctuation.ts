import type { MarkdownIt } from "markdown-it";
import { rewriteProse } from "../text-runs.ts";

/**
 * Half-width punctuation typed inside Chinese sentences (`,` `:` `;` `?` `!` and `( )`)
 * is set in its full-width form, as GB/T 15834 asks. Only marks touching Chinese are
 * changed: English text, numbers (1,000), URLs and code are left alone.
 */
export function cjkPunctuation(md: MarkdownIt): void {
  md.core.ruler.after("text_join", "cjk_punctuation", (state) => {
    for (const token of state.tokens) {
      if (token.type === "inline" && token.children) rewriteProse(token.children, convertChars);
    }
  });
}

const FULL_WIDTH: Record<string, string> = { ",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）" };

/** Han characters and the full-width marks that only occur in Chinese text. */
const CHINESE = /[\p{Script=Han}\u3000-\u303f\uff01-\uff5e“”‘’]/u;
const HAN = /\p{Script=Han}/u;

export function convertText(text: string): string {
  return convertChars([...text]).join("");
}

/** Maps each character to its replacement ("" drops it), so runs keep their boundaries. */
function convertChars(chars: string[]): string[] {
  const out = [...chars];
  const chinese = (i: number) => CHINESE.test(chars[i] ?? "");
  // Parentheses go in pairs: both full-width when either side or the inside is Chinese.
  const open: number[] = [];
  chars.forEach((ch, i) => {
    if (ch === "(") open.push(i);
    if (ch === ")" && open.length > 0) {
      const start = open.pop() as number;
      const inside = chars.slice(start + 1, i).join("");
      if (HAN.test(inside) || chinese(start - 1) || chinese(i + 1)) {
        out[start] = "（";
        out[i] = "）";
      }
    }
  });
  chars.forEach((ch, i) => {
    if (!",:;?!".includes(ch)) return;
    // 1,000 and 10:30 stay as they are.
    if (/\d/.test(chars[i - 1] ?? "") && /\d/.test(chars[i + 1] ?? "")) return;
    if (chinese(i - 1) || HAN.test(chars[i + 1] ?? "")) out[i] = FULL_WIDTH[ch] ?? ch;
  });
  // Spaces typed after a mark, English-style, go once the mark is full-width: it carries
  // its own white space, whatever follows.
  out.forEach((ch, i) => {
    const converted = out[i - 1] !== chars[i - 1] && /[，：；？！）]/.test(out[i - 1] ?? "");
    if (/[ \t]/.test(ch) && converted) out[i] = "";
  });
  return out;
}
