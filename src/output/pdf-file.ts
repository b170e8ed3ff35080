import { PDFDocument, type SaveOptions } from "pdf-lib";

// pdf-lib, by default, stops every 100 objects it parses and every 50 it writes to let the
// event loop run, a timer each time: writing a 150-page PDF took a second instead of a
// tenth. Read or written at once, though, a long PDF holds the event loop for half a
// second, and with it the browser's messages: the contents and ABSTRACTS pages waited for
// a long article to be joined and finished before they could be laid out. A stop every
// few thousand objects lets the browser go on, for a few milliseconds a PDF.
const OBJECTS_PER_TICK = 2000;

/** A PDF's objects, read as they are (the producer and dates left alone). */
export function loadPdf(bytes: Uint8Array | ArrayBuffer): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: OBJECTS_PER_TICK });
}

export function savePdf(pdf: PDFDocument, options: SaveOptions = {}): Promise<Uint8Array> {
  return pdf.save({ ...options, objectsPerTick: OBJECTS_PER_TICK });
}
