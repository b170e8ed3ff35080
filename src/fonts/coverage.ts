import { readFile } from "node:fs/promises";
import { problem, type SourceProblem } from "../content/errors.ts";
import type { FontLibrary } from "./library.ts";

/**
 * Characters of the sources that no font of ours has, found before anything is laid out:
 * each would print as a blank box (.notdef). One problem per character and file, at its
 * first place, with its code point, so that the journal can add a font that has it.
 */
export async function uncoveredCharacters(library: FontLibrary, files: string[]): Promise<SourceProblem[]> {
  const problems: SourceProblem[] = [];
  for (const file of files) {
    // As the sources are read (content/load.ts): composed, compatibility ideographs unified.
    const text = (await readFile(file, "utf8")).normalize("NFC");
    const found = new Map<number, { line: number; column: number; count: number }>();
    let line = 1;
    let column = 1;
    for (const char of text) {
      const c = char.codePointAt(0) as number;
      if (char === "\n") {
        line++;
        column = 1;
        continue;
      }
      if (!library.covers(c)) {
        const seen = found.get(c);
        if (seen) seen.count++;
        else found.set(c, { line, column, count: 1 });
      }
      column++;
    }
    for (const [c, at] of found) {
      const char = String.fromCodePoint(c);
      const more = at.count > 1 ? ` (and ${at.count - 1} more time${at.count > 2 ? "s" : ""} in this file)` : "";
      problems.push(
        problem(file, `the character '${char}' (${codePoint(c)}) is in none of our fonts: it would print as a blank box${more}`, {
          line: at.line,
          column: at.column,
          hint: "name a TrueType font file that has it under 'fonts' in journal.yaml (e.g. fonts: [fonts/extra.ttf]), or write the character another way",
        }),
      );
    }
  }
  return problems;
}

/** U+21E2B. */
export function codePoint(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
}
