import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildInto, mm, ROOT, SAMPLE } from "../support/build.ts";
import { type DrawnLine, drawnLines, pageBoxes } from "../support/pdf.ts";

const PDF = path.join("2021-03", "xu-tao-sco-security.pdf");
const ISSUE_PDF = "2021-03.pdf";
const EPOCH = "1618272000"; // 2021-04-13T00:00:00Z

let first: Uint8Array;
let second: Uint8Array;
let firstIssue: Uint8Array;
let secondIssue: Uint8Array;
const savedEpoch = process.env.SOURCE_DATE_EPOCH;

const PRESS = ["--edition", "issue", "--bleed", "3mm", "--marks", "crop cross"];

/** `paiban build` as a process of its own, as CI runs it. */
async function buildInProcessOfItsOwn(): Promise<string> {
  const out = await mkdtemp(path.join(os.tmpdir(), "paiban-press-"));
  const args = [path.join(ROOT, "bin", "paiban.js"), "build", SAMPLE, "--out", out, "--no-cache", "--strict", ...PRESS];
  await promisify(execFile)(process.execPath, args, { env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH }, cwd: ROOT });
  return out;
}

beforeAll(async () => {
  process.env.SOURCE_DATE_EPOCH = EPOCH;
  // One build in this process, one in another: the bytes must not depend on the process.
  const outs = [await buildInto(SAMPLE, ...PRESS), await buildInProcessOfItsOwn()];
  const read = async (out: string, file: string) => new Uint8Array(await readFile(path.join(out, file)));
  [first, second] = [await read(outs[0] as string, PDF), await read(outs[1] as string, PDF)];
  [firstIssue, secondIssue] = [await read(outs[0] as string, ISSUE_PDF), await read(outs[1] as string, ISSUE_PDF)];
}, 900_000);

