import {
  type PDFArray,
  type PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFObjectCopier,
  PDFPage,
  PDFPageLeaf,
  type PDFRef,
  PDFString,
  type PDFObject,
} from "pdf-lib";
import { asArray, asDict } from "./pdf-objects.ts";
import { readOutline, type OutlineEntry } from "./outline.ts";
import { loadPdf } from "./pdf-file.ts";

/**
 * A finished document to take whole into the merged one (its bytes, or as pdf-lib holds it
 * already: `document`, which is only read), or a blank page (e.g. to put the next part on a recto).
 */
export type MergePart = { name: string; pdf: Uint8Array; document?: PDFDocument } | { blank: true };

/** A page of the merged document: page `page` (0-based) of part `part`, or a blank page. */
export type PlacedPage = { part: number; page: number } | "blank";

export interface MergedDocument {
  pdf: PDFDocument;
  /** Per part, in order: the index of its first page in the merged document and its outline. */
  parts: { firstPage: number; pageCount: number; outline: OutlineEntry[] }[];
}

/**
 * Merges finished documents page by page. pdf-lib's copyPages keeps pages and annotations
 * but drops what the catalog holds; this carries over the named destinations (renamed
 * per part, since every part numbers its notes alike), the structure tree of a tagged
 * PDF and each part's outline (returned, for the caller to arrange). Pages follow `order`
 * when given (e.g. two documents interleaved page by page), else each part's in turn.
 * Page labels, outline, document info and XMP of the whole are the caller's.
 */
export async function mergeDocuments(parts: MergePart[], order?: PlacedPage[]): Promise<MergedDocument> {
  const merged = await PDFDocument.create({ updateMetadata: false });
  const structRoot = merged.context.obj({ Type: "StructTreeRoot", K: [] });
  const structRootRef = merged.context.register(structRoot);
  const rootKids = merged.context.obj([]);
  const parentTree: PDFObject[] = [];
  let nextKey = 0;
  const dests = merged.context.obj({});
  const copied: { refs: PDFRef[]; outline: OutlineEntry[] }[] = [];
  for (const part of parts) {
    if ("blank" in part) {
      copied.push({ refs: [], outline: [] });
      continue;
    }
    const source = part.document ?? (await loadPdf(part.pdf));
    const copier = PDFObjectCopier.for(source.context, merged.context);
    // Pages by reference, so that everything pointing at a page (link targets, structure
    // elements, outline entries) reaches the same copy.
    const refs = source.getPages().map((page) => copier.copy(page.ref));
    const pages = refs.map((ref) => {
      const leaf = merged.context.lookup(ref);
      if (!(leaf instanceof PDFPageLeaf)) throw new Error(`a page of ${part.name} did not copy as a page`);
      return PDFPage.of(leaf, ref, merged);
    });
    const prefix = `${part.name}/`;
    renameDestinations(merged, pages, prefix);
    const sourceDests = asDict(source, source.catalog.get(PDFName.of("Dests")));
    for (const [name, dest] of sourceDests?.entries() ?? []) {
      dests.set(PDFName.of(`${prefix}${name.decodeText()}`), copier.copy(dest));
    }
    // Each part numbers its parent tree from 0: the part's keys follow the previous parts'.
    const offset = nextKey;
    const tree = copyStructureTree(source, merged, copier, structRootRef, rootKids);
    for (const [key, value] of tree.entries) parentTree.push(PDFNumber.of(key + offset), value);
    nextKey += tree.nextKey;
    if (tree.entries.length > 0) shiftStructParents(merged, pages, offset);
    copied.push({ refs, outline: readOutline(source, (obj) => copier.copy(obj)) });
  }

  const placements: PlacedPage[] =
    order ??
    parts.flatMap((part, i): PlacedPage[] => ("blank" in part ? ["blank"] : (copied[i]?.refs ?? []).map((_, page) => ({ part: i, page }))));
  const firstPages = new Map<number, number>();
  for (const placed of placements) {
    if (placed === "blank") {
      addBlankPage(merged);
      continue;
    }
    const ref = copied[placed.part]?.refs[placed.page];
    if (!ref) throw new Error(`no page ${placed.page + 1} in part ${placed.part + 1}`);
    if (!firstPages.has(placed.part)) firstPages.set(placed.part, merged.getPageCount());
    merged.addPage(PDFPage.of(merged.context.lookup(ref) as PDFPageLeaf, ref, merged));
  }
  // A blank part's page is the first blank placed after the previous part's pages.
  let cursor = 0;
  const placed: MergedDocument["parts"] = parts.map((part, i) => {
    const c = copied[i] as (typeof copied)[number];
    const firstPage = "blank" in part ? cursor : (firstPages.get(i) ?? cursor);
    const pageCount = "blank" in part ? 1 : c.refs.length;
    cursor = firstPage + pageCount;
    return { firstPage, pageCount, outline: c.outline };
  });

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
export function addBlankPage(pdf: PDFDocument): void {
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
export function renameDestinations(pdf: PDFDocument, pages: PDFPage[], prefix: string): void {
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

export function annotationsOf(pdf: PDFDocument, page: PDFPage): PDFDict[] {
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
