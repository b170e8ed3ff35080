import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFObjectCopier,
  PDFPage,
  PDFPageLeaf,
  PDFRef,
  PDFString,
  type PDFObject,
} from "pdf-lib";
import { asArray, asDict } from "./pdf-objects.ts";
import { readOutline, type OutlineEntry } from "./outline.ts";

/** A finished document to take whole into the merged one, or a blank page (e.g. to put the next part on a recto). */
export type MergePart = { name: string; pdf: Uint8Array } | { blank: true };

export interface MergedDocument {
  pdf: PDFDocument;
  /** Per part, in order: the index of its first page in the merged document and its outline. */
  parts: { firstPage: number; pageCount: number; outline: OutlineEntry[] }[];
}

/**
 * Merges finished documents page by page. pdf-lib's copyPages keeps pages and annotations
 * but drops what the catalog holds; this carries over the named destinations (renamed
 * per part, since every part numbers its notes alike), the structure tree of a tagged
 * PDF and each part's outline (returned, for the caller to arrange). Page labels, outline,
 * document info and XMP of the whole are the caller's.
 */
export async function mergeDocuments(parts: MergePart[]): Promise<MergedDocument> {
  const merged = await PDFDocument.create({ updateMetadata: false });
  const structRoot = merged.context.obj({ Type: "StructTreeRoot", K: [] });
  const structRootRef = merged.context.register(structRoot);
  const rootKids = merged.context.obj([]);
  const parentTree: PDFObject[] = [];
  let nextKey = 0;
  const dests = merged.context.obj({});
  const placed: MergedDocument["parts"] = [];
  for (const part of parts) {
    const firstPage = merged.getPageCount();
    if ("blank" in part) {
      addBlankPage(merged);
      placed.push({ firstPage, pageCount: 1, outline: [] });
      continue;
    }
    const source = await PDFDocument.load(part.pdf, { updateMetadata: false });
    const copier = PDFObjectCopier.for(source.context, merged.context);
    // Pages by reference, so that everything pointing at a page (link targets, structure
    // elements, outline entries) reaches the same copy.
    for (const page of source.getPages()) {
      const ref = copier.copy(page.ref);
      const leaf = merged.context.lookup(ref);
      if (!(leaf instanceof PDFPageLeaf)) throw new Error(`page ${page.ref.toString()} of ${part.name} did not copy as a page`);
      merged.addPage(PDFPage.of(leaf, ref, merged));
    }
    const prefix = `${part.name}/`;
    const copiedPages = merged.getPages().slice(firstPage);
    renameDestinations(merged, copiedPages, prefix);
    const sourceDests = asDict(source, source.catalog.get(PDFName.of("Dests")));
    for (const [name, dest] of sourceDests?.entries() ?? []) {
      dests.set(PDFName.of(`${prefix}${name.decodeText()}`), copier.copy(dest));
    }
    // Each part numbers its parent tree from 0: the part's keys follow the previous parts'.
    const offset = nextKey;
    const tree = copyStructureTree(source, merged, copier, structRootRef, rootKids);
    for (const [key, value] of tree.entries) parentTree.push(PDFNumber.of(key + offset), value);
    nextKey += tree.nextKey;
    if (tree.entries.length > 0) shiftStructParents(merged, copiedPages, offset);
    placed.push({ firstPage, pageCount: copiedPages.length, outline: readOutline(source, copier) });
  }
  structRoot.set(PDFName.of("K"), rootKids);
  structRoot.set(PDFName.of("ParentTree"), merged.context.obj({ Nums: parentTree }));
  structRoot.set(PDFName.of("ParentTreeNextKey"), PDFNumber.of(nextKey));
  merged.catalog.set(PDFName.of("StructTreeRoot"), structRootRef);
  merged.catalog.set(PDFName.of("MarkInfo"), merged.context.obj({ Marked: true }));
  merged.catalog.set(PDFName.of("Dests"), merged.context.register(dests));
  merged.catalog.set(PDFName.of("ViewerPreferences"), merged.context.obj({ DisplayDocTitle: true }));
  return { pdf: merged, parts: placed };
}

