import { pathToFileURL } from "node:url";
import { writeFallbackFaces } from "../fonts/fallback.ts";
import type { FontLibrary } from "../fonts/library.ts";
import type { DocumentStyles } from "./assets.ts";

/** What may be added to a document's fonts for characters the styles' own faces lack. */
export interface DocumentFonts {
  library: FontLibrary;
  /** Where subsets for characters the styles' faces lack are written (and kept). */
  dir: string;
  /** The URL a page gives a file of `dir`: a file: URL for a build, a served one for the preview. */
  url?: (file: string) => string;
}

/**
 * Composes a document with the faces its text needs: once with the styles' own, then, when
 * some of its characters are not in them (a traditional character, Extension A…), again
 * with one more font stylesheet holding subsets for just those characters
 * (../fonts/fallback.ts). A document the styles' faces print loads nothing more.
 */
export async function composeWithFaces(
  compose: (styles: DocumentStyles) => string,
  styles: DocumentStyles,
  fonts: DocumentFonts,
): Promise<string> {
  const html = compose(styles);
  // Characters of the markup are ASCII, and the templates escape nothing else: the HTML's characters are the text's.
  const extra = await writeFallbackFaces(fonts.library, html, fonts.dir);
  if (!extra) return html;
  const url = fonts.url ?? ((file: string) => pathToFileURL(file).href);
  return compose({ ...styles, fontStylesheets: [...styles.fontStylesheets, url(extra)] });
}
