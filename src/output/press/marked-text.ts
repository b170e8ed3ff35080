import { PDFDict, type PDFDocument, PDFName, PDFNumber, type PDFObject, type PDFRef } from "pdf-lib";
import { asDict } from "../pdf-objects.ts";
import { parseContent } from "./content-stream.ts";
import { innermostMcid, interpret } from "./interpret.ts";
import { pageContent } from "./streams.ts";
import { isElement, type StructureTree } from "./structure.ts";
import { decoderFor, fontOf } from "./to-unicode.ts";

/** The text of a page's marked content, by MCID, and where each piece was drawn. */
export interface MarkedText {
  text: Map<number, string>;
  /** Origins of the text-showing operations of each MCID, in the page's default space. */
  origins: Map<number, { x: number; y: number }[]>;
}

const TEXT_SHOWING = new Set(["Tj", "TJ", "'", '"']);

export function markedText(pdf: PDFDocument, node: PDFDict): MarkedText {
  const result: MarkedText = { text: new Map(), origins: new Map() };
  const resources =
    (node as PDFDict & { Resources?: () => PDFDict | undefined }).Resources?.() ?? asDict(pdf, node.get(PDFName.of("Resources")));
  interpret(pdf, parseContent(pageContent(pdf, node)), resources, (event) => {
    if (!TEXT_SHOWING.has(event.op.operator)) return;
    const mcid = innermostMcid(event.marked);
    if (mcid === undefined) return;
    const shown = decoderFor(pdf, fontOf(pdf, event.resources, event.font?.name))(event.op.operands);
    result.text.set(mcid, (result.text.get(mcid) ?? "") + shown);
    if (event.origin) result.origins.set(mcid, [...(result.origins.get(mcid) ?? []), event.origin]);
  });
  return result;
}

/** The text of a structure element: its marked content in order, on whatever pages it lies. */
export function elementText(pdf: PDFDocument, tree: StructureTree, element: PDFDict, pages: Map<PDFRef, MarkedText>): string {
  const ownPage = element.get(PDFName.of("Pg"));
  const textOf = (page: PDFObject | undefined, mcid: number) => pages.get(page as PDFRef)?.text.get(mcid) ?? "";
  return tree
    .kids(element)
    .map((kid) => {
      if (kid instanceof PDFNumber) return textOf(ownPage, kid.asNumber());
      const dict = asDict(pdf, kid);
      if (!(dict instanceof PDFDict)) return "";
      if (dict.get(PDFName.of("Type")) === PDFName.of("MCR")) {
        const mcid = dict.get(PDFName.of("MCID"));
        return mcid instanceof PDFNumber ? textOf(dict.get(PDFName.of("Pg")) ?? ownPage, mcid.asNumber()) : "";
      }
      return isElement(dict) ? elementText(pdf, tree, dict, pages) : "";
    })
    .join("");
}
