import { PDFDocument, type SaveOptions } from "pdf-lib";

// pdf-lib, by default, stops every 100 objects it parses and every 50 it writes to let the
// event loop run, a timer each time: writing a 150-page PDF took a second instead of a
// tenth. Nothing in the build waits on Node meanwhile but the browser's messages, which
// keep: these read and write a PDF at once.

/** A PDF's objects, read as they are (the producer and dates left alone). */
export function loadPdf(bytes: Uint8Array | ArrayBuffer): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: Number.POSITIVE_INFINITY });
}

export function savePdf(pdf: PDFDocument, options: SaveOptions = {}): Promise<Uint8Array> {
  return pdf.save({ ...options, objectsPerTick: Number.POSITIVE_INFINITY });
}
