import { PDFArray, PDFDict, PDFHexString, PDFRef, PDFStream, PDFString, type PDFDocument, type PDFObject } from "pdf-lib";

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