afterAll(() => {
  if (savedEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = savedEpoch;
});

async function infoOf(bytes: Uint8Array): Promise<Record<string, unknown>> {
  const meta = await (await open(bytes)).getMetadata();
  return meta.info as Record<string, unknown>;
}

async function open(bytes: Uint8Array) {
  return getDocument({ data: bytes.slice(), disableFontFace: true }).promise;
}

describe('press-ready output (--bleed 3mm --marks "crop cross")', () => {
  it("is byte-identical when built twice, in two processes, with the same SOURCE_DATE_EPOCH", () => {
    expect(first.length).toBeGreaterThan(10_000);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it("gives a byte-identical issue PDF too (merged from parts laid out concurrently)", () => {
    expect(firstIssue.length).toBeGreaterThan(first.length);
    expect(Buffer.from(firstIssue).equals(Buffer.from(secondIssue))).toBe(true);
  });

  it("keeps the print boxes on every page of the issue, the blank ones included", async () => {
    const boxes = await pageBoxes(firstIssue);
    for (const box of boxes) {
      expect(box.trim.width).toBeCloseTo(mm(185), 1);
      expect(box.bleed.width).toBeCloseTo(mm(191), 1);
      expect(box.media).toEqual(box.bleed);
    }
  });

  it("has the trim as TrimBox and the bleed around it as MediaBox and BleedBox on every page", async () => {
    const bleed = mm(3);
    for (const box of await pageBoxes(first)) {
      expect(box.trim.width).toBeCloseTo(mm(185), 2);
      expect(box.trim.height).toBeCloseTo(mm(260), 2);
      expect(box.media.width).toBeCloseTo(mm(185) + 2 * bleed, 2);
      expect(box.media.height).toBeCloseTo(mm(260) + 2 * bleed, 2);
      expect(box.bleed).toEqual(box.media);
      expect(box.trim.x - box.media.x).toBeCloseTo(bleed, 2);
      expect(box.trim.y - box.media.y).toBeCloseTo(bleed, 2);
    }
  });

  it("draws crop marks in the bleed at each corner of the trim, on every page", async () => {
    const boxes = await pageBoxes(first);
    const pages = await drawnLines(first);
    expect(pages).toHaveLength(boxes.length);
    for (const [i, lines] of pages.entries()) {
      const trim = trimOf(boxes[i] as Boxes);
      for (const x of [trim.left, trim.right]) {
        for (const y of [trim.top, trim.bottom]) {
          const above = y === trim.top;
          const left = x === trim.left;
          // Along the trim's vertical edge, in the bleed beyond its horizontal one; and the other way round.
          const vertical = lines.filter(
            (l) => near(l.x1, x) && near(l.x2, x) && (above ? Math.max(l.y1, l.y2) < y : Math.min(l.y1, l.y2) > y),
          );
          const horizontal = lines.filter(
            (l) => near(l.y1, y) && near(l.y2, y) && (left ? Math.max(l.x1, l.x2) < x : Math.min(l.x1, l.x2) > x),
          );
          expect(vertical.length, `page ${i + 1}, corner ${x.toFixed(0)},${y.toFixed(0)}: vertical`).toBeGreaterThan(0);
          expect(horizontal.length, `page ${i + 1}, corner ${x.toFixed(0)},${y.toFixed(0)}: horizontal`).toBeGreaterThan(0);
        }
      }
    }
  });

  it("draws a registration cross in the bleed at the middle of each edge, on every page", async () => {
    const boxes = await pageBoxes(first);
    for (const [i, lines] of (await drawnLines(first)).entries()) {
      const trim = trimOf(boxes[i] as Boxes);
      const middle = { x: (trim.left + trim.right) / 2, y: (trim.top + trim.bottom) / 2 };
      const edges = [
        { name: "top", inBleed: (y: number) => y < trim.top, along: "x" },
        { name: "bottom", inBleed: (y: number) => y > trim.bottom, along: "x" },
        { name: "left", inBleed: (x: number) => x < trim.left, along: "y" },
        { name: "right", inBleed: (x: number) => x > trim.right, along: "y" },
      ] as const;
      for (const edge of edges) {
        // A vertical and a horizontal line crossing at the edge's middle, in the bleed.
        const crossings = lines.filter(isVertical).flatMap((v) =>
          lines.filter(isHorizontal).flatMap((h) => {
            const at = { x: v.x1, y: h.y1 };
            const crosses = between(at.x, h.x1, h.x2) && between(at.y, v.y1, v.y2);
            const placed = edge.along === "x" ? near(at.x, middle.x) && edge.inBleed(at.y) : near(at.y, middle.y) && edge.inBleed(at.x);
            return crosses && placed ? [at] : [];
          }),
        );
        expect(crossings.length, `page ${i + 1}, ${edge.name} edge`).toBeGreaterThan(0);
      }
    }
  });

  it("dates the PDF from SOURCE_DATE_EPOCH", async () => {
    const info = await infoOf(first);
    expect(info.CreationDate).toBe("D:20210413000000Z");
    expect(info.ModDate).toBe("D:20210413000000Z");
  });

  it("carries XMP with both titles, the creators, abstract, keywords, ISSN, issue and pages", () => {
    const text = Buffer.from(first).toString("utf8");
    const xmp = text.slice(text.indexOf("<x:xmpmeta"), text.indexOf("</x:xmpmeta>"));
    expect(xmp).toContain('<rdf:li xml:lang="zh-Hans">中国新安全观与上合组织二十年安全实践</rdf:li>');
    expect(xmp).toContain('<rdf:li xml:lang="en">China’s New Security Concept');
    expect(xmp).toMatch(/<dc:creator><rdf:Seq>\s*<rdf:li>许涛<\/rdf:li>\s*<rdf:li>Xu Tao<\/rdf:li>/);
    expect(xmp).toMatch(/<dc:description><rdf:Alt>\s*<rdf:li xml:lang="x-default">20世纪末/);
    expect(xmp).toMatch(/<dc:subject><rdf:Bag>\s*<rdf:li>新安全观<\/rdf:li>/);
    expect(xmp).toContain("<prism:issn>1006-6241</prism:issn>");
    expect(xmp).toContain("<prism:number>3</prism:number>");
    expect(xmp).toContain("<prism:startingPage>1</prism:startingPage>");
    expect(xmp).toMatch(/<prism:endingPage>(\d+)<\/prism:endingPage>/);
    expect(xmp).toContain("<xmp:CreateDate>2021-04-13T00:00:00Z</xmp:CreateDate>");
  });

  it("has bookmarks for both titles and every section, on clean single lines", async () => {
    const doc = await open(first);
    const outline = (await doc.getOutline()) ?? [];
    const titles = outline.map((item) => [item.title, ...item.items.map((i) => i.title)]);
    expect(titles).toEqual([
      [
        "中国新安全观与上合组织二十年安全实践",
        "一、新安全观的确立与上合组织",
        "二、新安全观在上合组织的实践和发展",
        "三、上合组织践行新安全观的现实意义",
        "结语",
      ],
      [
        "China’s New Security Concept and the SCO’s Security Practice in the Past 20 Years",
        "I. The Establishment of the New Security Concept and the SCO",
        "II. Practice and Development of the New Security Concept in the SCO",
        "III. The Practical Significance for the SCO to Practice the New Security Concept",
      ],
    ]);
  });

  it("labels pages with the printed folios, and the ending page agrees with the page count", async () => {
    const doc = await open(first);
    const labels = await doc.getPageLabels();
    expect(labels).toEqual(Array.from({ length: doc.numPages }, (_, i) => String(i + 1)));
    expect(Buffer.from(first).toString("utf8")).toContain(`<prism:endingPage>${doc.numPages}</prism:endingPage>`);
  });

  it("is a tagged PDF with its language", async () => {
    const doc = await open(first);
    expect((await infoOf(first)).Language).toBe("zh-Hans");
    const page = await doc.getPage(1);
    const tree = await page.getStructTree();
    expect(tree?.children.length ?? 0).toBeGreaterThan(0);
  });
});

type Boxes = Awaited<ReturnType<typeof pageBoxes>>[number];

/** The trim box in points from the sheet's top-left corner, as the drawn lines are measured. */
function trimOf({ media, trim }: Boxes) {
  const top = media.y + media.height;
  return { left: trim.x - media.x, right: trim.x - media.x + trim.width, top: top - (trim.y + trim.height), bottom: top - trim.y };
}

const near = (a: number, b: number) => Math.abs(a - b) <= 1;
const between = (v: number, a: number, b: number) => v >= Math.min(a, b) - 0.5 && v <= Math.max(a, b) + 0.5;
const isVertical = (l: DrawnLine) => near(l.x1, l.x2) && Math.abs(l.y1 - l.y2) > 1;
const isHorizontal = (l: DrawnLine) => near(l.y1, l.y2) && Math.abs(l.x1 - l.x2) > 1;
