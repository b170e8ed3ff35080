import { describe, expect, it } from "vitest";
import { copyMessage } from "../../../src/preflight/pdfjs/message-copy.ts";
import { readPdfText } from "../../../src/preflight/pdf.ts";
import { PDFDocument, StandardFonts } from "pdf-lib";

// A message as pdf.js's worker half sends a page's text: plain objects and arrays, with
// typed arrays, maps and undefined among them.
const message = () => ({
  sourceName: "worker",
  data: {
    items: [{ str: "第一行", dir: "ltr", transform: [10.5, 0, 0, 10.5, 56.7, 700.2], width: 31.5, hasEOL: false, fontName: "g_d0_f1" }],
    styles: { g_d0_f1: { fontFamily: "serif", ascent: 0.88, descent: -0.12, vertical: false } },
    lang: null,
    missing: undefined,
    bytes: new Uint8Array([1, 2, 3]),
    fonts: new Map([["f1", { name: "NotoSerifSC" }]]),
    // A hole (pdf.js sends none; structuredClone keeps one).
    sparse: Object.assign(new Array<number>(3), { 0: 1, 2: 3 }),
  },
});

describe("the copy of pdf.js's messages", () => {
  it("is what structuredClone gives, sharing nothing with the message", () => {
    const original = message();
    const copied = copyMessage(original) as ReturnType<typeof message>;
    expect(copied).toStrictEqual(structuredClone(original));
    expect(copied.data.items).not.toBe(original.data.items);
    expect(copied.data.items[0]?.transform).not.toBe(original.data.items[0]?.transform);
    expect(copied.data.bytes).not.toBe(original.data.bytes);
    // The worker half reuses what it sent: the copy keeps what was sent.
    original.data.items.length = 0;
    expect(copied.data.items).toHaveLength(1);
  });

  it("copies a key named __proto__ as a property, as structuredClone does", () => {
    const info = JSON.parse('{"Title": "t", "__proto__": {"polluted": true}}') as Record<string, unknown>;
    const copied = copyMessage(info) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copied)).toBe(Object.prototype);
    expect(copied).toStrictEqual(structuredClone(info));
  });

  it("leaves a cycle to structuredClone", () => {
    const cyclic: { self?: unknown; text: string } = { text: "x" };
    cyclic.self = cyclic;
    const copied = copyMessage(cyclic) as typeof cyclic;
    expect(copied).not.toBe(cyclic);
    expect(copied.self).toBe(copied);
  });

  it("reads a PDF's text back through the copying port, every page in turn", async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    for (const words of ["first page", "second page", "third page"])
      pdf.addPage([200, 200]).drawText(words, { x: 20, y: 100, size: 12, font });
    const text = await readPdfText(await pdf.save());
    expect(text.pages.map((page) => page.items.map((item) => item.text).join(""))).toEqual(["first page", "second page", "third page"]);
  });
});
