import { createHash } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
// Builds running side by side may cut the same subset: each writes its own file and renames it into place.
import { exists } from "../files/exists.ts";
import { writeAtomically } from "../files/write.ts";
import { formatUnicodeRange } from "./font-face-rules.ts";
import { fileStamp, type FallbackFont, type FontLibrary } from "./library.ts";
import { subsetter } from "./subsetter.ts";

/** The family the styles name after their own faces, for characters those lack (styles/page.css). */
export const FALLBACK_FAMILY = "paiban fallback";

/** Weights the styles set text in: each gets a face of its own, so none is synthesised. */
const WEIGHTS = [400, 700];

/**
 * The faces a document needs beyond those the styles name, written to `dir` as font files
 * and one stylesheet: for each font file that supplies characters of the text, a subset
 * holding just those characters, in each weight (a variable font pinned to it). Nothing is
 * loaded for text the styles' faces print (the sample needs nothing here). Returns the
 * stylesheet, or undefined when the text needs no face beyond the styles'.
 *
 * A subset's file name is a digest of what it is cut from, so the files are kept between
 * builds and a document composed twice names the same files.
 */
export async function writeFallbackFaces(library: FontLibrary, text: string, dir: string): Promise<string | undefined> {
  const groups = new Map<string, { font: FallbackFont; points: Set<number> }>();
  for (const char of new Set(text)) {
    const c = char.codePointAt(0) as number;
    const font = library.fallbackFor(c);
    if (!font) continue;
    const group = groups.get(font.file) ?? { font, points: new Set<number>() };
    group.points.add(c);
    groups.set(font.file, group);
  }
  if (groups.size === 0) return undefined;
  await mkdir(dir, { recursive: true });
  const rules: string[] = [];
  // Han slices before the journal's files: a character takes the first face that has it.
  const ordered = [...groups.values()].sort((a, b) => Number(a.font.kind === "journal") - Number(b.font.kind === "journal"));
  for (const { font, points } of ordered) {
    const chars = String.fromCodePoint(...[...points].sort((a, b) => a - b));
    const stamp = await fileStamp(font.file);
    for (const weight of WEIGHTS) {
      const variable = font.facts.axes.includes("wght");
      // A static file is the same in every weight: one subset serves both.
      const instance = variable ? weight : 0;
      const name = `${digest(font.file, stamp, chars, String(instance))}.ttf`;
      const file = path.join(dir, name);
      if (!(await exists(file))) {
        const bytes = await (await subsetter())(await readFile(font.file), chars, {
          targetFormat: "sfnt",
          ...(variable ? { variationAxes: { wght: weight } } : {}),
        });
        await writeAtomically(file, bytes);
      }
      rules.push(
        [
          "@font-face {",
          `  font-family: "${FALLBACK_FAMILY}";`,
          "  font-style: normal;",
          `  font-weight: ${weight};`,
          // Beside the stylesheet: the same URL serves a file: page and the preview's server.
          `  src: url("${name}") format("truetype");`,
          `  unicode-range: ${formatUnicodeRange(points)};`,
          "}",
        ].join("\n"),
      );
    }
  }
  const css = `/* Faces for the characters the styles' own faces lack. */\n${rules.join("\n")}\n`;
  const stylesheet = path.join(dir, `${digest(css)}.css`);
  if (!(await exists(stylesheet))) await writeAtomically(stylesheet, css);
  return stylesheet;
}

function digest(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex").slice(0, 24);
}
