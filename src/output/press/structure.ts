import { type PDFDict, type PDFDocument, PDFName, PDFNumber, type PDFObject, PDFRef } from "pdf-lib";
import { asArray, asDict } from "../pdf-objects.ts";

/**
 * The structure tree of a tagged PDF, to read and to change: its elements in reading
 * order, and the parent tree that leads from a page's marked content (by MCID) or an
 * annotation back to the element it belongs to.
 */
export class StructureTree {
  readonly root: PDFDict | undefined;
  /** Parent tree: key → an element (an annotation's key), or an array of elements by MCID (a page's key). */
  readonly parents = new Map<number, PDFObject>();

  constructor(private readonly pdf: PDFDocument) {
    this.root = asDict(pdf, pdf.catalog.get(PDFName.of("StructTreeRoot")));
    const walk = (node: PDFDict | undefined) => {
      if (!node) return;
      const nums = asArray(pdf, node.get(PDFName.of("Nums")))?.asArray() ?? [];
      for (let i = 0; i + 1 < nums.length; i += 2) {
        const key = nums[i];
        const value = nums[i + 1];
        if (key instanceof PDFNumber && value) this.parents.set(key.asNumber(), value);
      }
      for (const kid of asArray(pdf, node.get(PDFName.of("Kids")))?.asArray() ?? []) walk(asDict(pdf, kid));
    };
    walk(asDict(pdf, this.root?.get(PDFName.of("ParentTree"))));
  }

  /** Structure elements depth first (reading order), each with its parent (the root for the top ones). */
  elements(): { element: PDFDict; parent: PDFDict; ref?: PDFRef }[] {
    const out: { element: PDFDict; parent: PDFDict; ref?: PDFRef }[] = [];
    const visit = (node: PDFDict) => {
      for (const kid of this.kids(node)) {
        const element = asDict(this.pdf, kid);
        if (!element || !isElement(element)) continue;
        out.push({ element, parent: node, ref: kid instanceof PDFRef ? kid : undefined });
        visit(element);
      }
    };
    if (this.root) visit(this.root);
    return out;
  }

  /** An element's kids as a list (K may be one kid or an array). */
  kids(node: PDFDict): PDFObject[] {
    const k = node.get(PDFName.of("K"));
    if (k === undefined) return [];
    const array = asArray(this.pdf, k);
    return array ? array.asArray() : [k];
  }

  setKids(node: PDFDict, kids: PDFObject[]): void {
    if (kids.length === 0) node.delete(PDFName.of("K"));
    else node.set(PDFName.of("K"), kids.length === 1 ? (kids[0] as PDFObject) : this.pdf.context.obj(kids));
  }

  /** The element that holds marked content `mcid` of the page whose StructParents is `key`. */
  elementOf(key: number, mcid: number): PDFObject | undefined {
    return asArray(this.pdf, this.parents.get(key))?.get(mcid);
  }

  /** A key no page or annotation uses yet. */
  nextKey(): number {
    const declared = this.root?.get(PDFName.of("ParentTreeNextKey"));
    return Math.max(declared instanceof PDFNumber ? declared.asNumber() : 0, ...[...this.parents.keys()].map((k) => k + 1));
  }

  /** Writes the parent tree back, flat and in key order. */
  save(): void {
    if (!this.root) return;
    const keys = [...this.parents.keys()].sort((a, b) => a - b);
    const nums = keys.flatMap((key) => [PDFNumber.of(key), this.parents.get(key) as PDFObject]);
    this.root.set(PDFName.of("ParentTree"), this.pdf.context.obj({ Nums: nums }));
    this.root.set(PDFName.of("ParentTreeNextKey"), PDFNumber.of(this.nextKey()));
  }
}

export function isElement(dict: PDFDict): boolean {
  const type = dict.get(PDFName.of("Type"));
  // Marked-content and object references are kids too, but not elements.
  if (type === PDFName.of("MCR") || type === PDFName.of("OBJR")) return false;
  return dict.get(PDFName.of("S")) instanceof PDFName;
}

export function roleOf(element: PDFDict): string {
  const s = element.get(PDFName.of("S"));
  return s instanceof PDFName ? s.decodeText() : "";
}

/** A kid that is an object reference (an annotation's place in the tree). */
export function objectReference(pdf: PDFDocument, kid: PDFObject): PDFRef | undefined {
  const dict = asDict(pdf, kid);
  if (dict?.get(PDFName.of("Type")) !== PDFName.of("OBJR")) return undefined;
  const obj = dict.get(PDFName.of("Obj"));
  return obj instanceof PDFRef ? obj : undefined;
}
