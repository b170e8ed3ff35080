import { createHash } from "node:crypto";
import { PDFDict, type PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import { asStream } from "../pdf-objects.ts";
import { setXmp } from "../xmp.ts";
import { decodeStream } from "./streams.ts";
import { readXmpProperties, xmpText } from "./xmp-fields.ts";

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

/**
 * The info dictionary as its XMP equivalents say (PDF/A asks the two to agree, and a
 * reader may show either): Title from dc:title (x-default), Author from the dc:creator
 * entries joined by "; ", Subject from dc:description, Keywords from pdf:Keywords, the
 * tools and dates from xmp and pdf.
 */
export function infoFromXmp(pdf: PDFDocument): void {
  const packet = readXmp(pdf);
  if (!packet) throw new Error("the PDF has no XMP packet to take its document info from");
  const { values } = readXmpProperties(packet);
  const info = infoDict(pdf);
  const text = (key: string, value: string | undefined) => {
    if (value === undefined) info.delete(PDFName.of(key));
    else info.set(PDFName.of(key), PDFHexString.fromText(value));
  };
  text("Title", xmpText(values.get("dc:title")));
  text("Author", xmpText(values.get("dc:creator")));
  text("Subject", xmpText(values.get("dc:description")));
  text("Keywords", xmpText(values.get("pdf:Keywords")));
  text("Creator", xmpText(values.get("xmp:CreatorTool")));
  text("Producer", xmpText(values.get("pdf:Producer")));
  for (const [key, property] of [
    ["CreationDate", "xmp:CreateDate"],
    ["ModDate", "xmp:ModifyDate"],
  ] as const) {
    const date = xmpText(values.get(property));
    if (date) info.set(PDFName.of(key), PDFString.of(pdfDate(date)));
  }
}

/** An XMP (ISO 8601) date as a PDF date: 2021-04-05T00:00:00Z → D:20210405000000Z. */
export function pdfDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$/.exec(iso);
  if (!m) throw new Error(`not an XMP date: ${iso}`);
  const zone = m[7] === "Z" ? "Z" : `${m[8]}${m[9]}'${m[10]}'`;
  return `D:${m[1]}${m[2]}${m[3]}${m[4]}${m[5]}${m[6]}${zone}`;
}
