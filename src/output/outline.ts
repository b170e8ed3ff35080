import { PDFHexString, PDFName, PDFString, type PDFDict, type PDFDocument, type PDFObject, type PDFRef } from "pdf-lib";
import { asDict } from "./pdf-objects.ts";

/**
 * Chromium builds the outline from the headings but takes their text line by line, so a
 * heading that wraps loses the space at the break ("SCO'sSecurity"). The titles are set
 * again from the sources, in document order.
 */
export function setOutlineTitles(pdf: PDFDocument, titles: string[]): void {
  const items = outlineItems(pdf);
  if (items.length !== titles.length) {
    throw new Error(`the PDF outline has ${items.length} entries for ${titles.length} headings`);
  }
  for (const [i, item] of items.entries()) item.set(PDFName.of("Title"), PDFHexString.fromText(titles[i] ?? ""));
}

/** Outline entries in document order (depth first). */
export function outlineItems(pdf: PDFDocument): PDFDict[] {
  const dict = (obj: PDFObject | undefined) => asDict(pdf, obj);
  const items: PDFDict[] = [];
  const walk = (first: PDFDict | undefined) => {
    for (let item = first; item; item = dict(item.get(PDFName.of("Next")))) {
      items.push(item);
      walk(dict(item.get(PDFName.of("First"))));
    }
  };
  walk(dict(dict(pdf.catalog.get(PDFName.of("Outlines")))?.get(PDFName.of("First"))));
  return items;
}

/** A bookmark: its title, where it leads, the structure element it stands for, and those below it. */
export interface OutlineEntry {
  title: string;
  dest: PDFObject;
  structElement?: PDFObject;
  children: OutlineEntry[];
}

/**
 * The outline of `source` as entries for another document: `carry` takes each destination
 * (and structure element) over, e.g. a pdf-lib copier's `copy`; returning undefined drops it.
 */
export function readOutline(source: PDFDocument, carry: (obj: PDFObject) => PDFObject | undefined): OutlineEntry[] {
  const dict = (obj: PDFObject | undefined) => asDict(source, obj);
  const read = (first: PDFDict | undefined): OutlineEntry[] => {
    const entries: OutlineEntry[] = [];
    for (let item = first; item; item = dict(item.get(PDFName.of("Next")))) {
      const title = item.get(PDFName.of("Title"));
      const dest = item.get(PDFName.of("Dest"));
      const se = item.get(PDFName.of("SE"));
      const carried = dest ? carry(dest) : undefined;
      if (!carried) continue;
      entries.push({
        title: title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : "",
        dest: carried,
        structElement: se ? carry(se) : undefined,
        children: read(dict(item.get(PDFName.of("First")))),
      });
    }
    return entries;
  };
  return read(dict(dict(source.catalog.get(PDFName.of("Outlines")))?.get(PDFName.of("First"))));
}

/** Replaces the document's outline with `entries` (top-level entries open, the rest closed). */
export function writeOutline(pdf: PDFDocument, entries: OutlineEntry[]): void {
  const rootRef = pdf.context.nextRef();
  const write = (list: OutlineEntry[], parent: PDFRef, depth: number): { first?: PDFRef; last?: PDFRef; count: number } => {
    const refs = list.map(() => pdf.context.nextRef());
    let visible = list.length;
    list.forEach((entry, i) => {
      const ref = refs[i] as PDFRef;
      const below = write(entry.children, ref, depth + 1);
      // A positive count shows the children; a negative one keeps them folded.
      const open = depth === 0;
      if (open) visible += below.count;
      const item = pdf.context.obj({
        Title: PDFHexString.fromText(entry.title),
        Parent: parent,
        Dest: entry.dest,
        ...(entry.structElement ? { SE: entry.structElement } : {}),
        ...(i > 0 ? { Prev: refs[i - 1] } : {}),
        ...(i < refs.length - 1 ? { Next: refs[i + 1] } : {}),
        ...(below.first ? { First: below.first, Last: below.last, Count: open ? below.count : -entry.children.length } : {}),
      });
      pdf.context.assign(ref, item);
    });
    return { first: refs[0], last: refs.at(-1), count: visible };
  };
  const top = write(entries, rootRef, 0);
  pdf.context.assign(
    rootRef,
    pdf.context.obj({ Type: "Outlines", ...(top.first ? { First: top.first, Last: top.last } : {}), Count: top.count }),
  );
  pdf.catalog.set(PDFName.of("Outlines"), rootRef);
}

/** A destination at the top of a page (for bookmarks and links to a page as a whole). */
export function pageTop(pdf: PDFDocument, pageIndex: number): PDFObject {
  const page = pdf.getPage(pageIndex);
  const trim = page.getTrimBox();
  return pdf.context.obj([page.ref, PDFName.of("XYZ"), trim.x, trim.y + trim.height, 0]);
}
