import { createHash } from "node:crypto";
import { PDFHexString, type PDFDocument } from "pdf-lib";

/**
 * Saves with a document /ID derived from the content, so the same sources give the same
 * bytes (a random or time-based ID would differ on every build).
 */
export async function saveWithContentId(pdf: PDFDocument): Promise<Uint8Array> {
  const draft = await pdf.save({ useObjectStreams: false, updateFieldAppearances: false });
  const id = PDFHexString.of(createHash("md5").update(draft).digest("hex"));
  pdf.context.trailerInfo.ID = pdf.context.obj([id, id]);
  return pdf.save({ useObjectStreams: false, updateFieldAppearances: false });
}
