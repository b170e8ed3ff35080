import { PDFDocument, PDFName, type PDFRef, StandardFonts } from "pdf-lib";
import { pageContent } from "../../src/output/press/streams.ts";

/**
 * A small PDF whose content streams are written out by hand, to test the passes on what
 * Chromium writes and on what it might: a page, a form it draws (/Fm1), a shading pattern
 * (/P1), and a link annotation with an appearance stream.
 */
export interface HandMadePdf {
  page: string;
  form?: string;
  appearance?: string;
  /** C0 and C1 of the pattern's axial shading, in DeviceRGB. */
  shading?: [number[], number[]];
}

export async function handMadePdf(spec: HandMadePdf): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const page = pdf.addPage([200, 200]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const stream = (content: string, dict: Record<string, unknown> = {}): PDFRef =>
    pdf.context.register(pdf.context.stream(content, dict as never));
  const resources = pdf.context.obj({ Font: { F1: font.ref } });
  if (spec.form !== undefined) {
    const form = stream(spec.form, { Type: "XObject", Subtype: "Form", BBox: [0, 0, 200, 200], Resources: { Font: { F1: font.ref } } });
    resources.set(PDFName.of("XObject"), pdf.context.obj({ Fm1: form }));
  }
  if (spec.shading) {
    const [c0, c1] = spec.shading;
    const pattern = pdf.context.obj({
      PatternType: 2,
      Shading: {
        ShadingType: 2,
        ColorSpace: "DeviceRGB",
        Coords: [0, 0, 0, 1],
        Function: { FunctionType: 2, Domain: [0, 1], C0: c0, C1: c1, N: 1 },
      },
    });
    resources.set(PDFName.of("Pattern"), pdf.context.obj({ P1: pattern }));
  }
  page.node.set(PDFName.of("Resources"), resources);
  page.node.set(PDFName.of("Contents"), stream(spec.page));
  if (spec.appearance !== undefined) {
    const annot = pdf.context.obj({
      Type: "Annot",
      Subtype: "Link",
      Rect: [10, 10, 50, 20],
      AP: { N: stream(spec.appearance, { Type: "XObject", Subtype: "Form", BBox: [0, 0, 40, 10] }) },
      A: { S: "URI", URI: "https://example.org/" },
    });
    page.node.set(PDFName.of("Annots"), pdf.context.obj([pdf.context.register(annot)]));
  }
  return pdf.save({ useObjectStreams: false });
}

/** The content of page `index` as text (Latin-1). */
export async function pageText(bytes: Uint8Array, index = 0): Promise<string> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  return Buffer.from(pageContent(pdf, pdf.getPage(index).node))
    .toString("latin1")
    .trimEnd();
}
