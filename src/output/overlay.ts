import { PDFArray, type PDFDocument, PDFName, PDFObjectCopier, PDFRef, type PDFObject } from "pdf-lib";
import { addBlankPage, annotationsOf, renameDestinations } from "./merge.ts";
import { readOutline, type OutlineEntry } from "./outline.ts";
import { asDict } from "./pdf-objects.ts";
import { loadPdf } from "./pdf-file.ts";

/**
 * Prints the pages of `over` on the pages of `base`, page i on page i (two columns laid out
 * as two documents of the same page size, each leaving the other's column empty). The
 * upper document's pages become form XObjects; its links and named destinations (renamed
 * `<name>/…`) come along, and the bookmarks of both are returned, the base's first. Its structure tree does not:
 * its marked content now lives in forms, so only the base stays tagged.
 */
export async function overlayPages(
  baseBytes: Uint8Array,
  overBytes: Uint8Array,
  name: string,
): Promise<{ pdf: PDFDocument; outline: OutlineEntry[] }> {
  const base = await loadPdf(baseBytes);
  const over = await loadPdf(overBytes);
  while (base.getPageCount() < over.getPageCount()) addBlankPage(base);
  const basePages = base.getPages();
  const overPages = over.getPages();
  // A destination on page i of the upper document is on page i of the result.
  const pageIndex = new Map(overPages.map((page, i) => [page.ref.toString(), i]));
  const carry = (dest: PDFObject): PDFObject | undefined => {
    const array = dest instanceof PDFArray ? dest : undefined;
    const target = array?.get(0);
    const i = target instanceof PDFRef ? pageIndex.get(target.toString()) : undefined;
    const page = i === undefined ? undefined : basePages[i];
    if (!array || !page) return undefined;
    return base.context.obj([page.ref, ...array.asArray().slice(1)]);
  };
  renameDestinations(over, overPages, `${name}/`);
  const embedded = await base.embedPdf(
    over,
    overPages.map((_, i) => i),
  );
  const copier = PDFObjectCopier.for(over.context, base.context);
  overPages.forEach((overPage, i) => {
    const page = basePages[i];
    const form = embedded[i];
    if (!page || !form) return;
    const media = overPage.getMediaBox();
    page.drawPage(form, { x: media.x, y: media.y });
    for (const annot of annotationsOf(over, overPage)) {
      // Its page and its place in a structure tree are the upper document's: neither comes along.
      annot.delete(PDFName.of("P"));
      annot.delete(PDFName.of("StructParent"));
      const copy = copier.copy(annot);
      const annots = page.node.Annots() ?? base.context.obj([]);
      annots.push(base.context.register(copy));
      page.node.set(PDFName.of("Annots"), annots);
    }
  });
  const dests = asDict(base, base.catalog.get(PDFName.of("Dests"))) ?? base.context.obj({});
  for (const [key, dest] of asDict(over, over.catalog.get(PDFName.of("Dests")))?.entries() ?? []) {
    const carried = carry(dest);
    if (carried) dests.set(PDFName.of(`${name}/${key.decodeText()}`), carried);
  }
  base.catalog.set(PDFName.of("Dests"), dests);
  return { pdf: base, outline: [...readOutline(base, (obj) => obj), ...readOutline(over, carry)] };
}
