import { PDFDocument } from "pdf-lib";
import { setPrintBoxes, toPoints } from "./boxes.ts";
import { setDocumentInfo, type DocumentInfo } from "./document-info.ts";

export { writeAtomically } from "./write.ts";
export { buildDate, type DocumentInfo } from "./document-info.ts";

export interface FinishOptions {
  info: DocumentInfo;
  trim: { width: string; height: string };
}

/** PDF post-processing: document info, language, print boxes. */
export async function finishPdf(bytes: Uint8Array, options: FinishOptions): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  setDocumentInfo(pdf, options.info);
  setPrintBoxes(pdf, { width: toPoints(options.trim.width), height: toPoints(options.trim.height) });
  return pdf.save({ useObjectStreams: false });
}
