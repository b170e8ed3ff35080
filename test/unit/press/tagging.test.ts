import { PDFDocument, type PDFHexString, PDFName } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { asArray, asDict } from "../../../src/output/pdf-objects.ts";
import { makeLinksAccessible } from "../../../src/output/press/accessible-links.ts";
import { standardiseStructure } from "../../../src/output/press/accessible-structure.ts";
import { tagUntagged } from "../../../src/output/press/artifacts.ts";
import { elementText, markedText } from "../../../src/output/press/marked-text.ts";
import { roleOf, StructureTree } from "../../../src/output/press/structure.ts";
import { auditTagging } from "../../../src/output/press/tagging-audit.ts";
import { pageText, taggedPdf } from "../../support/press.ts";

// A page as Chromium draws it through Paged.js: a running head and its rule above the text
// area, a paragraph tagged P, the note call after it drawn from a CSS counter (untagged),
// and a folio below the area. The text area: 20–180 pt across, 40–160 pt down.
const HEAD = "BT /F1 8 Tf 20 185 Td (Running head) Tj ET 20 182 160 0.5 re f";
const PARAGRAPH = "/P <</MCID 0>> BDC BT /F1 10 Tf 20 140 Td (Hello) Tj ET EMC";
const CALL = "BT /F1 6 Tf 47 144 Td ([1]) Tj ET";
const FOLIO = "BT /F1 8 Tf 100 20 Td (7) Tj ET";
const AREA = { left: 20, top: 40, right: 180, bottom: 160 };

async function load(bytes: Uint8Array) {
  return PDFDocument.load(bytes, { updateMetadata: false });
}

/** The text of every element of a role, read through the fonts as a screen reader would. */
function textsOf(pdf: PDFDocument, role: string): string[] {
  const tree = new StructureTree(pdf);
  const pages = new Map(pdf.getPages().map((p) => [p.ref, markedText(pdf, p.node)]));
  return tree
    .elements()
    .filter(({ element }) => roleOf(element) === role)
    .map(({ element }) => elementText(pdf, tree, element, pages));
}

describe("untagged content: artifacts, or text of the element it follows", () => {
  it("marks running heads, folios and rules as artifacts and puts a counter's note call into the paragraph", async () => {
    const pdf = await load(await taggedPdf(`${HEAD}\n${PARAGRAPH}\n${CALL}\n${FOLIO}`, [{ role: "P", mcids: [0] }]));
    expect(auditTagging(pdf).untagged).toEqual([{ page: 1, count: 4, kinds: ["text", "path"] }]);
    expect(tagUntagged(pdf, [AREA])).toEqual({ artifacts: 3, retagged: 1 });
    const saved = await load(await pdf.save());
    const content = await pageText(await saved.save());
    expect(content).toContain("/Artifact <</Type /Pagination /Subtype /Header>> BDC\nBT /F1 8 Tf 20 185 Td (Running head) Tj ET\nEMC");
    expect(content).toContain("/Artifact <</Type /Pagination /Subtype /Header>> BDC\n20 182 160 0.5 re f\nEMC");
    expect(content).toContain("/Span <</MCID 1>> BDC\nBT /F1 6 Tf 47 144 Td ([1]) Tj ET\nEMC");
    expect(content).toContain("/Artifact <</Type /Pagination /Subtype /Footer>> BDC\nBT /F1 8 Tf 100 20 Td (7) Tj ET\nEMC");
    expect(textsOf(saved, "P")).toEqual(["Hello[1]"]);
    expect(auditTagging(saved).untagged).toEqual([]);
  });

  it("gives a note's number, drawn between its tagged brackets, to the label it numbers", async () => {
    const note =
      "/Lbl <</MCID 0>> BDC BT /F1 8 Tf 20 60 Td ([) Tj ET EMC BT /F1 8 Tf 23 60 Td (2) Tj ET /Lbl <</MCID 1>> BDC BT /F1 8 Tf 28 60 Td (]) Tj ET EMC";
    const pdf = await load(await taggedPdf(note, [{ role: "Lbl", mcids: [0, 1] }]));
    tagUntagged(pdf, [AREA]);
    expect(textsOf(await load(await pdf.save()), "Lbl")).toEqual(["[2]"]);
  });

  it("gives generated text inside a link's rectangle to the link", async () => {
    const pdf = await load(
      await taggedPdf(
        `${PARAGRAPH}\n${CALL}`,
        [{ role: "P", mcids: [0], kids: [{ role: "Link", mcids: [] }] }],
        [{ rect: [46, 142, 56, 152], inTree: true }],
      ),
    );
    tagUntagged(pdf, [AREA]);
    const saved = await load(await pdf.save());
    expect(textsOf(saved, "Link")).toEqual(["[1]"]);
    expect(textsOf(saved, "P")).toEqual(["Hello[1]"]);
  });

  it("leaves only artifacts on a page without a text area", async () => {
    const pdf = await load(await taggedPdf(`${HEAD}\n${CALL}`, []));
    expect(tagUntagged(pdf, [undefined])).toEqual({ artifacts: 3, retagged: 0 });
  });
});

