import { createHash } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { exists } from "../files/exists.ts";
// Builds running at once share the folder: each writes its own file and renames it into place.
import { writeAtomically } from "../files/write.ts";

/**
 * A fontconfig configuration of our own for the browser, listing one font folder of ours and
 * none of the machine's: the system's and the user's fonts (any installed CJK font included)
 * stay out of the page, so that the same sources give the same PDF on every machine. A
 * character our faces lack then prints as .notdef, which the preflight reports, instead of
 * being set silently in whatever the machine has.
 *
 * The folder holds one font, a last resort with no glyph but the space: Chromium lays out
 * no text at all when fontconfig knows no font (web fonts included), and it takes the
 * .notdef of a character no face has from this font rather than from a machine's.
 */
const CONFIG = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<!-- paiban: one folder of our own, none of the machine's. -->
<fontconfig>
  <dir>FONTS</dir>
  <cachedir>CACHE</cachedir>
  <!-- As the machine's own configuration would have it (Debian's: slight hinting, grey
       antialiasing): glyphs keep their designed advances, so lines break as they always did. -->
  <match target="pattern">
    <edit name="hinting" mode="assign"><bool>true</bool></edit>
    <edit name="hintstyle" mode="assign"><const>hintslight</const></edit>
    <edit name="antialias" mode="assign"><bool>true</bool></edit>
    <edit name="rgba" mode="assign"><const>none</const></edit>
  </match>
</fontconfig>
`;

/** The last resort is cut from Noto Serif (TrueType: Chromium cannot read a WOFF2 that fontconfig names). */
const LAST_RESORT_SOURCE = "@fontsource/noto-serif/files/noto-serif-latin-400-normal.woff2";

const require = createRequire(import.meta.url);

let written: Promise<string> | undefined;

/** Writes the configuration and its font (once per process) and returns the environment the browser is to run with. */
export async function isolatedFontEnvironment(env: NodeJS.ProcessEnv = process.env): Promise<Record<string, string>> {
  written ??= writeConfig();
  const inherited = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  // FONTCONFIG_PATH would let fontconfig find other files to include: ours includes none.
  delete inherited.FONTCONFIG_PATH;
  return { ...inherited, FONTCONFIG_FILE: await written };
}

/**
 * Written once per machine, not once per build: the folder is left as it is when it already
 * holds what this build would write. Chromium's fontconfig then finds its cache of the folder
 * still valid, and subset-font (harfbuzz, compiled on first use) is not loaded, both while
 * the browser is being launched.
 */
async function writeConfig(): Promise<string> {
  const dir = path.join(os.tmpdir(), `paiban-fontconfig-${os.userInfo().uid}`);
  const fonts = path.join(dir, "fonts");
  await mkdir(fonts, { recursive: true });
  await mkdir(path.join(dir, "cache"), { recursive: true });
  const source = await readFile(require.resolve(LAST_RESORT_SOURCE));
  const lastResort = path.join(fonts, "last-resort.ttf");
  // What the last resort was cut from, beside it (not in the fonts' folder, which fontconfig
  // reads). Its glyphs print only where no face has a character, which the preflight reports.
  const stampFile = path.join(dir, "last-resort.source");
  const stamp = createHash("sha256").update(source).digest("hex");
  if ((await readText(stampFile)) !== stamp || !(await exists(lastResort))) {
    const { default: subsetFont } = await import("subset-font");
    await writeAtomically(lastResort, await subsetFont(source, " ", { targetFormat: "sfnt" }));
    await writeAtomically(stampFile, stamp);
  }
  const file = path.join(dir, "fonts.conf");
  const config = CONFIG.replace("FONTS", fonts).replace("CACHE", path.join(dir, "cache"));
  if ((await readText(file)) !== config) await writeAtomically(file, config);
  return file;
}

/** A file's text; "" when there is none. */
function readText(file: string): Promise<string> {
  return readFile(file, "utf8").catch(() => "");
}
