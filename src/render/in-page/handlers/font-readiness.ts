import { paged } from "../paged.ts";

/**
 * Fontsource splits each face into unicode-range slices that load only when a glyph is
 * first drawn; Paged.js measures text as it paginates, so a slice arriving late would
 * change line breaks after pages were cut. Every slice this document needs is loaded first.
 */
export class FontReadiness extends paged().Handler {
  async beforeParsed(content: DocumentFragment): Promise<void> {
    const text = content.textContent || "";
    const faces = new Set<string>();
    for (const face of document.fonts) faces.add(`${face.style} ${face.weight} 16px "${face.family.replace(/"/g, "")}"`);
    await Promise.all([...faces].map((font) => document.fonts.load(font, text).catch(() => [])));
    await document.fonts.ready;
  }
}
