import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import type { CheckInput } from "../../../src/preflight/check.ts";
import { readPdfText } from "../../../src/preflight/pdf.ts";
import { checkApart, dropReadings, readAndKeep, readPdfTextApart, warmUpReader } from "../../../src/preflight/reading/thread.ts";
import { readWarmUpPages, warmUpPdf } from "../../../src/preflight/reading/warm-up.ts";
import { ROOT } from "../../support/build.ts";

const run = promisify(execFile);

async function pdfOf(pages: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const words of pages) pdf.addPage([200, 200]).drawText(words, { x: 20, y: 100, size: 12, font });
  return pdf.save();
}

describe("the preflight's reading thread", () => {
  it("reads a PDF as it is read on the build's own thread", async () => {
    const pdf = await pdfOf(["first page", "second page"]);
    const apart = await readPdfTextApart(pdf, { fonts: true });
    expect(apart.pages.map((page) => page.items.map((item) => item.text).join(""))).toEqual(["first page", "second page"]);
    expect(apart).toEqual(await readPdfText(pdf, { fonts: true }));
  });

  it("reads the PDFs one after the other, in the order they came", async () => {
    const long = await pdfOf(Array.from({ length: 60 }, (_, n) => `page ${n + 1}`));
    const short = await pdfOf(["one page"]);
    const done: string[] = [];
    await Promise.all([readPdfTextApart(long).then(() => done.push("long")), readPdfTextApart(short).then(() => done.push("short"))]);
    expect(done).toEqual(["long", "short"]);
  });

  it("reports a PDF it cannot read, and reads the next", async () => {
    await expect(readPdfTextApart(new TextEncoder().encode("not a PDF"))).rejects.toThrow();
    expect((await readPdfTextApart(await pdfOf(["after"]))).pages).toHaveLength(1);
  });

  it("keeps a reading to check it there, as one document with the parts after it, and gives back only the findings", async () => {
    const first = readAndKeep(await pdfOf(["first page"]), { fonts: true });
    const second = readAndKeep(await pdfOf(["second page"]), { fonts: true });
    const page = { number: 1, folio: "1", area: { left: 0, top: 0, right: 200, bottom: 200 }, notes: [] };
    const layout = { pages: [page, { ...page, number: 2, folio: "2" }] } as unknown as CheckInput["layout"];
    // Helvetica is no font of ours: one finding a page, on the right page.
    const findings = await checkApart([first, second], { layout, expected: [], fonts: [/^NotoSerif/] });
    expect(findings.filter((f) => f.rule === "missing-glyph").map((f) => f.page)).toEqual([1, 2]);
    // Checked, they are let go: a second check of them fails.
    await expect(checkApart([first], { layout, expected: [], fonts: [] })).rejects.toThrow(/not kept/);
  });

  it("reports a kept PDF it could not read when it is checked, and lets dropped readings go", async () => {
    const bad = readAndKeep(new TextEncoder().encode("not a PDF"));
    await expect(
      checkApart([bad], { layout: { pages: [] } as unknown as CheckInput["layout"], expected: [], fonts: [] }),
    ).rejects.toThrow();
    const dropped = readAndKeep(await pdfOf(["dropped"]));
    dropReadings([dropped]);
    await expect(
      checkApart([dropped], { layout: { pages: [] } as unknown as CheckInput["layout"], expected: [], fonts: [] }),
    ).rejects.toThrow(/not kept/);
  });

  it("warms up on pages in Chromium's shape, read by the text layer of its own as pdf.js reads them", async () => {
    const pdf = await warmUpPdf(2);
    const own = await readPdfText(pdf, { fonts: true, ours: [/^WarmUpSerif$/] });
    const pdfjs = await readPdfText(pdf, { pdfjsOnly: true });
    const withoutFonts = (text: typeof own) => text.pages.map((page) => page.items.map(({ font, ...item }) => item));
    expect(withoutFonts(own)).toEqual(withoutFonts(pdfjs));
    // Read by the text layer (its keys name the font's object), not handed to pdf.js: that is the code to warm.
    const items = own.pages.flatMap((page) => page.items);
    expect(items.length).toBeGreaterThan(100);
    expect(items.every((item) => /^R\d+$/.test(item.font))).toBe(true);
    expect(items.map((item) => item.text).join("")).toMatch(/[\u4e00-\u9fff]/);
    expect(await readWarmUpPages()).toBeGreaterThan(items.length);
  });

  it("warms up on the thread until a PDF comes, and then reads it", async () => {
    const warming = warmUpReader();
    const read = readPdfTextApart(await pdfOf(["after the warm-up"]));
    expect((await read).pages[0]?.items.map((item) => item.text).join("")).toBe("after the warm-up");
    // Some rounds, or none if the PDF came first: never an error.
    expect(await warming).toBeGreaterThanOrEqual(0);
    expect(await warmUpReader()).toBeGreaterThan(0);
  });

  it("does not keep a process alive once it has nothing to read, started (warming up) or done reading", async () => {
    const thread = JSON.stringify(path.join(ROOT, "src", "preflight", "reading", "thread.ts"));
    const started = `import { startReader } from ${thread};\nstartReader({ warmUp: true });`;
    const read = [
      'import { PDFDocument } from "pdf-lib";',
      `import { readPdfTextApart } from ${thread};`,
      "const pdf = await PDFDocument.create();",
      "pdf.addPage();",
      "console.log((await readPdfTextApart(await pdf.save())).pages.length);",
    ].join("\n");
    // Killed, and failed, if the thread held the process open.
    const node = (script: string) =>
      run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, timeout: 20_000 });
    await node(started);
    expect((await node(read)).stdout).toBe("1\n");
  }, 60_000);
});
