import { constants, deflateSync, inflateSync } from "node:zlib";
import { PDFName, PDFRawStream, type PDFDocument } from "pdf-lib";

/**
 * Ends every Flate stream that stops short of its end mark. Ghostscript 10.0's pdfwrite
 * leaves one now and then: a page's content whose data is all there but whose deflate
 * stream lacks its last block. Readers take it (qpdf warns: "input stream is complete but
 * output may still be valid"); a printer's RIP need not. Such a stream is compressed
 * again, whole. Returns how many were.
 */
export function endFlateStreams(pdf: PDFDocument): number {
  let ended = 0;
  for (const [ref, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream) || object.dict.get(PDFName.of("Filter")) !== PDFName.of("FlateDecode")) continue;
    const data = unended(object.contents);
    if (!data) continue;
    // The dictionary stays (a predictor's parameters apply to the data, which is the same); the length follows the contents.
    pdf.context.assign(ref, PDFRawStream.of(object.dict, deflateSync(data)));
    ended++;
  }
  return ended;
}

/** The data of a deflate stream that is whole but for its end; nothing for a sound one (or one that is damaged beyond that). */
function unended(bytes: Uint8Array): Uint8Array | undefined {
  try {
    inflateSync(bytes);
    return undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "Z_BUF_ERROR") return undefined;
    return inflateSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
  }
}
