/**
 * pdf-lib writes every file as PDF 1.7; PDF/X-4 is built on PDF 1.6 and PDF/X-1a:2003 on
 * PDF 1.4, and their files say so in the header. The version has the same length, so no
 * offset in the file moves.
 */
export function withHeaderVersion(bytes: Uint8Array, version: "1.4" | "1.6" | "1.7"): Uint8Array {
  const header = new TextDecoder("latin1").decode(bytes.subarray(0, 8));
  if (!/^%PDF-\d\.\d$/.test(header)) throw new Error(`not a PDF header: ${header}`);
  const out = bytes.slice();
  out.set(new TextEncoder().encode(version), 5);
  return out;
}