/** A page of the previous page's size and boxes, with nothing on it. */
function addBlankPage(pdf: PDFDocument): void {
  const previous = pdf.getPages().at(-1);
  const media = previous?.getMediaBox() ?? { x: 0, y: 0, width: 595.28, height: 841.89 };
  const page = pdf.addPage([media.width, media.height]);
  if (!previous) return;
  for (const [box, set] of [
    [previous.getMediaBox(), page.setMediaBox],
    [previous.getCropBox(), page.setCropBox],
    [previous.getBleedBox(), page.setBleedBox],
    [previous.getTrimBox(), page.setTrimBox],
  ] as const) {
    set.call(page, box.x, box.y, box.width, box.height);
  }
}

/** Links inside a part go to its named destinations: give them the part's prefix. */
function renameDestinations(pdf: PDFDocument, pages: PDFPage[], prefix: string): void {
  const renamed = (dest: PDFObject | undefined): PDFObject | undefined => {
    if (dest instanceof PDFName) return PDFName.of(`${prefix}${dest.decodeText()}`);
    if (dest instanceof PDFString || dest instanceof PDFHexString) return PDFName.of(`${prefix}${dest.decodeText()}`);
    return undefined;
  };
  for (const page of pages) {
    for (const annot of annotationsOf(pdf, page)) {
      const dest = renamed(annot.get(PDFName.of("Dest")));
      if (dest) annot.set(PDFName.of("Dest"), dest);
      const action = asDict(pdf, annot.get(PDFName.of("A")));
      if (action?.get(PDFName.of("S")) === PDFName.of("GoTo")) {
        const target = renamed(action.get(PDFName.of("D")));
        if (target) action.set(PDFName.of("D"), target);
      }
    }
  }
}

function annotationsOf(pdf: PDFDocument, page: PDFPage): PDFDict[] {
  const annots = asArray(pdf, page.node.get(PDFName.of("Annots")));
  return (annots?.asArray() ?? []).flatMap((a) => asDict(pdf, a) ?? []);
}

/**
 * Copies a tagged part's structure elements under the merged root and returns its parent
 * tree (key → what marked content of that key belongs to), keys as the part numbered them.
 */
function copyStructureTree(
  source: PDFDocument,
  merged: PDFDocument,
  copier: PDFObjectCopier,
  rootRef: PDFRef,
  rootKids: PDFArray,
): { entries: [number, PDFObject][]; nextKey: number } {
  const root = asDict(source, source.catalog.get(PDFName.of("StructTreeRoot")));
  if (!root) return { entries: [], nextKey: 0 };
  const kids = root.get(PDFName.of("K"));
  const topLevel = asArray(source, kids)?.asArray() ?? (kids ? [kids] : []);
  for (const kid of topLevel) {
    // The top elements' parent is the part's root; cut that link before copying, or the
    // copy would bring the whole old root along.
    asDict(source, kid)?.delete(PDFName.of("P"));
    const copied = copier.copy(kid);
    asDict(merged, copied)?.set(PDFName.of("P"), rootRef);
    rootKids.push(copied);
  }
  const entries: [number, PDFObject][] = [];
  const walk = (node: PDFDict | undefined) => {
    if (!node) return;
    const nums = asArray(source, node.get(PDFName.of("Nums")))?.asArray() ?? [];
    for (let i = 0; i + 1 < nums.length; i += 2) {
      const key = nums[i];
      const value = nums[i + 1];
      if (key instanceof PDFNumber && value) entries.push([key.asNumber(), copier.copy(value)]);
    }
    for (const kid of asArray(source, node.get(PDFName.of("Kids")))?.asArray() ?? []) walk(asDict(source, kid));
  };
  walk(asDict(source, root.get(PDFName.of("ParentTree"))));
  entries.sort((a, b) => a[0] - b[0]);
  const declared = root.get(PDFName.of("ParentTreeNextKey"));
  const nextKey = Math.max(declared instanceof PDFNumber ? declared.asNumber() : 0, (entries.at(-1)?.[0] ?? -1) + 1);
  return { entries, nextKey };
}

/** A part's pages and annotations point into its parent tree; their keys move by `offset`. */
function shiftStructParents(pdf: PDFDocument, pages: PDFPage[], offset: number): void {
  const shift = (dict: PDFDict, key: string) => {
    const value = dict.get(PDFName.of(key));
    if (value instanceof PDFNumber) dict.set(PDFName.of(key), PDFNumber.of(value.asNumber() + offset));
  };
  for (const page of pages) {
    shift(page.node, "StructParents");
    for (const annot of annotationsOf(pdf, page)) shift(annot, "StructParent");
  }
}
