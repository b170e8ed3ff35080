import { type PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { saveWithContentId } from "../../../src/output/identity.ts";

/** A one-page PDF whose structure is a table: a header cell and a data cell that names it. */
async function tableDocument(firstNode: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.addPage([100, 100]);
  const node = (n: number) => PDFString.of(`node${String(firstNode + n).padStart(8, "0")}`);
  const { context } = pdf;
  const th = context.obj({ Type: "StructElem", S: "TH", K: [] });
  th.set(PDFName.of("ID"), node(1));
  const td = context.obj({ Type: "StructElem", S: "TD", K: [] });
  td.set(PDFName.of("ID"), node(2));
  td.set(PDFName.of("A"), context.obj([context.obj({ O: "Table", Headers: [node(1)] })]));
  const table = context.obj({ Type: "StructElem", S: "Table" });
  const [thRef, tdRef] = [context.register(th), context.register(td)];
  table.set(PDFName.of("K"), context.obj([thRef, tdRef]));
  // As Chromium writes it: the names as they were, in a tree of its own.
  const leaf = context.register(context.obj({ Limits: [node(1), node(2)], Names: [node(1), thRef, node(2), tdRef] }));
  const root = context.obj({
    Type: "StructTreeRoot",
    K: [context.register(table)],
    IDTree: context.register(context.obj({ Kids: [leaf] })),
  });
  pdf.catalog.set(PDFName.of("StructTreeRoot"), context.register(root));
  return saveWithContentId(pdf);
}

describe("structure element names", () => {
  it("do not depend on how many DOM nodes the browser had made before", async () => {
    const [a, b] = [await tableDocument(286), await tableDocument(287)];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it("are carried into the cells' headers", async () => {
    const pdf = await PDFDocument.load(await tableDocument(286));
    const cells = pdf.context
      .enumerateIndirectObjects()
      .map(([, o]) => o)
      .filter((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of("S")) === PDFName.of("TD"));
    const cell = cells[0] as PDFDict;
    const attributes = (cell.get(PDFName.of("A")) as PDFArray).get(0) as PDFDict;
    const header = (attributes.get(PDFName.of("Headers")) as PDFArray).get(0) as PDFString;
    const th = pdf.context
      .enumerateIndirectObjects()
      .map(([, o]) => o)
      .find((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of("S")) === PDFName.of("TH")) as PDFDict;
    expect(header.decodeText()).toBe((th.get(PDFName.of("ID")) as PDFString).decodeText());
    expect(header.decodeText()).toBe("node00000001");
  });

  it("name the elements in the ID tree, which holds no name the browser gave", async () => {
    const bytes = await tableDocument(286);
    expect(Buffer.from(bytes).includes("node00000287")).toBe(false);
    const pdf = await PDFDocument.load(bytes);
    const root = pdf.context.lookup(pdf.catalog.get(PDFName.of("StructTreeRoot"))) as PDFDict;
    const tree = pdf.context.lookup(root.get(PDFName.of("IDTree"))) as PDFDict;
    const names = (tree.get(PDFName.of("Names")) as PDFArray).asArray();
    const entries = [0, 2].map((i) => {
      const element = pdf.context.lookup(names[i + 1]) as PDFDict;
      return [(names[i] as PDFString).decodeText(), (element.get(PDFName.of("ID")) as PDFString).decodeText()];
    });
    expect(entries).toEqual([
      ["node00000001", "node00000001"],
      ["node00000002", "node00000002"],
    ]);
  });
});

describe("the document /ID", () => {
  /** A one-page PDF as Ghostscript writes one: with an /ID of its own, random. */
  async function withOwnId(id: string): Promise<PDFDocument> {
    const pdf = await PDFDocument.create({ updateMetadata: false });
    pdf.addPage([100, 100]);
    const own = PDFHexString.of(id);
    pdf.context.trailerInfo.ID = pdf.context.obj([own, own]);
    return PDFDocument.load(await pdf.save({ useObjectStreams: false }), { updateMetadata: false });
  }

  it("comes from the content alone, not from an /ID the document came with", async () => {
    const a = await saveWithContentId(await withOwnId("00112233445566778899aabbccddeeff"));
    const b = await saveWithContentId(await withOwnId("ffeeddccbbaa99887766554433221100"));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    // One /ID, the content's, where pdf-lib writes it; the file reads back.
    const text = Buffer.from(a).toString("latin1");
    expect(text.match(/\/ID \[/g)).toHaveLength(1);
    const read = await PDFDocument.load(a, { updateMetadata: false });
    const id = read.context.trailerInfo.ID as PDFArray;
    expect(id.get(0)?.toString()).toMatch(/^<[0-9a-f]{32}>$/);
    expect(id.get(0)?.toString()).not.toContain("00112233");
  });
});
