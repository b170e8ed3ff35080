import { type PDFDocument, PDFName, PDFNumber, PDFRef } from "pdf-lib";
import { asArray, asDict } from "../pdf-objects.ts";
import { objectReference, StructureTree } from "./structure.ts";

/**
 * Takes the link annotations off every page: a printed sheet has nothing to click, and
 * PDF/X admits annotations only outside the trim. Their places in the structure tree go
 * too (the Link elements keep their text), so the tree points at nothing removed.
 */
export function removeLinks(pdf: PDFDocument): number {
  const tree = new StructureTree(pdf);
  const removed = new Set<PDFRef>();
  for (const page of pdf.getPages()) {
    const annots = asArray(pdf, page.node.get(PDFName.of("Annots")));
    if (!annots) continue;
    const refs = annots.asArray();
    const kept = refs.filter((ref) => {
      const annot = asDict(pdf, ref);
      if (annot?.get(PDFName.of("Subtype")) !== PDFName.of("Link")) return true;
      if (ref instanceof PDFRef) removed.add(ref);
      const key = annot.get(PDFName.of("StructParent"));
      if (key instanceof PDFNumber) tree.parents.delete(key.asNumber());
      return false;
    });
    if (kept.length === refs.length) continue;
    if (kept.length === 0) page.node.delete(PDFName.of("Annots"));
    else page.node.set(PDFName.of("Annots"), pdf.context.obj(kept));
  }
  if (removed.size === 0) return 0;
  for (const { element } of tree.elements()) {
    const kids = tree.kids(element);
    const kept = kids.filter((kid) => {
      const target = objectReference(pdf, kid);
      return !target || !removed.has(target);
    });
    if (kept.length !== kids.length) tree.setKids(element, kept);
  }
  tree.save();
  for (const ref of removed) pdf.context.delete(ref);
  return removed.size;
}
