import { pathToFileURL } from "node:url";
import { writeFallbackFaces } from "../fonts/fallback.ts";
import type { FontLibrary } from "../fonts/library.ts";

/** The fonts a document is composed with: the styles' own faces, and what may be added for characters they lack. */
export interface DocumentFonts {
  /** The font stylesheets every document loads (Fontsource's, the punctuation font). */
  stylesheets: string[];
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
export async function composeWithFaces(compose: (fontStylesheets: string[]) => string, fonts: DocumentFonts): Promise<string> {
  const html = compose(fonts.stylesheets);
  // Characters of the markup are ASCII, and the templates escape nothing else: the HTML's characters are the text's.
  const extra = await writeFallbackFaces(fonts.library, html, fonts.dir);
  if (!extra) return html;
  const url = fonts.url ?? ((file: string) => pathToFileURL(file).href);
  return compose([...fonts.stylesheets, url(extra)]);
}
