import { readFile } from "node:fs/promises";
import path from "node:path";
import { problem, SourceError, type SourceProblem } from "../content/errors.ts";
import { parseYaml } from "../content/yaml-source.ts";
import { readJournalFont, type JournalFont } from "./library.ts";
import { FontFileError } from "./sfnt.ts";

/**
 * The font files journal.yaml names under `fonts` (paths relative to it), read and checked:
 * each must be a single TrueType-outline font (.ttf, .otf with glyf, .woff, .woff2). A
 * PostScript-outline (CFF) font would be written to the PDF as a Type 3 font.
 */
export async function loadJournalFonts(journalFile: string | undefined, entries: string[] = []): Promise<JournalFont[]> {
  if (!journalFile || entries.length === 0) return [];
  const yaml = parseYaml(await readFile(journalFile, "utf8"), journalFile);
  const fonts: JournalFont[] = [];
  const problems: SourceProblem[] = [];
  for (const [index, entry] of entries.entries()) {
    const file = path.resolve(path.dirname(yaml.file), entry);
    const at = { line: yaml.lineOf(["fonts", index]), field: `fonts[${index}]` };
    try {
      const font = await readJournalFont(file);
      if (font.facts.outlines === "cff") {
        problems.push(
          problem(yaml.file, `'${entry}' has PostScript (CFF) outlines, which the browser writes into a PDF as a Type 3 font`, {
            ...at,
            hint: "use the TrueType version of the font (.ttf), or convert it to TrueType outlines",
          }),
        );
        continue;
      }
      fonts.push(font);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "EISDIR") {
        problems.push(
          problem(yaml.file, `no font file '${entry}'`, { ...at, hint: `paths are relative to ${path.basename(yaml.file)}'s folder` }),
        );
      } else if (error instanceof FontFileError || error instanceof RangeError) {
        problems.push(
          problem(yaml.file, `'${entry}' cannot be read as a font: ${error.message}`, {
            ...at,
            hint: "name a .ttf, .otf, .woff or .woff2 file",
          }),
        );
      } else throw error;
    }
  }
  if (problems.length > 0) throw new SourceError(problems);
  return fonts;
}
