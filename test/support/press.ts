import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { PDFDocument, PDFName, PDFNumber, type PDFObject, type PDFRef, PDFString, StandardFonts } from "pdf-lib";
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

/**
 * A tagged one-page PDF (200 × 200 pt, Helvetica as /F1): `content` is the page's content
 * stream; each element is a structure element under a Document, holding the page's MCIDs
 * listed (integers) and, for a Link, the page's first annotation.
 */
export async function taggedPdf(
  content: string,
  elements: { role: string; mcids: number[]; alt?: string; kids?: { role: string; mcids: number[]; alt?: string }[] }[],
  annotations: { rect: number[]; uri?: string; inTree?: boolean }[] = [],
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const page = pdf.addPage([200, 200]);
  page.setTrimBox(0, 0, 200, 200);
  page.node.set(PDFName.of("Resources"), pdf.context.obj({ Font: { F1: await embeddedFont(pdf) } }));
  page.node.set(PDFName.of("Contents"), pdf.context.register(pdf.context.stream(content)));
  page.node.set(PDFName.of("StructParents"), pdf.context.obj(0));
  const rootRef = pdf.context.nextRef();
  const documentRef = pdf.context.nextRef();
  const parents: PDFRef[] = [];
  const nums: (number | PDFRef)[] = [];
  const annotRefs = annotations.map((a, i) => {
    const annot = pdf.context.obj({
      Type: "Annot",
      Subtype: "Link",
      F: 4,
      Rect: a.rect,
      ...(a.uri ? { A: { S: "URI", URI: PDFString.of(a.uri) } } : {}),
      ...(a.inTree ? { StructParent: 1 + i } : {}),
    });
    return pdf.context.register(annot);
  });
  const make = (spec: { role: string; mcids: number[]; alt?: string; kids?: (typeof spec)[] }, parent: PDFRef): PDFRef => {
    const ref = pdf.context.nextRef();
    const kids: PDFObject[] = spec.mcids.map((mcid) => PDFNumber.of(mcid));
    for (const mcid of spec.mcids) parents[mcid] = ref;
    for (const kid of spec.kids ?? []) kids.push(make(kid, ref));
    if (spec.role === "Link") {
      annotRefs.forEach((annotRef, i) => {
        if (!annotations[i]?.inTree) return;
        kids.push(pdf.context.obj({ Type: "OBJR", Obj: annotRef, Pg: page.ref }));
        nums.push(1 + i, ref);
      });
    }
    pdf.context.assign(
      ref,
      pdf.context.obj({
        Type: "StructElem",
        S: spec.role,
        P: parent,
        Pg: page.ref,
        K: kids,
        ...(spec.alt ? { Alt: PDFString.of(spec.alt) } : {}),
      }),
    );
    return ref;
  };
  const top = elements.map((spec) => make(spec, documentRef));
  pdf.context.assign(documentRef, pdf.context.obj({ Type: "StructElem", S: "Document", P: rootRef, K: top }));
  pdf.context.assign(
    rootRef,
    pdf.context.obj({
      Type: "StructTreeRoot",
      K: [documentRef],
      ParentTree: { Nums: [0, parents, ...nums] },
      ParentTreeNextKey: 1 + annotations.length,
    }),
  );
  pdf.catalog.set(PDFName.of("StructTreeRoot"), rootRef);
  pdf.catalog.set(PDFName.of("MarkInfo"), pdf.context.obj({ Marked: true }));
  pdf.catalog.set(PDFName.of("Lang"), PDFString.of("zh-Hans"));
  if (annotRefs.length > 0) page.node.set(PDFName.of("Annots"), pdf.context.obj(annotRefs));
  return pdf.save({ useObjectStreams: false });
}

/**
 * Liberation Sans (pdfjs-dist ships it) as an embedded simple TrueType font, WinAnsi
 * encoded: what the checks ask of fonts, without a font library to subset it.
 */
async function embeddedFont(pdf: PDFDocument): Promise<PDFRef> {
  const file = await readFile(createRequire(import.meta.url).resolve("pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf"));
  const program = pdf.context.register(pdf.context.flateStream(new Uint8Array(file), { Length1: file.length }));
  const descriptor = pdf.context.obj({
    Type: "FontDescriptor",
    FontName: "LiberationSans",
    Flags: 32,
    FontBBox: [-203, -303, 1050, 910],
    ItalicAngle: 0,
    Ascent: 905,
    Descent: -212,
    CapHeight: 716,
    StemV: 80,
    FontFile2: program,
  });
  return pdf.context.register(
    pdf.context.obj({
      Type: "Font",
      Subtype: "TrueType",
      BaseFont: "LiberationSans",
      FirstChar: 32,
      LastChar: 126,
      Widths: Array.from({ length: 95 }, () => 556),
      Encoding: "WinAnsiEncoding",
      FontDescriptor: pdf.context.register(descriptor),
    }),
  );
}
