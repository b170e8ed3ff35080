import { inflateSync } from "node:zlib";
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  type PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFDocument,
  type PDFObject,
} from "pdf-lib";

// A PDF object is often given by reference: these look it up and keep it only if it is of
// the kind asked for, so walking a dictionary tree needs no casts.

function deref(pdf: PDFDocument, obj: PDFObject | undefined): PDFObject | undefined {
  return obj instanceof PDFRef ? pdf.context.lookup(obj) : obj;
}

export function asDict(pdf: PDFDocument, obj: PDFObject | undefined): PDFDict | undefined {
  const value = deref(pdf, obj);
  return value instanceof PDFDict ? value : undefined;
}

export function asArray(pdf: PDFDocument, obj: PDFObject | undefined): PDFArray | undefined {
  const value = deref(pdf, obj);
  return value instanceof PDFArray ? value : undefined;
}

export function asStream(pdf: PDFDocument, obj: PDFObject | undefined): PDFStream | undefined {
  const value = deref(pdf, obj);
  return value instanceof PDFStream ? value : undefined;
}

/** A string object's text, whichever way it is written (literal or hex); else undefined. */
export function asText(obj: PDFObject | undefined): string | undefined {
  return obj instanceof PDFString || obj instanceof PDFHexString ? obj.decodeText() : undefined;
}

/**
 * A stream's bytes, decoded. Deflated alone (what Chromium and pdf-lib write), by Node's
 * zlib: pdf-lib's own inflate, in JavaScript, took a tenth of reading a long PDF back. A
 * stream zlib refuses (cut short, say) is left to pdf-lib, which reads what it can of it.
 */
export function decodedBytes(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(PDFName.of("Filter"));
  const only = filter instanceof PDFArray && filter.size() === 1 ? filter.get(0) : filter;
  if (only === PDFName.of("FlateDecode") && !stream.dict.has(PDFName.of("DecodeParms"))) {
    try {
      return inflateSync(stream.getContents());
    } catch {
      // pdf-lib's, below.
    }
  }
  return decodePDFRawStream(stream).decode();
}
