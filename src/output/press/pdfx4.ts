import { type PDFDocument, PDFName, PDFString } from "pdf-lib";
import { deviceRgbAsIcc } from "./device-rgb.ts";
import { neutralToGray } from "./gray.ts";
import { embedProfile, type IccProfile, setOutputIntents } from "./icc.ts";
import { removeLinks } from "./links.ts";
import type { XmpIdentificationView } from "../../compose/press-view.ts";
import { addXmpDescription, infoDict, infoFromXmp } from "./metadata.ts";

export interface PdfX4Options {
  /** The press's CMYK profile: the output intent. */
  output: IccProfile;
  /** sRGB: what the RGB colours left (images, colours that are not neutral) mean. */
  rgb: IccProfile;
  identification: (view: XmpIdentificationView) => string;
  /** Stable across builds of the same sources (the XMP DocumentID). */
  documentId: string;
  instanceId: string;
}

/**
 * The finished (RGB, tagged) PDF as PDF/X-4 (ISO 15930-7) for a CMYK press, in place:
 * - neutral colours in DeviceGray, so black text and rules print on the K plate alone;
 * - every other RGB colour in ICC-based sRGB, which the press's RIP converts itself;
 * - an output intent GTS_PDFX with the press profile;
 * - no link annotations; PDF 1.6; pdfxid, xmpMM and Trapped in the XMP and the info.
 * Tags, outline, page labels, print boxes and fonts are left as they are.
 */
export function makePdfX4(pdf: PDFDocument, options: PdfX4Options): void {
  neutralToGray(pdf);
  deviceRgbAsIcc(pdf, embedProfile(pdf, options.rgb));
  removeLinks(pdf);
  setOutputIntents(pdf, [{ subtype: "GTS_PDFX", profile: embedProfile(pdf, options.output), info: options.output }]);
  addXmpDescription(
    pdf,
    options.identification({ documentId: options.documentId, instanceId: options.instanceId, pdfx: { version: "PDF/X-4" } }),
  );
  infoFromXmp(pdf);
  markForPress(pdf, "PDF/X-4");
}

/** The info dictionary's PDF/X entries; no catalog /Version above the header's (saved as 1.6: withHeaderVersion). */
function markForPress(pdf: PDFDocument, version: string): void {
  const info = infoDict(pdf);
  info.set(PDFName.of("Trapped"), PDFName.of("False"));
  info.set(PDFName.of("GTS_PDFXVersion"), PDFString.of(version));
  pdf.catalog.delete(PDFName.of("Version"));
}
