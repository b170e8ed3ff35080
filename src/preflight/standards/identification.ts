import { type PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from "pdf-lib";
import { asArray, asDict, asStream } from "../../output/pdf-objects.ts";
import { readXmp } from "../../output/press/metadata.ts";
import { PDFX1A } from "../../output/press/pdfx1a.ts";
import { readXmpProperties, type XmpProperties, xmpText } from "../../output/press/xmp-fields.ts";
import type { PreflightFinding } from "../finding.ts";

export type Standard = "pdfx4" | "pdfx1a" | "pdfa2";

const LABEL: Record<Standard, string> = { pdfx4: "PDF/X-4", pdfx1a: "PDF/X-1a", pdfa2: "PDF/A-2" };
/** The highest PDF version each standard is built on. */
const MAX_VERSION: Record<Standard, number> = { pdfx4: 1.6, pdfx1a: 1.4, pdfa2: 1.7 };
const PDFX_VERSION: Partial<Record<Standard, string>> = { pdfx4: "PDF/X-4", pdfx1a: PDFX1A.version };

export interface Identification {
  findings: PreflightFinding[];
  /** PDF/A: the conformance level claimed. */
  conformance?: string;
  /** PDF/UA declared. */
  ua: boolean;
  xmp?: XmpProperties;
}

/** The version keys (header, info, XMP), the output intents and, for PDF/X, no annotation on the page. */
export function checkIdentification(pdf: PDFDocument, bytes: Uint8Array, standard: Standard): Identification {
  const findings: PreflightFinding[] = [];
  const problem = (message: string, text = "") =>
    findings.push({ rule: "standard-identification", text, message: `${LABEL[standard]}: ${message}` });
  const header = /^%PDF-(\d\.\d)/.exec(new TextDecoder("latin1").decode(bytes.subarray(0, 16)))?.[1];
  if (!header || Number(header) > MAX_VERSION[standard]) problem(`the header says PDF ${header ?? "?"}, above ${MAX_VERSION[standard]}`);

  const packet = readXmp(pdf);
  let xmp: XmpProperties | undefined;
  try {
    xmp = packet ? readXmpProperties(packet) : undefined;
  } catch (error) {
    problem(`the XMP packet cannot be read: ${(error as Error).message}`);
  }
  if (!xmp) problem("no XMP metadata");
  const property = (name: string) => xmpText(xmp?.values.get(name));
  const info = asDict(pdf, pdf.context.trailerInfo.Info);
  const infoText = (key: string) => {
    const value = info?.get(PDFName.of(key));
    return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : value?.toString();
  };

  let conformance: string | undefined;
  let ua = false;
  const pdfx = PDFX_VERSION[standard];
  if (pdfx) {
    if (property("pdfxid:GTS_PDFXVersion") !== pdfx)
      problem(`XMP pdfxid:GTS_PDFXVersion is '${property("pdfxid:GTS_PDFXVersion") ?? ""}', not '${pdfx}'`);
    if (infoText("GTS_PDFXVersion") !== pdfx)
      problem(`the info's GTS_PDFXVersion is '${infoText("GTS_PDFXVersion") ?? ""}', not '${pdfx}'`);
    if (standard === "pdfx1a" && infoText("GTS_PDFXConformance") !== PDFX1A.conformance)
      problem(`the info's GTS_PDFXConformance is not '${PDFX1A.conformance}'`);
    const trapped = infoText("Trapped");
    if (trapped !== "/True" && trapped !== "/False") problem("the info's Trapped is neither True nor False");
    else if (property("pdf:Trapped") !== trapped.slice(1)) problem(`XMP pdf:Trapped is not ${trapped.slice(1)} as the info says`);
    if (standard === "pdfx4") {
      for (const name of ["xmpMM:DocumentID", "xmpMM:VersionID", "xmpMM:RenditionClass"])
        if (!property(name)) problem(`XMP has no ${name}`);
    }
    checkNoAnnotationsOnPage(pdf, problem);
  } else {
    if (property("pdfaid:part") !== "2") problem(`XMP pdfaid:part is '${property("pdfaid:part") ?? ""}', not 2`);
    conformance = property("pdfaid:conformance");
    if (!["A", "B", "U"].includes(conformance ?? "")) problem(`XMP pdfaid:conformance is '${conformance ?? ""}', not A, B or U`);
    ua = property("pdfuaid:part") === "1";
    if (ua && conformance !== "A") problem("PDF/UA is declared but not PDF/A-2a: the tags are incomplete");
  }
  checkOutputIntents(pdf, standard, problem);
  return { findings, conformance, ua, xmp };
}

function checkOutputIntents(pdf: PDFDocument, standard: Standard, problem: (message: string) => void): void {
  const wanted =
    standard === "pdfa2" ? { subtype: "GTS_PDFA1", components: 3, kind: "RGB" } : { subtype: "GTS_PDFX", components: 4, kind: "CMYK" };
  const intents = (asArray(pdf, pdf.catalog.get(PDFName.of("OutputIntents")))?.asArray() ?? []).map((i) => asDict(pdf, i));
  const intent = intents.find((i) => i?.get(PDFName.of("S")) === PDFName.of(wanted.subtype));
  if (!intent) {
    problem(`no output intent ${wanted.subtype}`);
    return;
  }
  const profileRef = intent.get(PDFName.of("DestOutputProfile"));
  const profile = asStream(pdf, profileRef);
  const n = profile?.dict.get(PDFName.of("N"));
  const identifier = intent.get(PDFName.of("OutputConditionIdentifier"));
  if (!profile && !(identifier instanceof PDFString))
    problem(`the output intent ${wanted.subtype} has neither a profile nor a registered condition`);
  if (profile && !(n instanceof PDFNumber && n.asNumber() === wanted.components))
    problem(`the output intent's profile is not ${wanted.kind} (N = ${n?.toString() ?? "?"})`);
  // PDF/A: every output intent with a profile has the same one.
  const profiles = new Set(intents.map((i) => i?.get(PDFName.of("DestOutputProfile"))).filter((p): p is PDFRef => p instanceof PDFRef));
  if (standard === "pdfa2" && profiles.size > 1) problem("output intents with different profiles");
}

/** PDF/X admits no annotation inside the trim but printer's marks and trap networks. */
function checkNoAnnotationsOnPage(pdf: PDFDocument, problem: (message: string) => void): void {
  pdf.getPages().forEach((page, i) => {
    const annots = (asArray(pdf, page.node.get(PDFName.of("Annots")))?.asArray() ?? []).map((a) => asDict(pdf, a));
    const onPage = annots.filter((a) => a && !["PrinterMark", "TrapNet"].includes(a.get(PDFName.of("Subtype"))?.toString().slice(1) ?? ""));
    if (onPage.length > 0) problem(`page ${i + 1} has ${onPage.length} annotation${onPage.length === 1 ? "" : "s"} (links, say)`);
  });
}
