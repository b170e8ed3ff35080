import type { PDFDocument } from "pdf-lib";
import { makeLinksAccessible } from "./accessible-links.ts";
import { standardiseStructure } from "./accessible-structure.ts";
import type { Area } from "../../render/layout.ts";
import { tagUntagged } from "./artifacts.ts";
import { embedProfile, type IccProfile, setOutputIntents } from "./icc.ts";
import { addXmpDescription, infoFromXmp } from "./metadata.ts";
import type { XmpIdentificationView } from "../../compose/press-view.ts";
import { auditTagging, countFormsOutOfTree, isFullyTagged, type TaggingAudit } from "./tagging-audit.ts";

export interface PdfA2Options {
  /** sRGB: the output intent, what the document's colours mean. */
  rgb: IccProfile;
  identification: (view: XmpIdentificationView) => string;
  documentId: string;
  instanceId: string;
  /** Each page's text area, to tell running heads and folios (artifacts) from text CSS generated in the text. */
  areas: (Area | undefined)[];
  /** The prism properties the XMP packet uses, each with what it means: declared in an extension schema. */
  prismProperties: { name: string; description: string }[];
}

export interface PdfA2Result {
  /** A (accessible: fully tagged) or U (Unicode text, tags incomplete). */
  conformance: "A" | "U";
  /** Declared PDF/UA-1 too (only when fully tagged). */
  ua: boolean;
  audit: TaggingAudit;
}

/**
 * The finished PDF as PDF/A-2 (ISO 19005-2) for an archive, in place. Its pages are cut
 * to the trim (an archive keeps the page as read, without bleed or marks). Its tags are
 * completed as PDF/UA-1 asks: running heads, folios and rules as artifacts, note numbers
 * in the text they number, links in the tree with a description, PDF 2.0 types mapped.
 * Fully tagged, it is PDF/A-2a and declares PDF/UA-1; otherwise (the two-column parallel
 * edition draws one language as a form) PDF/A-2u. An output intent GTS_PDFA1 with sRGB,
 * pdfaid (and pdfuaid) in XMP with the extension schemas its properties need, and the
 * info dictionary equal to the XMP.
 */
export function makePdfA2(pdf: PDFDocument, options: PdfA2Options): PdfA2Result {
  cropToTrim(pdf);
  // A page drawn into another as a form (the English column of a two-column edition) has
  // left its structure behind: the document cannot be fully tagged, and its untagged
  // content is real text, not to be marked as artifacts.
  if (countFormsOutOfTree(pdf) === 0) {
    tagUntagged(pdf, options.areas);
    standardiseStructure(pdf);
    makeLinksAccessible(pdf);
  }
  const audit = auditTagging(pdf);
  const full = isFullyTagged(audit);
  setOutputIntents(pdf, [{ subtype: "GTS_PDFA1", profile: embedProfile(pdf, options.rgb), info: options.rgb }]);
  addXmpDescription(
    pdf,
    options.identification({
      documentId: options.documentId,
      instanceId: options.instanceId,
      pdfa: { part: 2, conformance: full ? "A" : "U" },
      pdfua: full ? { part: 1 } : undefined,
      prismProperties: options.prismProperties,
    }),
  );
  infoFromXmp(pdf);
  return { conformance: full ? "A" : "U", ua: full, audit };
}

/** Every box the trim: no bleed, no marks, no slug. */
function cropToTrim(pdf: PDFDocument): void {
  for (const page of pdf.getPages()) {
    const trim = page.getTrimBox();
    for (const set of [page.setMediaBox, page.setCropBox, page.setBleedBox, page.setTrimBox]) {
      set.call(page, trim.x, trim.y, trim.width, trim.height);
    }
  }
}
