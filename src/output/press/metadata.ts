import { createHash } from "node:crypto";
import { PDFDict, type PDFDocument, PDFName } from "pdf-lib";
import { asStream } from "../pdf-objects.ts";
import { setXmp } from "../xmp.ts";
import { decodeStream } from "./streams.ts";

/** The catalog's XMP packet as text, if it has one. */
export function readXmp(pdf: PDFDocument): string | undefined {
  const stream = asStream(pdf, pdf.catalog.get(PDFName.of("Metadata")));
  return stream ? new TextDecoder().decode(decodeStream(stream)) : undefined;
}

/**
 * Adds an rdf:Description (the identification of a standard, say) to the document's XMP
 * packet, beside the ones it has: XMP reads every description about the same resource
 * as one. Throws when the document has no packet of ours to add to.
 */
export function addXmpDescription(pdf: PDFDocument, description: string): void {
  const packet = readXmp(pdf);
  const end = packet?.lastIndexOf("</rdf:RDF>") ?? -1;
  if (!packet || end < 0) throw new Error("the PDF has no XMP packet to add the identification to");
  setXmp(pdf, `${packet.slice(0, end)}${description.replace(/\s+$/, "")}\n ${packet.slice(end)}`);
}

/**
 * A UUID made from bytes (RFC 4122 name-based form), so that the same document gets the
 * same xmpMM:DocumentID on every build while two documents never share one.
 */
export function uuidFrom(...parts: (string | Uint8Array)[]): string {
  const hash = createHash("sha1");
  for (const part of parts) hash.update(part);
  const bytes = hash.digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The document information dictionary, made when the document has none. */
export function infoDict(pdf: PDFDocument): PDFDict {
  const existing = pdf.context.lookup(pdf.context.trailerInfo.Info);
  if (existing instanceof PDFDict) return existing;
  const info = pdf.context.obj({});
  pdf.context.trailerInfo.Info = pdf.context.register(info);
  return info;
}
