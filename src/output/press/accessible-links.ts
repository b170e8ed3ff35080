import { type PDFDict, type PDFDocument, PDFHexString, PDFName, PDFNumber, type PDFObject, type PDFRef, PDFString } from "pdf-lib";
import { asArray, asDict } from "../pdf-objects.ts";
import { elementText, type MarkedText, markedText } from "./marked-text.ts";
import { StructureTree } from "./structure.ts";

/**
 * Links as PDF/UA asks for them: every link annotation inside a Link element of the
 * structure tree, and described by /Contents (its text as printed, else its address).
 * A link added after layout (a contents entry leading to its article) has no element:
 * it gets one, holding the marked content its rectangle covers.
 */
export function makeLinksAccessible(pdf: PDFDocument): { placed: number; described: number } {
  const tree = new StructureTree(pdf);
  const texts = new Map<PDFRef, MarkedText>(pdf.getPages().map((page) => [page.ref, markedText(pdf, page.node)]));
  const report = { placed: 0, described: 0 };
  for (const page of pdf.getPages()) {
    const annots = asArray(pdf, page.node.get(PDFName.of("Annots")))?.asArray() ?? [];
    for (const ref of annots) {
      const annot = asDict(pdf, ref);
      if (annot?.get(PDFName.of("Subtype")) !== PDFName.of("Link")) continue;
      let key = annot.get(PDFName.of("StructParent"));
      if (!(key instanceof PDFNumber) && tree.root) {
        const element = placeLink(pdf, tree, page.ref, ref as PDFRef, annot, texts.get(page.ref));
        if (element) {
          const next = tree.nextKey();
          tree.parents.set(next, element);
          key = PDFNumber.of(next);
          annot.set(PDFName.of("StructParent"), key);
          report.placed++;
        }
      }
      page.node.set(PDFName.of("Tabs"), PDFName.of("S"));
      if (annot.get(PDFName.of("Contents")) !== undefined) continue;
      const element = key instanceof PDFNumber ? asDict(pdf, tree.parents.get(key.asNumber())) : undefined;
      const text = element ? elementText(pdf, tree, element, texts).trim() : "";
      const uri = asDict(pdf, annot.get(PDFName.of("A")))?.get(PDFName.of("URI"));
      const description = text || (uri instanceof PDFString ? uri.decodeText() : "") || "link";
      annot.set(PDFName.of("Contents"), PDFHexString.fromText(description));
      report.described++;
    }
  }
  tree.save();
  return report;
}

/**
 * A Link element for an annotation outside the tree: the elements that hold the marked
 * content inside its rectangle lose those kids to the new Link, which takes their place.
 */
function placeLink(
  pdf: PDFDocument,
  tree: StructureTree,
  pageRef: PDFRef,
  annotRef: PDFRef,
  annot: PDFDict,
  text: MarkedText | undefined,
): PDFRef | undefined {
  const rect =
    asArray(pdf, annot.get(PDFName.of("Rect")))
      ?.asArray()
      .map((n) => (n instanceof PDFNumber ? n.asNumber() : 0)) ?? [];
  const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = rect;
  const within = (p: { x: number; y: number }) =>
    p.x >= Math.min(x1, x2) - 1 && p.x <= Math.max(x1, x2) + 1 && p.y >= Math.min(y1, y2) - 1 && p.y <= Math.max(y1, y2) + 1;
  const keyOfPage = pdf
    .getPages()
    .find((p) => p.ref === pageRef)
    ?.node.get(PDFName.of("StructParents"));
  const covered = [...(text?.origins ?? [])].filter(([, origins]) => origins.some(within)).map(([mcid]) => mcid);
  const first = covered[0];
  if (first === undefined || !(keyOfPage instanceof PDFNumber)) return undefined;
  const parentRef = tree.elementOf(keyOfPage.asNumber(), first) as PDFRef | undefined;
  const parent = asDict(pdf, parentRef);
  if (!parent || !parentRef) return undefined;
  const linkRef = pdf.context.nextRef();
  const ownPage = parent.get(PDFName.of("Pg"));
  const isCovered = (kid: PDFObject) => {
    const mcid = kid instanceof PDFNumber ? kid.asNumber() : undefined;
    return mcid !== undefined && ownPage === pageRef && covered.includes(mcid) && tree.elementOf(keyOfPage.asNumber(), mcid) === parentRef;
  };
  const kids = tree.kids(parent);
  const moved = kids.filter(isCovered);
  const at = kids.findIndex(isCovered);
  const link = pdf.context.obj({
    Type: "StructElem",
    S: "Link",
    P: parentRef,
    Pg: pageRef,
    K: [...moved, pdf.context.obj({ Type: "OBJR", Obj: annotRef, Pg: pageRef })],
  });
  pdf.context.assign(linkRef, link);
  const rest = kids.filter((kid) => !isCovered(kid));
  rest.splice(at < 0 ? rest.length : at, 0, linkRef);
  tree.setKids(parent, rest);
  const pageParents = asArray(pdf, tree.parents.get(keyOfPage.asNumber()));
  for (const mcid of moved) if (mcid instanceof PDFNumber) pageParents?.set(mcid.asNumber(), linkRef);
  return linkRef;
}
