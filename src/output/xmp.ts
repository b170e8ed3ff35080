import { PDFName, type PDFDocument } from "pdf-lib";

/** The XMP packet as the catalog's /Metadata stream, given as UTF-8 bytes (a JS string would be mangled). */
export function setXmp(pdf: PDFDocument, packet: string): void {
  const stream = pdf.context.stream(new TextEncoder().encode(packet), {
    Type: "Metadata",
    Subtype: "XML",
  });
  pdf.catalog.set(PDFName.of("Metadata"), pdf.context.register(stream));
}
