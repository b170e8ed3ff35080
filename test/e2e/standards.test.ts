import { execFile } from "node:child_process";
import { mkdtemp, readFile, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { PDFDocument, type PDFHexString, PDFName, PDFNumber } from "pdf-lib";
import type { Browser } from "puppeteer";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.ts";
import { loadTemplates } from "../../src/compose/index.ts";
import { setDocumentInfo } from "../../src/output/document-info.ts";
import { asArray, asDict, asStream } from "../../src/output/pdf-objects.ts";
import { readXmp } from "../../src/output/press/metadata.ts";
import { makePdfA2 } from "../../src/output/press/pdfa2.ts";
import { loadProfiles } from "../../src/output/press/index.ts";
import { roleOf, StructureTree } from "../../src/output/press/structure.ts";
import { auditTagging } from "../../src/output/press/tagging-audit.ts";
import { readXmpProperties, xmpText } from "../../src/output/press/xmp-fields.ts";
import { setXmp } from "../../src/output/xmp.ts";
import { normalise } from "../../src/preflight/text.ts";
import { launchBrowser } from "../../src/render/browser.ts";
import { mm, SAMPLE } from "../support/build.ts";
import { ARTICLE, copySample, edit, JOURNAL, removeCopies } from "../support/content.ts";
import { spyOnOutput } from "../support/output.ts";
import { listFonts, readPdfBytes } from "../support/pdf.ts";
import { inkWithin, separate } from "../support/plates.ts";
import { renderFixture } from "../support/render.ts";

const run = promisify(execFile);
const EPOCH = "1617580800";
const ISSUE = "2021-03.pdf";
const OFFPRINT = path.join("2021-03", "xu-tao-sco-security.pdf");
const FIGURES = path.join("2021-03", "lin-xiao-census-regions.pdf");
const archiveOf = (file: string) => file.replace(/\.pdf$/, ".pdfa.pdf");

let rgb: string;
let press: string;
const savedEpoch = process.env.SOURCE_DATE_EPOCH;

/** `paiban build` into a fresh folder, sharing a layout cache between the builds of this file (each lays out the same pages). */
async function buildWith(cacheDir: string, target: string, ...args: string[]): Promise<string> {
  const out = await mkdtemp(path.join(os.tmpdir(), "paiban-standards-"));
  const code = await main(["build", target, "--out", out, "--cache-dir", cacheDir, "--edition", "issue", "--bleed", "3mm", ...args]);
  if (code !== 0) throw new Error(`paiban build ${args.join(" ")} exited with ${code}`);
  return out;
}

const load = async (file: string) => PDFDocument.load(new Uint8Array(await readFile(file)), { updateMetadata: false });
const bytesOf = async (file: string) => new Uint8Array(await readFile(file));

beforeAll(async () => {
  process.env.SOURCE_DATE_EPOCH = EPOCH;
  const cache = await mkdtemp(path.join(os.tmpdir(), "paiban-standards-cache-"));
  rgb = await buildWith(cache, SAMPLE);
  press = await buildWith(cache, SAMPLE, "--press", "pdfx4", "--archive", "pdfa2", "--slug", "10mm", "--marks", "crop");
}, 900_000);

afterAll(async () => {
  if (savedEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = savedEpoch;
  await removeCopies();
});

/** What qpdf says of a file's structure (cross-reference, streams, objects): it exits non-zero on an error. */
async function qpdfCheck(file: string): Promise<string> {
  const { stdout } = await run("qpdf", ["--check", file]);
  return stdout;
}

/** Each page's text as a reader copies it, within the page's bleed (a slug's job line left out). */
async function pageTexts(file: string): Promise<string[]> {
  const bytes = await bytesOf(file);
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const text = await readPdfBytes(bytes);
  return text.pages.map((page, i) => {
    const p = pdf.getPage(i);
    const bleed = p.getBleedBox();
    const crop = p.getCropBox();
    const left = bleed.x - crop.x;
    const top = crop.y + crop.height - (bleed.y + bleed.height);
    const inside = page.items.filter(
      (it) => it.x >= left - 1 && it.x <= left + bleed.width + 1 && it.top >= top - 1 && it.top <= top + bleed.height + 1,
    );
    return normalise(inside.map((it) => it.text).join(""));
  });
}

/** Bookmarks (depth first) and page labels, as a viewer shows them. */
async function navigation(file: string): Promise<{ outline: string[]; labels: string[] }> {
  const doc = await getDocument({ data: await bytesOf(file), disableFontFace: true }).promise;
  const titles: string[] = [];
  const walk = (items: { title: string; items: unknown[] }[]) => {
    for (const item of items) {
      titles.push(item.title);
      walk(item.items as { title: string; items: unknown[] }[]);
    }
  };
  walk(((await doc.getOutline()) ?? []) as { title: string; items: unknown[] }[]);
  return { outline: titles, labels: (await doc.getPageLabels()) ?? [] };
}

function xmpOf(pdf: PDFDocument) {
  return readXmpProperties(readXmp(pdf) ?? "");
}

function outputIntents(pdf: PDFDocument): { subtype: string; components: number }[] {
  return (asArray(pdf, pdf.catalog.get(PDFName.of("OutputIntents")))?.asArray() ?? []).map((ref) => {
    const intent = asDict(pdf, ref);
    const n = asStream(pdf, intent?.get(PDFName.of("DestOutputProfile")))?.dict.get(PDFName.of("N"));
    return { subtype: intent?.get(PDFName.of("S"))?.toString() ?? "", components: n instanceof PDFNumber ? n.asNumber() : 0 };
  });
}

function linkCount(pdf: PDFDocument): number {
  return pdf
    .getPages()
    .flatMap((page) => asArray(pdf, page.node.get(PDFName.of("Annots")))?.asArray() ?? [])
    .filter((a) => asDict(pdf, a)?.get(PDFName.of("Subtype")) === PDFName.of("Link")).length;
}

const elementCount = (pdf: PDFDocument) => new StructureTree(pdf).elements().filter(({ element }) => roleOf(element) !== "Link").length;

describe("PDF/X-4 (--press pdfx4 --bleed 3mm --slug 10mm --marks crop)", () => {
  it("passes qpdf's check, for the issue and the offprints", async () => {
    for (const file of [ISSUE, OFFPRINT, FIGURES])
      expect(await qpdfCheck(path.join(press, file))).toContain("No syntax or stream encoding errors");
  });

  it("says it is PDF/X-4: header, output intent with a CMYK profile, pdfxid and xmpMM in the XMP, Trapped", async () => {
    const file = path.join(press, ISSUE);
    expect(new TextDecoder().decode((await bytesOf(file)).subarray(0, 8))).toBe("%PDF-1.6");
    const pdf = await load(file);
    expect(outputIntents(pdf)).toEqual([{ subtype: "/GTS_PDFX", components: 4 }]);
    const xmp = xmpOf(pdf);
    expect(xmpText(xmp.values.get("pdfxid:GTS_PDFXVersion"))).toBe("PDF/X-4");
    expect(xmpText(xmp.values.get("xmpMM:DocumentID"))).toMatch(/^uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-/);
    expect(xmpText(xmp.values.get("xmpMM:RenditionClass"))).toBe("default");
    expect(xmpText(xmp.values.get("pdf:Trapped"))).toBe("False");
    const info = asDict(pdf, pdf.context.trailerInfo.Info);
    expect(info?.get(PDFName.of("Trapped"))).toBe(PDFName.of("False"));
    expect(linkCount(pdf)).toBe(0);
  });

  it("prints the text on the black plate alone: the cyan, magenta and yellow plates carry nothing inside the bleed", async () => {
    const file = path.join(press, ISSUE);
    const pdf = await load(file);
    // Page 3: the first article's first page.
    const page = pdf.getPage(2);
    const media = page.getMediaBox();
    const bleed = page.getBleedBox();
    // The bleed, a point inside its edge: the crop marks start on the edge itself.
    const inset = 1;
    const box = {
      left: bleed.x - media.x + inset,
      top: media.y + media.height - (bleed.y + bleed.height) + inset,
      right: bleed.x - media.x + bleed.width - inset,
      bottom: media.y + media.height - bleed.y - inset,
    };
    const plates = await separate(file, 3);
    expect(inkWithin(plates.get("Black") ?? { width: 0, height: 0, ink: new Uint8Array() }, box)).toBeGreaterThan(0.05);
    for (const colorant of ["Cyan", "Magenta", "Yellow"]) {
      const plate = plates.get(colorant);
      expect(plate, colorant).toBeDefined();
      expect(inkWithin(plate ?? { width: 0, height: 0, ink: new Uint8Array() }, box), colorant).toBe(0);
    }
  });

  it("keeps the RGB build's text on every page, its bookmarks, page labels and tags", async () => {
    for (const file of [ISSUE, OFFPRINT]) {
      expect(await pageTexts(path.join(press, file))).toEqual(await pageTexts(path.join(rgb, file)));
      expect(await navigation(path.join(press, file))).toEqual(await navigation(path.join(rgb, file)));
      expect(elementCount(await load(path.join(press, file)))).toBe(elementCount(await load(path.join(rgb, file))));
    }
  });

  it("makes the sheet the trim plus the slug, and names each page in a job line under the bleed", async () => {
    const pdf = await load(path.join(press, OFFPRINT));
    for (const page of pdf.getPages()) {
      const [media, bleed, trim] = [page.getMediaBox(), page.getBleedBox(), page.getTrimBox()];
      expect(trim.width).toBeCloseTo(mm(185), 2);
      expect(bleed.width).toBeCloseTo(mm(191), 2);
      expect(media.width).toBeCloseTo(mm(205), 2);
      expect(trim.x - media.x).toBeCloseTo(mm(10), 2);
      expect(trim.y - bleed.y).toBeCloseTo(mm(3), 2);
    }
    const text = await readPdfBytes(await bytesOf(path.join(press, OFFPRINT)));
    const page = text.pages[2];
    const slugTop = mm(10 + 260 + 3);
    const slugLine = (page?.items ?? [])
      .filter((it) => it.top > slugTop)
      .map((it) => it.text)
      .join("");
    expect(slugLine.replace(/\s+/g, "")).toContain("中国新安全观与上合组织二十年安全实践1006-6241(2021)03-0001-1333/132021-04-05");
  });
});

describe("the archive copy (--archive pdfa2)", () => {
  it("passes qpdf's check", async () => {
    for (const file of [ISSUE, OFFPRINT, FIGURES])
      expect(await qpdfCheck(path.join(press, archiveOf(file)))).toContain("No syntax or stream encoding errors");
  });

  it("is PDF/A-2a and PDF/UA-1: sRGB output intent, pdfaid and pdfuaid with the extension schemas, info equal to the XMP", async () => {
    for (const file of [OFFPRINT, FIGURES, ISSUE]) {
      const pdf = await load(path.join(press, archiveOf(file)));
      expect(outputIntents(pdf)).toEqual([{ subtype: "/GTS_PDFA1", components: 3 }]);
      const xmp = xmpOf(pdf);
      expect([
        xmpText(xmp.values.get("pdfaid:part")),
        xmpText(xmp.values.get("pdfaid:conformance")),
        xmpText(xmp.values.get("pdfuaid:part")),
      ]).toEqual(["2", "A", "1"]);
      const schemas = xmp.values.get("pdfaExtension:schemas");
      const declared = (typeof schemas === "object" ? schemas.items : []).map((s) => xmpText(s.resource?.values.get("pdfaSchema:prefix")));
      expect(declared).toEqual(["prism", "pdfuaid"]);
      const info = asDict(pdf, pdf.context.trailerInfo.Info);
      const infoText = (key: string) => (info?.get(PDFName.of(key)) as PDFHexString | undefined)?.decodeText();
      expect(infoText("Title")).toBe(xmpText(xmp.values.get("dc:title")));
      expect(infoText("Author")).toBe(xmpText(xmp.values.get("dc:creator")));
    }
  });

  it("is cut to the trim and keeps the RGB build's text on every page", async () => {
    const pdf = await load(path.join(press, archiveOf(OFFPRINT)));
    for (const page of pdf.getPages()) expect(page.getMediaBox()).toEqual(page.getTrimBox());
    expect(await pageTexts(path.join(press, archiveOf(OFFPRINT)))).toEqual(await pageTexts(path.join(rgb, OFFPRINT)));
  });

  it("marks running heads and folios as artifacts, and reads a note's number in its label and its call", async () => {
    const bytes = await bytesOf(path.join(press, archiveOf(OFFPRINT)));
    const doc = await getDocument({ data: bytes, disableFontFace: true }).promise;
    const page = await doc.getPage(2);
    const content = await page.getTextContent({ includeMarkedContent: true });
    // Text by the marked content it is drawn in: an MCID (p…R_mc…) or an artifact.
    const byId = new Map<string, string>();
    const artifacts: string[] = [];
    const open: (string | null)[] = [];
    for (const item of content.items) {
      if ("type" in item) {
        if (item.type === "beginMarkedContentProps" || item.type === "beginMarkedContent")
          open.push((item as { tag?: string }).tag === "Artifact" ? "artifact" : (item.id ?? null));
        else if (item.type === "endMarkedContent") open.pop();
        continue;
      }
      const id = [...open].reverse().find((o) => o !== null);
      if (id === "artifact") artifacts.push(item.str);
      else if (id) byId.set(id, (byId.get(id) ?? "") + item.str);
      else expect.unreachable(`untagged text '${item.str}'`);
    }
    // Page 2 is a left-hand page: folio 2, then the journal's line.
    expect(artifacts.join("").replace(/\s+/g, "")).toBe("2ISSN1006-62412021年第3期");
    type Node = { role?: string; type?: string; id?: string; children?: Node[] };
    const textOf = (node: Node): string =>
      node.type === "content" ? (byId.get(node.id ?? "") ?? "") : (node.children ?? []).map(textOf).join("");
    const rolesWithText: [string, string][] = [];
    const walk = (node: Node) => {
      if (node.role === "Lbl" || node.role === "Link") rolesWithText.push([node.role, textOf(node)]);
      for (const child of node.children ?? []) walk(child);
    };
    walk((await page.getStructTree()) as Node);
    expect(rolesWithText.filter(([role]) => role === "Lbl").map(([, text]) => text)).toEqual(["[1]", "[2]", "[3]"]);
    expect(rolesWithText.filter(([role, text]) => role === "Link" && /^\[\d\]$/.test(text)).map(([, text]) => text)).toEqual([
      "[1]",
      "[2]",
      "[3]",
    ]);
  });

  it("leaves nothing untagged, gives every link a place in the tree and a description, and every figure its alt text", async () => {
    for (const file of [ISSUE, FIGURES]) {
      const pdf = await load(path.join(press, archiveOf(file)));
      expect(auditTagging(pdf)).toMatchObject({
        untagged: [],
        figuresWithoutAlternative: 0,
        linksOutOfTree: 0,
        linksUndescribed: 0,
        languages: ["zh-Hans", "en"],
      });
    }
    const pdf = await load(path.join(press, archiveOf(FIGURES)));
    const alts = new StructureTree(pdf)
      .elements()
      .filter(({ element }) => roleOf(element) === "Figure")
      .map(({ element }) => (element.get(PDFName.of("Alt")) as PDFHexString | undefined)?.decodeText());
    expect(alts.some((alt) => alt?.includes("四大地区常住人口占比"))).toBe(true);
  });
});

describe("an image's alt text in the archive copy", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("becomes the /Alt of its Figure element; the figure element around it becomes a Div", async () => {
    // A 2 × 1 PNG, red and blue.
    const png = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDAAAAeAQHqXU4jAAAAAElFTkSuQmCC";
    const rendered = await renderFixture(browser, {
      markdown: "正文。\n\nFIGURE",
      edit: (html) =>
        html.replace(
          "<p>FIGURE</p>",
          `<figure><img alt="一幅示意图：红与蓝" src="data:image/png;base64,${png}" style="width: 40mm"><figcaption>图1　示意</figcaption></figure>`,
        ),
    });
    const pdf = await PDFDocument.load(rendered.pdf, { updateMetadata: false });
    const templates = await loadTemplates();
    setXmp(
      pdf,
      templates.xmp({
        title: { zh: "图", en: "Figure" },
        creators: ["作者"],
        description: { zh: "图", en: "Figure" },
        subjects: [],
        keywords: "",
        articleNumber: "",
        issn: "1006-6241",
        year: 2021,
        number: 3,
        startPage: 1,
        endPage: 1,
        date: "2021-04-05T00:00:00Z",
      }),
    );
    setDocumentInfo(pdf, {
      title: "图",
      author: "作者",
      subject: "图",
      keywords: [],
      lang: "zh-Hans",
      date: new Date("2021-04-05T00:00:00Z"),
    });
    const result = makePdfA2(pdf, {
      rgb: (await loadProfiles(undefined)).rgb,
      identification: templates.xmpIdentification,
      documentId: "d",
      instanceId: "i",
      areas: rendered.layout.pages.map((p) => p.area),
      prismProperties: [],
    });
    const elements = new StructureTree(pdf).elements().map(({ element }) => ({
      role: roleOf(element),
      alt: (element.get(PDFName.of("Alt")) as PDFHexString | undefined)?.decodeText(),
    }));
    expect(elements.filter((e) => e.role === "Figure")).toEqual([{ role: "Figure", alt: "一幅示意图：红与蓝" }]);
    expect(elements.some((e) => e.role === "Div")).toBe(true);
    expect(result.audit.figuresWithoutAlternative).toBe(0);
  }, 120_000);
});

describe("PDF/X-1a (press: pdfx1a in journal.yaml)", () => {
  let out: string;
  beforeAll(async () => {
    const dir = await copySample();
    await edit(dir, JOURNAL, "issn:", "press: pdfx1a\nissn:");
    const cache = await mkdtemp(path.join(os.tmpdir(), "paiban-standards-cache-"));
    out = await buildWith(cache, path.join(dir, ARTICLE));
  }, 600_000);

  it("is CMYK PDF/X-1a:2003 that qpdf finds sound, with fonts embedded and none a Type 3", async () => {
    const file = path.join(out, OFFPRINT);
    expect(await qpdfCheck(file)).toContain("No syntax or stream encoding errors");
    expect(new TextDecoder().decode((await bytesOf(file)).subarray(0, 8))).toBe("%PDF-1.4");
    const pdf = await load(file);
    expect(outputIntents(pdf)).toEqual([{ subtype: "/GTS_PDFX", components: 4 }]);
    const info = asDict(pdf, pdf.context.trailerInfo.Info);
    expect(info?.get(PDFName.of("GTS_PDFXConformance"))?.toString()).toBe("(PDF/X-1a:2003)");
    const fonts = await listFonts(await bytesOf(file));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => f.subtype === "/Type3" || !f.embedded)).toEqual([]);
  });

  it("extracts the same text as the RGB build, and keeps its bookmarks and page labels", async () => {
    expect(await pageTexts(path.join(out, OFFPRINT))).toEqual(await pageTexts(path.join(rgb, OFFPRINT)));
    expect(await navigation(path.join(out, OFFPRINT))).toEqual(await navigation(path.join(rgb, OFFPRINT)));
  });
});