describe("links as PDF/UA wants them", () => {
  it("describes a link in the tree by its text, and places one outside the tree in a Link element", async () => {
    const pdf = await load(
      await taggedPdf(
        "/P <</MCID 0>> BDC BT /F1 10 Tf 20 140 Td (Hello) Tj ET EMC /P <</MCID 1>> BDC BT /F1 10 Tf 20 120 Td (https://example.org/) Tj ET EMC",
        [
          { role: "P", mcids: [0] },
          { role: "P", mcids: [], kids: [{ role: "Link", mcids: [1] }] },
        ],
        [{ rect: [19, 118, 120, 130], uri: "https://example.org/", inTree: true }, { rect: [19, 138, 50, 150] }],
      ),
    );
    expect(auditTagging(pdf)).toMatchObject({ linksOutOfTree: 1, linksUndescribed: 2 });
    expect(makeLinksAccessible(pdf)).toEqual({ placed: 1, described: 2 });
    const saved = await load(await pdf.save());
    const annots = (asArray(saved, saved.getPage(0).node.get(PDFName.of("Annots")))?.asArray() ?? []).map((a) => asDict(saved, a));
    expect(annots.map((a) => (a?.get(PDFName.of("Contents")) as PDFHexString | undefined)?.decodeText())).toEqual([
      "https://example.org/",
      "Hello",
    ]);
    // In reading order: the new Link is in the first paragraph.
    expect(textsOf(saved, "Link")).toEqual(["Hello", "https://example.org/"]);
    expect(saved.getPage(0).node.get(PDFName.of("Tabs"))).toBe(PDFName.of("S"));
    expect(auditTagging(saved)).toMatchObject({ linksOutOfTree: 0, linksUndescribed: 0 });
  });
});

describe("the structure tree in PDF 1.7's terms", () => {
  it("maps PDF 2.0 types and turns a figure that only wraps a described image into a Div", async () => {
    const pdf = await load(
      await taggedPdf("/Strong <</MCID 0>> BDC BT /F1 10 Tf 20 140 Td (B) Tj ET EMC /Figure <</MCID 1>> BDC 20 60 50 50 re f EMC", [
        { role: "P", mcids: [], kids: [{ role: "Strong", mcids: [0] }] },
        {
          role: "Figure",
          mcids: [],
          kids: [
            { role: "Figure", mcids: [1], alt: "一幅图" },
            { role: "Caption", mcids: [] },
          ],
        },
      ]),
    );
    expect(auditTagging(pdf)).toMatchObject({ unknownTypes: ["Strong"], figuresWithoutAlternative: 1 });
    expect(standardiseStructure(pdf)).toEqual({ mapped: ["Strong"], unwrapped: 1, described: 0 });
    const roles = new StructureTree(pdf).elements().map(({ element }) => roleOf(element));
    expect(roles).toEqual(["Document", "P", "Strong", "Div", "Figure", "Caption"]);
    expect(auditTagging(pdf)).toMatchObject({ unknownTypes: [], figuresWithoutAlternative: 0 });
  });

  it('describes a picture with alt="" by its caption, and makes a figure\'s fragment holding only the caption a Div', async () => {
    const pdf = await load(
      await taggedPdf(
        "/Figure <</MCID 0>> BDC 20 60 50 50 re f EMC /NonStruct <</MCID 1>> BDC BT /F1 8 Tf 20 50 Td (Figure 1 Shares) Tj ET EMC /NonStruct <</MCID 2>> BDC BT /F1 8 Tf 20 150 Td (continued) Tj ET EMC",
        [
          {
            role: "Figure",
            mcids: [],
            kids: [
              { role: "Figure", mcids: [0] },
              { role: "Caption", mcids: [1] },
            ],
          },
          { role: "Figure", mcids: [], kids: [{ role: "Caption", mcids: [2] }] },
        ],
      ),
    );
    expect(auditTagging(pdf).figuresWithoutAlternative).toBe(3);
    expect(standardiseStructure(pdf)).toEqual({ mapped: [], unwrapped: 2, described: 1 });
    const tree = new StructureTree(pdf);
    const picture = tree.elements().find(({ element }) => roleOf(element) === "Figure")?.element;
    expect((picture?.get(PDFName.of("Alt")) as PDFHexString | undefined)?.decodeText()).toBe("Figure 1 Shares");
    expect(tree.elements().map(({ element }) => roleOf(element))).toEqual(["Document", "Div", "Figure", "Caption", "Div", "Caption"]);
    expect(auditTagging(pdf).figuresWithoutAlternative).toBe(0);
  });

  it("keeps a figure with no alternative text anywhere as it is, for the audit to report", async () => {
    const pdf = await load(await taggedPdf("/Figure <</MCID 0>> BDC 20 60 50 50 re f EMC", [{ role: "Figure", mcids: [0] }]));
    standardiseStructure(pdf);
    expect(auditTagging(pdf).figuresWithoutAlternative).toBe(1);
  });
});
