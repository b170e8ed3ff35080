import { type PDFDict, type PDFDocument, PDFHexString, PDFName, type PDFRef, PDFString } from "pdf-lib";
import { asDict } from "../pdf-objects.ts";
import { elementText, type MarkedText, markedText } from "./marked-text.ts";
import { isElement, objectReference, roleOf, StructureTree } from "./structure.ts";

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
 * - figures as PDF/UA wants them. HTML's figure element becomes a Figure around the
 *   picture's own Figure and the Caption; only the picture is a figure to describe, the
 *   wrapper (and a fragment of it that Paged.js carried to the next page with the caption
 *   alone) becomes a Div. A picture with no alternative text of its own (an img with
 *   alt="", a drawing: its caption says what it shows) takes its caption's text as /Alt.
 *   A picture with neither is left for the audit to report.
 */
export function standardiseStructure(pdf: PDFDocument): { mapped: string[]; unwrapped: number; described: number } {
  const tree = new StructureTree(pdf);
  if (!tree.root) return { mapped: [], unwrapped: 0, described: 0 };
  const roleMap = asDict(pdf, tree.root.get(PDFName.of("RoleMap"))) ?? pdf.context.obj({});
  const mapped = new Set<string>();
  const entries = tree.elements();
  for (const { element } of entries) {
    const role = roleOf(element);
    if (!STANDARD_TYPES.has(role) && roleMap.get(PDFName.of(role)) === undefined) {
      roleMap.set(PDFName.of(role), PDFName.of(PDF2_TYPES[role] ?? "Span"));
      mapped.add(role);
    }
  }
  if (mapped.size > 0) tree.root.set(PDFName.of("RoleMap"), roleMap);

  const figures = entries.filter(({ element }) => roleOf(element) === "Figure" && !hasAlternative(element));
  const ownContent = (element: PDFDict) =>
    tree.kids(element).some((kid) => !isElement(asDict(pdf, kid) ?? pdf.context.obj({})) && !objectReference(pdf, kid));
  let texts: Map<PDFRef, MarkedText> | undefined;
  const captionText = (caption: PDFDict) => {
    texts ??= new Map(pdf.getPages().map((page) => [page.ref, markedText(pdf, page.node)]));
    return elementText(pdf, tree, caption, texts).replace(/\s+/g, " ").trim();
  };
  const captionOf = (element: PDFDict, parent: PDFDict) =>
    [element, parent]
      .flatMap((holder) => tree.kids(holder).map((kid) => asDict(pdf, kid)))
      .find((kid): kid is PDFDict => kid !== undefined && isElement(kid) && roleOf(kid) === "Caption");
  let unwrapped = 0;
  let described = 0;
  for (const { element, parent } of figures) {
    if (!ownContent(element)) {
      element.set(PDFName.of("S"), PDFName.of("Div"));
      unwrapped++;
      continue;
    }
    const caption = captionOf(element, parent);
    const text = caption ? captionText(caption) : "";
    if (text) {
      element.set(PDFName.of("Alt"), PDFHexString.fromText(text));
      described++;
    }
  }
  return { mapped: [...mapped], unwrapped, described };
}

/** /Alt or /ActualText with some text in it. */
export function hasAlternative(element: PDFDict): boolean {
  return ["Alt", "ActualText"].some((key) => {
    const value = element.get(PDFName.of(key));
    return (value instanceof PDFString || value instanceof PDFHexString) && value.decodeText().trim() !== "";
  });
}
