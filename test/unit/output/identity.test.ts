import { type PDFArray, PDFDict, PDFDocument, PDFName, PDFString } from "pdf-lib";
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
  const table = context.obj({ Type: "StructElem", S: "Table", K: [context.register(th), context.register(td)] });
  const root = context.obj({ Type: "StructTreeRoot", K: [context.register(table)] });
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
});
