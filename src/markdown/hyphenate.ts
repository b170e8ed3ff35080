import { createRequire } from "node:module";

interface Hyphenator {
  hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string;
}

// The hyphen package ships TeX's en-US patterns as CommonJS modules.
const patterns = createRequire(import.meta.url)("hyphen/en-us") as Hyphenator;

/**
 * English words with soft hyphens (U+00AD) at their break points. Chromium has no
 * hyphenation dictionaries offline, so `hyphens: auto` does nothing; with soft hyphens
 * `hyphens: manual` breaks justified English lines as a typesetter would.
 */
export function hyphenateEnglish(text: string): string {
  return patterns.hyphenateSync(text, { hyphenChar: "\u00AD", minWordLength: 6 });
}
