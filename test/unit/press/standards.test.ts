import { readFile } from "node:fs/promises";
import path from "node:path";
import Handlebars from "handlebars";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { setDocumentInfo } from "../../../src/output/document-info.ts";
import { DEFAULT_PROFILES, type IccProfile, loadProfile } from "../../../src/output/press/icc.ts";
import { withHeaderVersion } from "../../../src/output/press/header.ts";
import { makePdfA2 } from "../../../src/output/press/pdfa2.ts";
import { makePdfX4 } from "../../../src/output/press/pdfx4.ts";
import type { XmpIdentificationView } from "../../../src/compose/press-view.ts";
import { setXmp } from "../../../src/output/xmp.ts";
import { checkStandard } from "../../../src/preflight/standards/index.ts";
import { taggedPdf } from "../../support/press.ts";

const TEMPLATES = path.resolve(import.meta.dirname, "../../../templates");
let identification: (view: XmpIdentificationView) => string;
let cmyk: IccProfile;
let rgb: IccProfile;

// The colour profiles come from Debian packages (.ci/run installs them); these tests need them.
beforeAll(async () => {
  identification = Handlebars.compile<XmpIdentificationView>(await readFile(path.join(TEMPLATES, "xmp-identification.hbs"), "utf8"));
  cmyk = { ...(await loadProfile(DEFAULT_PROFILES.cmyk.file, "CMYK", "")), condition: DEFAULT_PROFILES.cmyk.condition };
  rgb = { ...(await loadProfile(DEFAULT_PROFILES.rgb.file, "RGB", "")), condition: DEFAULT_PROFILES.rgb.condition };
});

const PRISM = [
  { name: "issn", description: "ISSN" },
  { name: "startingPage", description: "first page" },
];

/** A tagged page with black text, as the build finishes it: info, XMP (with prism), language. */
async function finished(): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(
    await taggedPdf("0 0 0 rg /P <</MCID 0>> BDC BT /F1 10 Tf 20 140 Td (Hello) Tj ET EMC /Span <</Lang (en)>> BDC EMC", [
      { role: "P", mcids: [0] },
    ]),
    { updateMetadata: false },
  );
  const xmpView = { title: "标题", creator: "许涛 (Xu Tao)" };
  const packet = Handlebars.compile(await readFile(path.join(TEMPLATES, "xmp.hbs"), "utf8"))({
    title: { zh: xmpView.title, en: "Title" },
    creators: [xmpView.creator],
    description: { zh: "提要", en: "Abstract" },
    subjects: ["关键词"],
    keywords: "关键词",
    issn: "1006-6241",
    year: 2021,
    number: 3,
    startPage: 1,
    endPage: 1,
    date: "2021-04-05T00:00:00Z",
  });
  setXmp(pdf, packet);
  setDocumentInfo(pdf, {
    title: xmpView.title,
    author: xmpView.creator,
    subject: "提要",
    keywords: ["关键词"],
    lang: "zh-Hans",
    date: new Date("2021-04-05T00:00:00Z"),
  });
  return pdf.save({ useObjectStreams: false });
}

describe("the structural check of each standard", () => {
  it("passes a PDF/X-4 made by the press pass, and finds what the RGB file lacks", async () => {
    const reference = await finished();
    const pdf = await PDFDocument.load(reference, { updateMetadata: false });
    makePdfX4(pdf, { output: cmyk, rgb, identification, documentId: "d", instanceId: "i" });
    const bytes = withHeaderVersion(await pdf.save({ useObjectStreams: false }), "1.6");
    expect(await checkStandard({ pdf: bytes, reference, standard: "pdfx4" })).toEqual([]);

    const rules = (await checkStandard({ pdf: reference, reference, standard: "pdfx4" })).map((f) => `${f.rule}: ${f.message}`);
    expect(rules).toContain("standard-identification: PDF/X-4: the header says PDF 1.7, above 1.6");
    expect(rules).toContain("standard-identification: PDF/X-4: no output intent GTS_PDFX");
    expect(rules.some((r) => r.startsWith("press-black-text: 1 text run not in gray or K-only black (the first in DeviceRGB 0 0 0)"))).toBe(
      true,
    );
    expect(rules.some((r) => r.startsWith("press-colour: text in DeviceRGB (no DefaultRGB"))).toBe(true);
  });

  it("passes a PDF/A-2a made by the archive pass, with every prism property it uses declared", async () => {
    const reference = await finished();
    const pdf = await PDFDocument.load(reference, { updateMetadata: false });
    const result = makePdfA2(pdf, {
      rgb,
      identification,
      documentId: "d",
      instanceId: "i",
      areas: [{ left: 0, top: 0, right: 200, bottom: 200 }],
      prismProperties: [...PRISM, ...["volume", "number", "endingPage", "pageRange"].map((name) => ({ name, description: name }))],
    });
    expect(result).toMatchObject({ conformance: "A", ua: true });
    const bytes = await pdf.save({ useObjectStreams: false });
    expect(await checkStandard({ pdf: bytes, reference, standard: "pdfa2", languages: ["zh"] })).toEqual([]);
    expect((await checkStandard({ pdf: bytes, reference, standard: "pdfa2", languages: ["zh", "en"] })).map((f) => f.message)).toEqual([
      "no part of the document declares the language en",
    ]);
  });

  it("reports XMP properties no extension schema declares", async () => {
    const reference = await finished();
    const pdf = await PDFDocument.load(reference, { updateMetadata: false });
    makePdfA2(pdf, { rgb, identification, documentId: "d", instanceId: "i", areas: [undefined], prismProperties: PRISM });
    const findings = await checkStandard({ pdf: await pdf.save(), reference, standard: "pdfa2" });
    expect(findings.filter((f) => f.rule === "standard-schema").map((f) => f.text)).toEqual([
      "prism:volume",
      "prism:number",
      "prism:endingPage",
      "prism:pageRange",
    ]);
  });
});
