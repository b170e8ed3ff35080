import { type PDFDict, type PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import { asDict } from "../pdf-objects.ts";
import { roleOf, StructureTree } from "./structure.ts";

/** The structure types of PDF 1.7 (ISO 32000-1, 14.8.4), which PDF/UA-1 readers know. */
export const STANDARD_TYPES = new Set([
  ..."Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private".split(" "),
  ..."P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot".split(" "),
  ..."Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form".split(" "),
]);

/** Types Chromium writes from PDF 2.0, and the PDF 1.7 type each reads as. */
const PDF2_TYPES: Record<string, string> = {
  Strong: "Span",
  Em: "Span",
  Sub: "Span",
  Title: "P",
  FENote: "Note",
  Aside: "Div",
  DocumentFragment: "Div",
};

/**
 * The structure tree as PDF/UA-1 reads it:
 * - a role map for the types that are not PDF 1.7's (Chromium's Strong and Em);
 * - a figure that only wraps a figure with alternative text and its caption (HTML's
 *   figure around an img) is a Div: the alternative text is the image's, and a figure
 *   element without one would be read as an unlabelled image.
 */
export function standardiseStructure(pdf: PDFDocument): { mapped: string[]; unwrapped: number } {
  const tree = new StructureTree(pdf);
  if (!tree.root) return { mapped: [], unwrapped: 0 };
  const roleMap = asDict(pdf, tree.root.get(PDFName.of("RoleMap"))) ?? pdf.context.obj({});
  const mapped = new Set<string>();
  let unwrapped = 0;
  const elements = tree.elements().map((e) => e.element);
  for (const element of elements) {
    const role = roleOf(element);
    if (!STANDARD_TYPES.has(role) && roleMap.get(PDFName.of(role)) === undefined) {
      roleMap.set(PDFName.of(role), PDFName.of(PDF2_TYPES[role] ?? "Span"));
      mapped.add(role);
    }
    if (
      role === "Figure" &&
      !hasAlternative(element) &&
      elements.some((e) => roleOf(e) === "Figure" && hasAlternative(e) && isBelow(pdf, e, element))
    ) {
      element.set(PDFName.of("S"), PDFName.of("Div"));
      unwrapped++;
    }
  }
  if (mapped.size > 0) tree.root.set(PDFName.of("RoleMap"), roleMap);
  return { mapped: [...mapped], unwrapped };
}

/** /Alt or /ActualText with some text in it. */
export function hasAlternative(element: PDFDict): boolean {
  return ["Alt", "ActualText"].some((key) => {
    const value = element.get(PDFName.of(key));
    return (value instanceof PDFString || value instanceof PDFHexString) && value.decodeText().trim() !== "";
  });
}

function isBelow(pdf: PDFDocument, element: PDFDict, ancestor: PDFDict): boolean {
  for (let node = asDict(pdf, element.get(PDFName.of("P"))); node; node = asDict(pdf, node.get(PDFName.of("P")))) {
    if (node === ancestor) return true;
  }
  return false;
}
