import { constants, deflateSync, inflateSync } from "node:zlib";
import { PDFDocument, PDFName, PDFRawStream, type PDFRef } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { endFlateStreams } from "../../../src/output/press/flate.ts";

const CONTENT = new TextEncoder().encode("q 0 g BT /F1 9 Tf 10 10 Td (text) Tj ET Q\n".repeat(200));

/** A document holding one Flate stream of CONTENT, compressed as `compress` does it. */
async function withStream(compress: (data: Uint8Array) => Uint8Array): Promise<{ pdf: PDFDocument; ref: PDFRef }> {
  const pdf = await PDFDocument.create();
  const dict = pdf.context.obj({ Filter: "FlateDecode" });
  const ref = pdf.context.register(PDFRawStream.of(dict, compress(CONTENT)));
  // Saved and read again, as Ghostscript's output is read.
  return { pdf: await PDFDocument.load(await pdf.save({ useObjectStreams: false })), ref };
}

const contentsOf = (pdf: PDFDocument, ref: PDFRef) => (pdf.context.lookup(ref) as PDFRawStream).contents;

describe("Flate streams that stop short of their end", () => {
  it("are compressed again, whole: a strict reader reads the same data", async () => {
    // A deflate stream flushed but never finished: all the data, no last block.
    const { pdf, ref } = await withStream((data) => deflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH }));
    expect(() => inflateSync(contentsOf(pdf, ref))).toThrow();
    expect(endFlateStreams(pdf)).toBe(1);
    expect(inflateSync(contentsOf(pdf, ref))).toEqual(Buffer.from(CONTENT));
    const saved = await PDFDocument.load(await pdf.save({ useObjectStreams: false }));
    const stream = saved.context.lookup(ref) as PDFRawStream;
    expect(stream.dict.get(PDFName.of("Length"))?.toString()).toBe(String(stream.contents.length));
  });

  it("leave a sound stream as it is", async () => {
    const { pdf, ref } = await withStream((data) => deflateSync(data));
    const before = contentsOf(pdf, ref);
    expect(endFlateStreams(pdf)).toBe(0);
    expect(contentsOf(pdf, ref)).toBe(before);
  });
});
