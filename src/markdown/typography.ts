/**
 * Typewriter marks as a typesetter sets them, as Pandoc's `smart` extension does:
 * straight quotes become “ ” ‘ ’ (an apostrophe ’), and in English `---` an em dash —,
 * `--` an en dash –. Web addresses are left as typed.
 *
 * Each function maps characters one to one ("" drops one), so that a rule working on the
 * text runs of an inline token can give each run its part back.
 */

/** A letter or digit of an alphabetic script: an apostrophe between such is one (Ch'eng-fu, Tzŭ's). */
const WORD = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}]/u;
/** What an opening quote follows: nothing, a space, an opening bracket or quote, a dash or slash, Chinese punctuation. */
const BEFORE_OPENING = /[\s([{<“‘\u2014\u2013\-/（［｛〔〈《「『【，。、；：？！…·]/u;
/** What a closing quote is followed by: nothing, a space, punctuation, a closing bracket, a dash. */
const AFTER_CLOSING = /[\s.,;:!?)\]}>”’\u2014\u2013\-/…）］｝〕〉》」』】，。、；：？！]/u;
/** A web address typed as text: its quotes and dashes are part of it. */
const ADDRESS = /(?:https?:\/\/|www\.)[^\s<>（）【】「」『』，。；：]+/gu;

/** Straight quotes as curly ones, in English and Chinese text alike. */
export function curlQuotes(chars: string[]): string[] {
  const out = [...chars];
  const fixed = addressMask(chars);
  const open = { '"': false, "'": false };
  chars.forEach((ch, i) => {
    if ((ch !== '"' && ch !== "'") || fixed[i]) return;
    const before = chars[i - 1];
    const after = chars[i + 1];
    if (ch === "'") {
      // An apostrophe (Ch'eng-fu, don't), or a quote or plural possessive closing after a word (scholars'): ’ all.
      const afterWord = before !== undefined && WORD.test(before);
      // An elided start: '90s.
      const elided = (before === undefined || /\s/.test(before)) && after !== undefined && /\d/.test(after);
      if (afterWord || elided) {
        out[i] = "’";
        if (afterWord && !(after !== undefined && WORD.test(after))) open["'"] = false;
        return;
      }
    }
    const canOpen = before === undefined || BEFORE_OPENING.test(before);
    const canClose = after === undefined || AFTER_CLOSING.test(after);
    // Where the neighbours do not tell (both or neither, as between two Han characters), quotes pair up.
    const opening = canOpen !== canClose ? canOpen : !open[ch];
    out[i] = ch === "'" ? (opening ? "‘" : "’") : opening ? "“" : "”";
    open[ch] = opening;
  });
  return out;
}

/** `---` as an em dash and `--` as an en dash (English text). */
export function setDashes(chars: string[]): string[] {
  const out = [...chars];
  const fixed = addressMask(chars);
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== "-" || chars[i + 1] !== "-" || fixed[i]) continue;
    const em = chars[i + 2] === "-";
    out[i] = em ? "\u2014" : "\u2013";
    out[i + 1] = "";
    if (em) out[i + 2] = "";
    i += em ? 2 : 1;
  }
  return out;
}

/** Text as set in English: curly quotes and dashes (front matter: titles, abstracts, bios). */
export function englishText(text: string): string {
  return setDashes(curlQuotes([...text])).join("");
}

/** Text as set in Chinese: curly quotes (front matter). */
export function chineseText(text: string): string {
  return curlQuotes([...text]).join("");
}

/** Which characters belong to a web address typed as text. */
export function addressMask(chars: string[]): boolean[] {
  const mask = chars.map(() => false);
  const text = chars.join("");
  // Offsets in code units; the mask is by character.
  const index: number[] = [];
  chars.forEach((ch, i) => {
    for (let k = 0; k < ch.length; k++) index.push(i);
  });
  for (const m of text.matchAll(ADDRESS)) {
    for (let k = m.index; k < m.index + m[0].length; k++) mask[index[k] as number] = true;
  }
  return mask;
}
