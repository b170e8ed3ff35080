// The order of these imports is the point: the built-ins are noted before pdf.js loads.
import { restoreNatives } from "./natives.ts";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import * as worker from "pdfjs-dist/legacy/build/pdf.worker.mjs";
import { copyMessagesDirectly } from "./message-copy.ts";

/**
 * pdf.js for reading PDFs back in Node, without its polyfills in the rest of the process.
 * Its worker runs in this thread (pdf.js's "fake worker", as in Node by default); loaded
 * here, with the display layer, rather than on the first document, so that the
 * built-ins can be put back once both have loaded.
 */
(globalThis as { pdfjsWorker?: typeof worker }).pdfjsWorker = worker;
restoreNatives();
await copyMessagesDirectly(pdfjs.PDFWorker);

export const { getDocument, OPS, VerbosityLevel } = pdfjs;