describe("PDF/X-1a of a columns edition whose English has notes", () => {
  const COLUMNS = path.join("2021-03", "lin-xiao-census-regions.parallel-columns.pdf");
  let plain: string;
  let x1a: string;
  beforeAll(async () => {
    const cache = await mkdtemp(path.join(os.tmpdir(), "paiban-standards-cache-"));
    const article = path.join(SAMPLE, "2021-03", "lin-xiao-census-regions");
    const build = async (...args: string[]) => {
      const out = await mkdtemp(path.join(os.tmpdir(), "paiban-standards-"));
      const code = await main([
        "build",
        article,
        "--out",
        out,
        "--cache-dir",
        cache,
        "--edition",
        "parallel",
        "--layout",
        "columns",
        ...args,
      ]);
      if (code !== 0) throw new Error(`paiban build ${args.join(" ")} exited with ${code}`);
      return out;
    };
    plain = await build();
    x1a = await build("--press", "pdfx1a");
  }, 600_000);

  // The rule over the English notes was a gradient transparent outside the rule: PDF/X-1a has
  // no transparency, and Ghostscript made each such page one picture, its text lost.
  it("keeps every page's text as text, as the RGB build has it", async () => {
    const texts = await pageTexts(path.join(x1a, COLUMNS));
    expect(texts.some((text) => text.includes("[1]"))).toBe(true);
    expect(texts).toEqual(await pageTexts(path.join(plain, COLUMNS)));
  });
});

describe("a missing colour profile", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("stops the build before any layout, naming the option to give, and writes nothing", async () => {
    let stderr = "";
    spyOnOutput(
      () => undefined,
      (text) => {
        stderr += text;
      },
    );
    const out = await mkdtemp(path.join(os.tmpdir(), "paiban-standards-"));
    const code = await main(["build", SAMPLE, "--out", out, "--no-cache", "--press", "pdfx4", "--output-icc", "/nowhere/press.icc"]);
    expect(code).toBe(1);
    expect(stderr).toContain("no CMYK colour profile at /nowhere/press.icc: give --output-icc the printer's CMYK profile");
    await expect(stat(path.join(out, ISSUE))).rejects.toThrow();
  });
});
