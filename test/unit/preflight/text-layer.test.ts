import { PDFDocument, PDFName, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { type PdfText, readPdfText } from "../../../src/preflight/pdf.ts";
import { addCompositeFont } from "../../../src/preflight/reading/warm-up.ts";

// The preflight reads the pages Chromium writes with a text layer of its own, which gives
// the items pdf.js gives without parsing the fonts' programs; pdf.js reads the rest. Here a
// composite font as Chromium writes one (Identity-H, a ToUnicode map, widths), its program
// left out (pdf.js then reads the text from the same map and widths), drawn every way the
// text layer must follow pdf.js in.

const TO_UNICODE = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Test def 1 begincodespacerange <0000> <FFFF> endcodespacerange
10 beginbfchar
<0001> <0054>
<0002> <0065>
<0003> <0078>
<0004> <0074>
<0005> <0020>
<0006> <0031>
<0007> <0000>
<0008> <4E2D>
<0009> <2060>
<000A> <0301>
endbfchar
2 beginbfrange
<0010> <0012> <4E00>
<0013> <0014> [<FB01> <D835DC00>]
endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`;

const PAGE_ONE = `
BT /F1 12 Tf 1 0 0 1 40 270 Tm <0001000200030004> Tj ET
BT /F1 12 Tf 40 255 Td [<0001> -250 <0002> 120 <0003> -900 <0004>] TJ ET
BT /F1 12 Tf 14 TL 40 240 Td <0001> Tj T* <0002> Tj <0003> ' ET
BT /F1 12 Tf 2 Tc 5 Tw 40 200 Td <00010005000200050003> Tj 0 Tc 0 Tw ET
BT /F1 12 Tf 40 185 Td <00010002> Tj /F1 7 Tf 4 Ts <0006> Tj 0 Ts /F1 12 Tf <0003> Tj ET
q 1 0 0 1 10 -10 cm BT /F1 12 Tf 40 180 Td <00100011> Tj ET Q
BT /F1 12 Tf 40 155 Td <0001> Tj /Span <</ActualText <FEFF00660066> >> BDC <0007> Tj EMC <0002> Tj ET
/P <</MCID 0>> BDC BT /F1 12 Tf 40 140 Td <00080012> Tj ET EMC
/Artifact BMC BT /F1 12 Tf 40 125 Td <0001000900020003000A0004> Tj ET EMC
BT /F1 12 Tf 40 110 Td <001300140001> Tj ET
BT /F1 12 Tf 0 1 -1 0 380 40 Tm <000100020003> Tj ET
BT /F1 12 Tf 500 500 Td <0001> Tj ET
BT /F1 12 Tf 40 95 Td <0001> Tj 200 0 Td <0002> Tj ET
BT /F1 12 Tf 40 80 Td <00010002> Tj -30 0 Td <0003> Tj ET
BT /F1 12 Tf 50 Tz 40 65 Td <000100020003> Tj 100 Tz ET
BT /F1 12 Tf 40 50 Td <0001> Tj 0 -1 Td <0002> Tj 0 -20 Td <0003> Tj ET
`;

async function testPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const context = pdf.context;
  const widths = [1, [610, 540, 520, 330, 250, 500, 560], 10, 12, 1000, 19, [550, 700]];
  const composite = addCompositeFont(pdf, { name: "AAAAAA+TestSerif", toUnicode: TO_UNICODE, widths, embedded: false });
  const first = pdf.addPage([420, 300]);
  first.node.setFontDictionary(PDFName.of("F1"), composite);
  first.node.set(PDFName.of("Contents"), context.register(context.flateStream(PAGE_ONE)));
  // A simple font, as Chromium never writes one: that page is pdf.js's to read.
  const second = pdf.addPage([420, 300]);
  second.drawText("A page in Helvetica, read by pdf.js.", { x: 40, y: 250, size: 12, font: await pdf.embedFont(StandardFonts.Helvetica) });
  return pdf.save();
}

const withoutFonts = (text: PdfText) => text.pages.map((page) => page.items.map(({ font, ...item }) => item));

describe("the preflight's own text layer", () => {
  it("reads the pages in Chromium's fonts as pdf.js does, item for item, and leaves the others to pdf.js", async () => {
    const bytes = await testPdf();
    const [own, pdfjs] = await Promise.all([readPdfText(bytes), readPdfText(bytes, { pdfjsOnly: true })]);
    expect(withoutFonts(own)).toEqual(withoutFonts(pdfjs));
    // Read by the text layer (its keys name the font's object), the second page by pdf.js.
    expect(own.pages[0]?.items.every((item) => /^R\d+$/.test(item.font))).toBe(true);
    expect(own.pages[1]?.items.every((item) => !/^R\d+$/.test(item.font))).toBe(true);
    // What the items say, so that two readers wrong alike would not pass.
    const texts = own.pages[0]?.items.map((item) => item.text) ?? [];
    expect(texts).toContain("Text");
    expect(texts).toContain("ff");
    expect(texts.join("|")).toContain("中丂");
    expect(own.pages[1]?.items.map((item) => item.text).join("")).toContain("A page in Helvetica");
    const first = own.pages[0]?.items[0];
    expect(first?.x).toBeCloseTo(40, 6);
    expect(first?.top).toBeCloseTo(30, 6);
    expect(first?.size).toBe(12);
    expect((first?.right ?? 0) - (first?.x ?? 0)).toBeCloseTo((12 * (610 + 540 + 520 + 330)) / 1000, 6);
  });
});
