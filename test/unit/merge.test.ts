import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, type PDFObject, type PDFRef } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { finishMerged, joinDocuments, mergeDocuments, pageTop, type MergePart } from "../../src/output/index.ts";
import { outlineItems } from "../../src/output/outline.ts";
import { writeOutline } from "../../src/output/outline.ts";

/**
 * A small finished part as a laid-out document would be: pages told apart by their width,
 * a bookmark per page, a note's named destination on its last page and a link to it on
 * its first (every part numbers its notes alike: `fn1`), a tagged structure of one element a page.
 */
async function part(widths: number[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const pages = widths.map((width) => pdf.addPage([width, 400]));
  writeOutline(
    pdf,
    pages.map((_, i) => ({ title: `page ${i + 1} of ${widths[0]}`, dest: pageTop(pdf, i), children: [] })),
  );
  const last = pages.at(-1);
  if (!last) throw new Error("a part has pages");
  pdf.catalog.set(PDFName.of("Dests"), pdf.context.obj({ fn1: [last.ref, PDFName.of("XYZ"), 0, 400, 0] }));
  const link = pdf.context.obj({ Type: "Annot", Subtype: "Link", Rect: [0, 0, 10, 10], Dest: PDFString.of("fn1"), StructParent: 0 });
  pages[0]?.node.set(PDFName.of("Annots"), pdf.context.obj([pdf.context.register(link)]));
  const rootRef = pdf.context.nextRef();
  const elements = pages.map((page, i) => {
    page.node.set(PDFName.of("StructParents"), PDFNumber.of(i + 1));
    return pdf.context.register(pdf.context.obj({ Type: "StructElem", S: "P", P: rootRef, Pg: page.ref }));
  });
  // Key 0: the link annotation's element; key i + 1: page i's marked content.
  const nums: PDFObject[] = [
    PDFNumber.of(0),
    elements[0] as PDFRef,
    ...elements.flatMap((element, i) => [PDFNumber.of(i + 1), pdf.context.obj([element])]),
  ];
  pdf.context.assign(
    rootRef,
    pdf.context.obj({ Type: "StructTreeRoot", K: elements, ParentTree: { Nums: nums }, ParentTreeNextKey: elements.length + 1 }),
  );
  pdf.catalog.set(PDFName.of("StructTreeRoot"), rootRef);
  return pdf.save();
}

const widths = (pdf: PDFDocument) => pdf.getPages().map((p) => Math.round(p.getWidth()));

describe("merging finished documents into one (the issue, a facing edition)", () => {
  it("takes each part's pages in turn, a blank part as one page of the size before it, and says where each part begins", async () => {
    const parts: MergePart[] = [
      { name: "contents", pdf: await part([100]) },
      { blank: true },
      { name: "a", pdf: await part([200, 201, 202]) },
      { name: "abstracts", pdf: await part([300]) },
    ];
    const merged = await mergeDocuments(parts);
    expect(widths(merged.pdf)).toEqual([100, 100, 200, 201, 202, 300]);
    expect(merged.parts.map((p) => [p.firstPage, p.pageCount])).toEqual([
      [0, 1],
      [1, 1],
      [2, 3],
      [5, 1],
    ]);
    expect(merged.parts[2]?.outline.map((e) => e.title)).toEqual(["page 1 of 200", "page 2 of 200", "page 3 of 200"]);
  });

  it("interleaves parts page by page when given the order, with blank pages where a side ran out", async () => {
    const merged = await mergeDocuments(
      [
        { name: "zh", pdf: await part([100, 101]) },
        { name: "en", pdf: await part([200]) },
      ],
      [{ part: 0, page: 0 }, { part: 1, page: 0 }, { part: 0, page: 1 }, "blank"],
    );
    expect(widths(merged.pdf)).toEqual([100, 200, 101, 101]);
    expect(merged.parts.map((p) => p.firstPage)).toEqual([0, 1]);
  });

  it("keeps every part's note destinations apart, each link still reaching its own part's note", async () => {
    const merged = await mergeDocuments([
      { name: "a", pdf: await part([100, 101]) },
      { name: "b", pdf: await part([200]) },
    ]);
    const pdf = merged.pdf;
    const dests = pdf.context.lookup(pdf.catalog.get(PDFName.of("Dests")), PDFDict);
    const names = dests.keys().map((k) => k.decodeText());
    expect(names.sort()).toEqual(["a/fn1", "b/fn1"]);
    const pageOf = (name: string) => {
      const dest = pdf.context.lookup(dests.get(PDFName.of(name)), PDFArray);
      return pdf.getPages().findIndex((p) => p.ref === dest.get(0));
    };
    expect([pageOf("a/fn1"), pageOf("b/fn1")]).toEqual([1, 2]);
    const linkOn = (page: number) => {
      const annots = pdf.context.lookup(pdf.getPage(page).node.get(PDFName.of("Annots")), PDFArray);
      const dest = pdf.context.lookup(annots.get(0), PDFDict).get(PDFName.of("Dest"));
      return dest instanceof PDFName ? dest.decodeText() : undefined;
    };
    expect([linkOn(0), linkOn(2)]).toEqual(["a/fn1", "b/fn1"]);
  });

  it("keeps one structure tree, the second part's keys after the first's", async () => {
    const merged = await mergeDocuments([
      { name: "a", pdf: await part([100, 101]) },
      { name: "b", pdf: await part([200]) },
    ]);
    const pdf = merged.pdf;
    const root = pdf.context.lookup(pdf.catalog.get(PDFName.of("StructTreeRoot")), PDFDict);
    expect(pdf.context.lookup(root.get(PDFName.of("K")), PDFArray).size()).toBe(3);
    expect(String(root.get(PDFName.of("ParentTreeNextKey")))).toBe("5");
    const structParents = pdf.getPages().map((p) => String(p.node.get(PDFName.of("StructParents"))));
    expect(structParents).toEqual(["1", "2", "4"]);
    expect(String(pdf.catalog.get(PDFName.of("MarkInfo")))).toContain("/Marked true");
  });

  it("is finished with page labels and the outline the caller arranges, reproducibly", async () => {
    const make = async () => {
      const merged = await mergeDocuments([
        { name: "contents", pdf: await part([100]) },
        { name: "a", pdf: await part([200, 201]) },
      ]);
      return finishMerged(merged.pdf, {
        info: { title: "目次", author: "", subject: "", keywords: [], lang: "zh-Hans", date: new Date("2021-04-05T00:00:00Z") },
        xmp: "",
        labels: [
          { startPage: 0, style: "roman", first: 1 },
          { startPage: 1, style: "decimal", first: 14 },
        ],
        outline: [{ title: "a", dest: pageTop(merged.pdf, 1), children: merged.parts[1]?.outline ?? [] }],
        links: [],
      });
    };
    const bytes = await make();
    expect(Buffer.compare(Buffer.from(await make()), Buffer.from(bytes))).toBe(0);
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    const labels = String(pdf.catalog.get(PDFName.of("PageLabels")));
    expect(labels).toMatch(/\/S \/r/);
    expect(labels).toMatch(/\/St 14/);
    const outlines = pdf.context.lookup(pdf.catalog.get(PDFName.of("Outlines")), PDFDict);
    expect(String(outlines.get(PDFName.of("Count")))).toBe("3");
  });

  it("joins an article's parts laid out apart into one document: their pages in turn, one outline of both parts' entries", async () => {
    const pdf = await joinDocuments([await part([100, 101]), await part([200])]);
    expect(widths(pdf)).toEqual([100, 101, 200]);
    const titles = outlineItems(pdf).map((item) => {
      const title = item.lookup(PDFName.of("Title"));
      return title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : undefined;
    });
    expect(titles).toEqual(["page 1 of 100", "page 2 of 100", "page 1 of 200"]);
    const pages = outlineItems(pdf).map((item) =>
      pdf.getPages().findIndex((p) => p.ref === item.lookup(PDFName.of("Dest"), PDFArray).get(0)),
    );
    expect(pages).toEqual([0, 1, 2]);
  });

  it("gives a document in one part back as it is", async () => {
    const only = await joinDocuments([await part([100, 101])]);
    expect(widths(only)).toEqual([100, 101]);
    expect(outlineItems(only)).toHaveLength(2);
  });
});
