import { createHash } from "node:crypto";
import { type PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument, type PDFObject } from "pdf-lib";
import { asArray, asDict, asText } from "./pdf-objects.ts";
import { savePdf } from "./pdf-file.ts";

/**
 * Saves with a document /ID derived from the content, so the same sources give the same
 * bytes (a random or time-based ID would differ on every build): the MD5 of the file as
 * saved without one, whatever /ID the document came with (Ghostscript's, random, in a
 * PDF/X-1a; our own, in a document finished before). The /ID goes into the trailer, after
 * everything the cross-reference table points to, so it is written into those bytes rather
 * than saved again (a long PDF's save is a quarter of a second), where pdf-lib would put it.
 */
export async function saveWithContentId(pdf: PDFDocument): Promise<Uint8Array> {
  renumberStructureIds(pdf);
  pdf.context.trailerInfo.ID = undefined;
  const draft = await savePdf(pdf, { useObjectStreams: false, updateFieldAppearances: false });
  const id = PDFHexString.of(createHash("md5").update(draft).digest("hex"));
  pdf.context.trailerInfo.ID = pdf.context.obj([id, id]);
  return withTrailerEntry(draft, `/ID [ ${id.toString()} ${id.toString()} ]\n`);
}

/**
 * The file with `entry` (a line) added last to its trailer dictionary, as pdf-lib writes
 * it: one key a line, `>>` on a line of its own.
 */
function withTrailerEntry(file: Uint8Array, entry: string): Uint8Array {
  const tail = Buffer.from(file.subarray(Math.max(0, file.length - 4096))).toString("latin1");
  const start = tail.lastIndexOf("\ntrailer\n<<\n");
  const end = start < 0 ? -1 : tail.indexOf("\n>>", start);
  if (end < 0) throw new Error("the PDF as saved has no trailer dictionary where pdf-lib writes it");
  const at = file.length - tail.length + end + 1;
  const added = Buffer.from(entry, "latin1");
  // A Uint8Array, not a Buffer: pdf.js, which reads it back, takes no Buffer.
  const out = new Uint8Array(file.length + added.length);
  out.set(file.subarray(0, at), 0);
  out.set(added, at);
  out.set(file.subarray(at), at + added.length);
  return out;
}

/**
 * Chromium names each structure element after its DOM node ("node00000288"), and the browser's
 * node count depends on what else the page did first: the same sources then differ by one in
 * every /ID. Number them in reading order (the structure tree walked depth first) instead, and
 * carry the new names into the table cells' /Headers and the root's /IDTree. A merged issue holds
 * the trees of several documents, whose names may repeat, so a cell's headers are looked up in its
 * own table.
 */
function renumberStructureIds(pdf: PDFDocument): void {
  const root = asDict(pdf, pdf.catalog.get(PDFName.of("StructTreeRoot")));
  if (!root) return;
  const cells: { element: PDFDict; table: Map<string, string> }[] = [];
  const named: [PDFString, PDFRef][] = [];
  let count = 0;
  const visit = (object: PDFObject | undefined, table: Map<string, string>, seen: Set<PDFDict>): void => {
    const kids = asArray(pdf, object);
    if (kids) {
      for (const kid of kids.asArray()) visit(kid, table, seen);
      return;
    }
    const value = asDict(pdf, object);
    if (!value || seen.has(value) || value.get(PDFName.of("S")) === undefined) return;
    seen.add(value);
    const scope = value.get(PDFName.of("S")) === PDFName.of("Table") ? new Map<string, string>() : table;
    const id = asText(value.get(PDFName.of("ID")));
    if (id !== undefined) {
      count += 1;
      const name = `node${String(count).padStart(8, "0")}`;
      scope.set(id, name);
      value.set(PDFName.of("ID"), PDFString.of(name));
      if (object instanceof PDFRef) named.push([PDFString.of(name), object]);
    }
    cells.push({ element: value, table: scope });
    visit(value.get(PDFName.of("K")), scope, seen);
  };
  visit(root.get(PDFName.of("K")), new Map(), new Set());
  if (root.has(PDFName.of("IDTree"))) replaceIdTree(pdf, root, named);
  for (const { element, table } of cells) {
    const attributes = element.get(PDFName.of("A"));
    const lists = asArray(pdf, attributes)?.asArray() ?? (attributes ? [attributes] : []);
    for (const list of lists) {
      const headers = asArray(pdf, asDict(pdf, list)?.get(PDFName.of("Headers")));
      headers?.asArray().forEach((header, i) => {
        const old = asText(header);
        const name = old === undefined ? undefined : table.get(old);
        if (name) headers.set(i, PDFString.of(name));
      });
    }
  }
}

/**
 * The /IDTree names each element by its /ID: Chromium's names, taken away by the renumbering,
 * would be left in it (and in the file's bytes). The old tree's nodes go; one leaf, in the
 * names' order (which is reading order), takes their place.
 */
function replaceIdTree(pdf: PDFDocument, root: PDFDict, named: [PDFString, PDFRef][]): void {
  const remove = (object: PDFObject | undefined): void => {
    const node = asDict(pdf, object);
    if (!node) return;
    for (const kid of asArray(pdf, node.get(PDFName.of("Kids")))?.asArray() ?? []) remove(kid);
    if (object instanceof PDFRef) pdf.context.delete(object);
  };
  remove(root.get(PDFName.of("IDTree")));
  root.set(PDFName.of("IDTree"), pdf.context.register(pdf.context.obj({ Names: named.flat() })));
}
