import path from "node:path";
import { pathToFileURL } from "node:url";
import { packageFile, PROJECT_ROOT, STYLES_DIR } from "../config/paths.ts";
import { FONT_STYLESHEETS } from "../fonts/library.ts";

/** Stylesheets in cascade order: page geometry first, then the article (its figures and tables), the English part, the issue's own pages. */
export const STYLESHEETS = ["page.css", "article.css", "figures.css", "notes.css", "english.css", "issue.css", "parallel.css"];

/**
 * Our own @font-face rules (in styles/), after Fontsource's: where unicode ranges overlap,
 * the face defined last wins. They set the full-width marks from one file, so that the
 * browser compresses adjacent marks (标点挤压).
 */
export const LOCAL_FONT_STYLESHEETS = ["punctuation-font.css"];

export function fontStylesheetUrls(): string[] {
  return [
    ...FONT_STYLESHEETS.map((spec) => pathToFileURL(packageFile(spec)).href),
    ...LOCAL_FONT_STYLESHEETS.map((name) => pathToFileURL(path.join(STYLES_DIR, name)).href),
  ];
}

export function stylesheetUrls(): string[] {
  return STYLESHEETS.map((name) => pathToFileURL(path.join(STYLES_DIR, name)).href);
}

/**
 * Folders the page may read from; every other request is refused. The local font
 * stylesheets name their files as ../node_modules/… from styles/, which may differ from
 * where the packages resolve (a symlinked node_modules): both are allowed.
 */
export function readableRoots(): string[] {
  const fontRoots = FONT_STYLESHEETS.map((spec) => path.dirname(packageFile(spec)));
  const asNamed = FONT_STYLESHEETS.map((spec) => path.join(PROJECT_ROOT, "node_modules", path.dirname(spec)));
  return [STYLES_DIR, ...new Set([...fontRoots, ...asNamed])];
}

/** The job line's stylesheet (the slug of a press PDF): its own, apart from the pages'. */
export function jobLineStylesheetUrl(): string {
  return pathToFileURL(path.join(STYLES_DIR, "job-line.css")).href;
}
