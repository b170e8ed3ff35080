import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { parseContent } from "../../../src/output/press/content-stream.ts";
import { drawSheet, markSpan } from "../../../src/output/press/marks.ts";
import { pageContent } from "../../../src/output/press/streams.ts";

const mm = (value: number) => (value * 72) / 25.4;

/** A page with the build's boxes: a 185 × 260 mm trim with 3 mm of bleed around it. */
async function bledPage(): Promise<PDFDocument> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const bleed = mm(3);
  const page = pdf.addPage([mm(185) + 2 * bleed, mm(260) + 2 * bleed]);
  page.setBleedBox(0, 0, page.getWidth(), page.getHeight());
  page.setTrimBox(bleed, bleed, mm(185), mm(260));
  return pdf;
}

/** The stroked lines of the page's content: [x1, y1, x2, y2]. */
function lines(pdf: PDFDocument): number[][] {
  const ops = parseContent(pageContent(pdf, pdf.getPage(0).node));
  const found: number[][] = [];
  ops.forEach((op, i) => {
    const next = ops[i + 1];
    if (op.operator !== "m" || next?.operator !== "l" || ops[i + 2]?.operator !== "S") return;
    found.push([...op.operands, ...next.operands].map((o) => (o.kind === "number" ? o.value : Number.NaN)));
  });
  return found;
}

describe("the sheet: slug, bleed and printer's marks", () => {
  it("stands marks outside the bleed when there is a slug, and in it (as short as it is) when not", () => {
    const inMm = (span: { start: number; end: number }) => [span.start, span.end].map((n) => Math.round((n / mm(1)) * 100) / 100);
    expect(inMm(markSpan({ bleed: mm(3), slug: mm(10) }))).toEqual([3, 9]);
    expect(inMm(markSpan({ bleed: mm(3), slug: 0 }))).toEqual([1.5, 3]);
  });

  it("makes the sheet the trim plus the slug, leaves bleed and trim, and draws crop marks in the All separation", async () => {
    const pdf = await bledPage();
    drawSheet(pdf, { bleed: mm(3), slug: mm(10), marks: ["crop"] });
    const page = pdf.getPage(0);
    const trim = page.getTrimBox();
    expect(page.getMediaBox().width).toBeCloseTo(mm(205), 3);
    expect(page.getMediaBox().x).toBeCloseTo(trim.x - mm(10), 3);
    expect(page.getCropBox()).toEqual(page.getMediaBox());
    expect(page.getBleedBox().width).toBeCloseTo(mm(191), 3);
    const strokes = lines(pdf);
    expect(strokes).toHaveLength(8);
    // The bottom-left corner's horizontal mark: on the trim's bottom edge, from 3 to 9 mm left of it.
    const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = strokes[0] ?? [];
    expect([x1, y1, x2, y2].map((n) => Math.round(n * 100) / 100)).toEqual(
      [trim.x - mm(3), trim.y, trim.x - mm(9), trim.y].map((n) => Math.round(n * 100) / 100),
    );
    // No mark enters the bleed.
    const bleed = page.getBleedBox();
    for (const [ax = 0, ay = 0, bx = 0, by = 0] of strokes) {
      for (const [x, y] of [
        [ax, ay],
        [bx, by],
      ] as const) {
        const insideBleed =
          x > bleed.x + 0.01 && x < bleed.x + bleed.width - 0.01 && y > bleed.y + 0.01 && y < bleed.y + bleed.height - 0.01;
        expect(insideBleed).toBe(false);
      }
    }
    const content = Buffer.from(pageContent(pdf, page.node)).toString("latin1");
    expect(content).toContain("/Artifact <</Type /Page>> BDC\n/PaibanAll CS 1 SCN 0.25 w");
    expect(content.startsWith("q\n")).toBe(true);
  });

  it("adds registration targets at the middle of each side", async () => {
    const pdf = await bledPage();
    drawSheet(pdf, { bleed: mm(3), slug: mm(10), marks: ["crop", "cross"] });
    expect(lines(pdf)).toHaveLength(8 + 4 * 2);
  });
});
