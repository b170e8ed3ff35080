import { deflateSync } from "node:zlib";
import {
  type PDFDict,
  type PDFDocument,
  PDFName,
  type PDFObject,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  type PDFContext,
  type PDFStream,
} from "pdf-lib";
import { asArray, asDict, asStream, decodedBytes } from "../pdf-objects.ts";

/**
 * Every content stream of a document with the resources it draws with: the pages, the
 * forms and tiling patterns their resources hold (at any depth), and the appearance
 * streams of their annotations. Each is listed once, however many pages use it.
 */
export interface ContentSite {
  kind: "page" | "form" | "pattern" | "appearance";
  /** 0-based index of the first page it was reached from. */
  page: number;
  resources: PDFDict | undefined;
  /** The decoded content (a page's streams joined). */
  read(): Uint8Array;
  /** Replaces the content, compressed, keeping the stream's dictionary. */
  write(bytes: Uint8Array): void;
}

export function contentSites(pdf: PDFDocument): ContentSite[] {
  const sites: ContentSite[] = [];
  const seen = new Set<PDFObject>();
  const visitResources = (resources: PDFDict | undefined, page: number) => {
    if (!resources || seen.has(resources)) return;
    seen.add(resources);
    for (const [category, kind] of [
      ["XObject", "form"],
      ["Pattern", "pattern"],
    ] as const) {
      for (const [, value] of asDict(pdf, resources.get(PDFName.of(category)))?.entries() ?? []) {
        const stream = asStream(pdf, value);
        if (!stream || seen.has(stream)) continue;
        const isContent =
          kind === "form"
            ? stream.dict.get(PDFName.of("Subtype")) === PDFName.of("Form")
            : stream.dict.get(PDFName.of("PatternType")) !== undefined;
        if (!isContent) continue;
        seen.add(stream);
        const own = asDict(pdf, stream.dict.get(PDFName.of("Resources")));
        sites.push(streamSite(pdf, kind, page, value, own ?? resources));
        visitResources(own, page);
      }
    }
  };
  pdf.getPages().forEach((page, index) => {
    const resources = page.node.Resources();
    sites.push(pageSite(pdf, page.node, index, resources));
    visitResources(resources, index);
    for (const annotation of asArray(pdf, page.node.get(PDFName.of("Annots")))?.asArray() ?? []) {
      const appearances = asDict(pdf, asDict(pdf, annotation)?.get(PDFName.of("AP")));
      for (const [, state] of appearances?.entries() ?? []) {
        // An appearance is a stream, or a dictionary of streams by appearance state.
        const streams = asStream(pdf, state) ? [state] : [...(asDict(pdf, state)?.entries() ?? [])].map(([, s]) => s);
        for (const value of streams) {
          const stream = asStream(pdf, value);
          if (!stream || seen.has(stream) || !(value instanceof PDFRef)) continue;
          seen.add(stream);
          const own = asDict(pdf, stream.dict.get(PDFName.of("Resources")));
          sites.push(streamSite(pdf, "appearance", index, value, own));
          visitResources(own, index);
        }
      }
    }
  });
  return sites;
}

/** The decoded bytes of a stream, whatever wrote it (a parsed file, or pdf-lib itself). */
export function decodeStream(stream: PDFStream): Uint8Array {
  if (stream instanceof PDFRawStream) return decodedBytes(stream);
  const unencoded = (stream as PDFStream & { getUnencodedContents?: () => Uint8Array }).getUnencodedContents;
  if (unencoded) return unencoded.call(stream);
  return stream.getContents();
}

/** A page's content: its streams, decoded and joined. */
export function pageContent(pdf: PDFDocument, node: PDFDict): Uint8Array {
  const contents = node.get(PDFName.of("Contents"));
  const refs = asArray(pdf, contents)?.asArray() ?? (contents ? [contents] : []);
  const parts = refs.flatMap((ref) => {
    const stream = asStream(pdf, ref);
    return stream ? [decodeStream(stream)] : [];
  });
  // Streams of one page are one content stream, split at token boundaries: a new line keeps them apart.
  return join(parts, 0x0a);
}

function pageSite(pdf: PDFDocument, node: PDFDict, page: number, resources: PDFDict | undefined): ContentSite {
  return {
    kind: "page",
    page,
    resources,
    read: () => pageContent(pdf, node),
    write(bytes) {
      node.set(PDFName.of("Contents"), pdf.context.register(compressedStream(pdf.context, bytes)));
    },
  };
}

function streamSite(
  pdf: PDFDocument,
  kind: ContentSite["kind"],
  page: number,
  value: PDFObject,
  resources: PDFDict | undefined,
): ContentSite {
  return {
    kind,
    page,
    resources,
    read: () => {
      const stream = asStream(pdf, value);
      return stream ? decodeStream(stream) : new Uint8Array();
    },
    write(bytes) {
      const stream = asStream(pdf, value);
      if (!stream || !(value instanceof PDFRef)) return;
      const dict = new Map(stream.dict.entries());
      for (const key of ["Length", "Filter", "DecodeParms"]) dict.delete(PDFName.of(key));
      const replacement = compressedStream(pdf.context, bytes);
      for (const [key, entry] of dict) replacement.dict.set(key, entry);
      pdf.context.assign(value, replacement);
    },
  };
}

function join(parts: Uint8Array[], separator: number): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
    out[offset++] = separator;
  }
  return out;
}

/**
 * A Flate-compressed stream of `bytes`, compressed by Node's zlib (pdf-lib's own deflate,
 * in JavaScript, takes over a second for a 1 MB colour profile).
 */
export function compressedStream(context: PDFContext, bytes: Uint8Array, entries: Record<string, string | number> = {}): PDFRawStream {
  const compressed = deflateSync(bytes);
  const dict = context.obj({ Filter: "FlateDecode", Length: compressed.length });
  for (const [key, value] of Object.entries(entries)) {
    dict.set(PDFName.of(key), typeof value === "number" ? PDFNumber.of(value) : PDFName.of(value));
  }
  return PDFRawStream.of(dict, new Uint8Array(compressed));
}
