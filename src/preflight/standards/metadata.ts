import { type PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import { asDict } from "../../output/pdf-objects.ts";
import { pdfDate, readXmp } from "../../output/press/metadata.ts";
import { readXmpProperties, type XmpProperties, xmpText } from "../../output/press/xmp-fields.ts";
import type { PreflightFinding } from "../finding.ts";
import type { Standard } from "./identification.ts";

/** Schemas PDF/A knows without an extension schema: XMP 2005's and its own. */
const PREDEFINED = new Set([
  "http://purl.org/dc/elements/1.1/",
  "http://ns.adobe.com/xap/1.0/",
  "http://ns.adobe.com/xap/1.0/mm/",
  "http://ns.adobe.com/xap/1.0/rights/",
  "http://ns.adobe.com/xap/1.0/t/pg/",
  "http://ns.adobe.com/xap/1.0/bj/",
  "http://ns.adobe.com/xmp/1.0/DynamicMedia/",
  "http://ns.adobe.com/pdf/1.3/",
  "http://ns.adobe.com/photoshop/1.0/",
  "http://ns.adobe.com/tiff/1.0/",
  "http://ns.adobe.com/exif/1.0/",
  "http://ns.adobe.com/exif/1.0/aux/",
  "http://ns.adobe.com/camera-raw-settings/1.0/",
  "http://www.aiim.org/pdfa/ns/id/",
  "http://www.aiim.org/pdfa/ns/extension/",
  "http://www.aiim.org/pdfa/ns/schema#",
  "http://www.aiim.org/pdfa/ns/property#",
  "http://www.aiim.org/pdfa/ns/type#",
  "http://www.aiim.org/pdfa/ns/field#",
]);

/** Info entries and the XMP properties they must equal. */
const EQUIVALENTS: [string, string][] = [
  ["Title", "dc:title"],
  ["Author", "dc:creator"],
  ["Subject", "dc:description"],
  ["Keywords", "pdf:Keywords"],
  ["Creator", "xmp:CreatorTool"],
  ["Producer", "pdf:Producer"],
  ["CreationDate", "xmp:CreateDate"],
  ["ModDate", "xmp:ModifyDate"],
];

/**
 * The info dictionary equal to the XMP (each entry to its XMP equivalent; the creators
 * joined by "; "), and for PDF/A every XMP property in a schema it knows or one the
 * packet declares in an extension schema.
 */
export function checkMetadata(pdf: PDFDocument, standard: Standard): PreflightFinding[] {
  const packet = readXmp(pdf);
  if (!packet) return [];
  let xmp: XmpProperties;
  try {
    xmp = readXmpProperties(packet);
  } catch {
    return [];
  }
  const findings: PreflightFinding[] = [];
  const info = asDict(pdf, pdf.context.trailerInfo.Info);
  for (const [key, property] of EQUIVALENTS) {
    const value = info?.get(PDFName.of(key));
    const text = value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
    const expected = xmpText(xmp.values.get(property));
    const dates = key.endsWith("Date");
    const same = dates
      ? text === undefined || (expected !== undefined && sameInstant(text, pdfDate(expected)))
      : (text ?? "") === (expected ?? "");
    if (!same) {
      findings.push({
        rule: "standard-metadata",
        text: text ?? "",
        message: `the info's ${key} differs from XMP ${property} ('${expected ?? ""}')`,
      });
    }
  }
  if (standard === "pdfa2") findings.push(...undeclaredProperties(xmp));
  return findings;
}

function sameInstant(a: string, b: string): boolean {
  const instant = (d: string) => {
    const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(d);
    if (!m) return Number.NaN;
    const zone = m[7] && m[7] !== "Z" ? m[7].replace(/'/g, "").replace(/(\d{2})(\d{2})$/, "$1:$2") : "Z";
    return Date.parse(`${m[1]}-${m[2] ?? "01"}-${m[3] ?? "01"}T${m[4] ?? "00"}:${m[5] ?? "00"}:${m[6] ?? "00"}${zone}`);
  };
  return instant(a) === instant(b);
}

/** XMP properties of schemas neither predefined nor declared in the packet's pdfaExtension:schemas. */
function undeclaredProperties(xmp: XmpProperties): PreflightFinding[] {
  const declared = new Map<string, Set<string>>();
  const schemas = xmp.values.get("pdfaExtension:schemas");
  for (const schema of typeof schemas === "object" ? schemas.items : []) {
    const values = schema.resource?.values;
    const uri = xmpText(values?.get("pdfaSchema:namespaceURI"));
    const properties = values?.get("pdfaSchema:property");
    if (!uri) continue;
    const names = new Set(
      (typeof properties === "object" ? properties.items : []).map((p) => xmpText(p.resource?.values.get("pdfaProperty:name")) ?? ""),
    );
    declared.set(uri, names);
  }
  const findings: PreflightFinding[] = [];
  for (const name of xmp.values.keys()) {
    const [prefix = "", local = ""] = name.split(":");
    const uri = xmp.namespaces.get(prefix);
    if (!uri) {
      findings.push({ rule: "standard-schema", text: name, message: "an XMP property in an undeclared namespace" });
      continue;
    }
    if (PREDEFINED.has(uri)) continue;
    if (!declared.get(uri)?.has(local)) {
      findings.push({ rule: "standard-schema", text: name, message: `an XMP property of ${uri} that no extension schema declares` });
    }
  }
  return findings;
}
