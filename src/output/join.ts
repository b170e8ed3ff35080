import { mergeDocuments } from "./merge.ts";
import { writeOutline } from "./outline.ts";
import { savePdf } from "./pdf-file.ts";

/**
 * Documents whose pages follow one another (an article's two parts, laid out apart) made
 * one, as Chromium prints a document whole: the pages in turn, each part's tags and links,
 * and one outline, the parts' entries in turn.
 */
export async function joinDocuments(parts: { name: string; pdf: Uint8Array }[]): Promise<Uint8Array> {
  const [only] = parts;
  if (only && parts.length === 1) return only.pdf;
  const merged = await mergeDocuments(parts);
  writeOutline(
    merged.pdf,
    merged.parts.flatMap((part) => part.outline),
  );
  return savePdf(merged.pdf);
}
