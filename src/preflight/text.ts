/** Text as compared: no whitespace, no invisible marks, ligatures spelled out. */

/** Characters a line never starts with (clreq, strict line breaking). */
export const NO_LINE_START = new Set([
  ..."，。、；：？！．",
  // Closing brackets and quotes, full- and half-width.
  ..."）］｝〕〉》」』】〙〗〛｠»)]}”’",
  ..."…‥—·‧・%‰",
]);

/** Characters a line never ends with: opening brackets and quotes, full- and half-width. */
export const NO_LINE_END = new Set([..."（［｛〔〈《「『【〘〖〚｟«([{“‘"]);

/** Invisible in print: whitespace, soft hyphen, word joiner, zero-width space and no-break. */
const INVISIBLE = /[\s\u00ad\u2060\u200b\ufeff]/gu;
const LIGATURE = /[\ufb00-\ufb06]/gu;
/**
 * A hyphen between letters: the PDF prints one where a line broke at a soft hyphen, so
 * hyphens inside words are left out of the comparison on both sides.
 */
const WORD_HYPHEN = /(?<=\p{L})[-\u2010\u2011](?=\p{L})/gu;

export function normalise(text: string): string {
  return text
    .replace(LIGATURE, (c) => c.normalize("NFKC"))
    .replace(INVISIBLE, "")
    .replace(WORD_HYPHEN, "");
}

/** The first `n` characters of a text for a report, with an ellipsis when cut. */
export function head(text: string, n = 24): string {
  const chars = [...visible(text)];
  return chars.length > n ? `${chars.slice(0, n).join("")}…` : chars.join("");
}

/** The last `n` characters of a text for a report, with an ellipsis when cut. */
export function tail(text: string, n = 24): string {
  const chars = [...visible(text)];
  return chars.length > n ? `…${chars.slice(-n).join("")}` : chars.join("");
}

/** Text as a report shows it: no invisible marks, spaces collapsed. */
function visible(text: string): string {
  return text
    .replace(/[\u00ad\u2060\u200b\ufeff]/gu, "")
    .replace(/[\u0000\ufffd]/gu, "□")
    .replace(/\s+/gu, " ")
    .trim();
}
