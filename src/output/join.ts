import type { PDFDocument } from "pdf-lib";
import { mergeDocuments } from "./merge.ts";
import { writeOutline } from "./outline.ts";
import { loadPdf } from "./pdf-file.ts";

/**
 * Documents whose pages follow one another (an article's two parts, laid out apart) made
 * one, as Chromium prints a document whole: the pages in turn, each part's tags and links,
 * and one outline, the parts' entries in turn. Kept in memory, for finishing: saved and
 * read again, a long article's PDF cost a second more.
 */
export async function joinDocuments(parts: Uint8Array[]): Promise<PDFDocument> {
  const [only] = parts;
  if (only && parts.length === 1) return loadPdf(only);
  const merged = await mergeDocuments(parts.map((pdf, i) => ({ name: String(i + 1), pdf })));
  writeOutline(
    merged.pdf,
    merged.parts.flatMap((part) => part.outline),
  );
  return merged.pdf;
}
