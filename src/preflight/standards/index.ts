import type { PreflightFinding } from "../finding.ts";
import { checkBoxes } from "./boxes.ts";
import { checkColours } from "./colour.ts";
import { checkFidelity } from "./fidelity.ts";
import { checkIdentification, type Standard } from "./identification.ts";
import { checkMetadata } from "./metadata.ts";
import { checkTagging } from "./tagging.ts";
import { loadPdf } from "../../output/pdf-file.ts";

export type { Standard } from "./identification.ts";

export interface StandardInput {
  /** The PDF as converted for the press or the archive. */
  pdf: Uint8Array;
  /** The PDF it was made from, as the build printed it (RGB, tagged). */
  reference: Uint8Array;
  standard: Standard;
  /** Languages whose parts the document holds (BCP 47 prefixes, "zh", "en"): each must be declared. */
  languages?: string[];
}

/**
 * The structural check of a PDF/X or PDF/A file, in the absence of a validator: what
 * the standard asks that can be read off the file's objects, and that nothing a reader
 * sees was lost on the way from the RGB build.
 * - the version keys (header, info, XMP) and the output intents;
 * - the colour spaces used, and (PDF/X) every text-showing operator under gray or
 *   K-only black;
 * - fonts embedded and none a Type 3;
 * - Trim ⊂ Bleed ⊂ Media on every page;
 * - the info dictionary equal to the XMP, every XMP property's schema known or declared;
 * - tags, outline and page labels as many as in the RGB build, and the same text;
 * - PDF/A-2a and PDF/UA: nothing untagged, figures described, links placed and described,
 *   every language declared.
 */
export async function checkStandard(input: StandardInput): Promise<PreflightFinding[]> {
  const pdf = await loadPdf(input.pdf);
  const reference = await loadPdf(input.reference);
  const identification = checkIdentification(pdf, input.pdf, input.standard);
  const colourRule = input.standard === "pdfa2" ? "pdfa-rgb" : input.standard;
  return [
    ...identification.findings,
    ...checkColours(pdf, colourRule, input.standard !== "pdfa2"),
    ...(await checkFonts(input.pdf)),
    ...checkBoxes(pdf, input.standard),
    ...checkMetadata(pdf, input.standard),
    ...(await checkFidelity(pdf, input.pdf, reference, input.reference, input.standard)),
    ...(input.standard === "pdfa2" && identification.conformance === "A"
      ? checkTagging(pdf, input.languages ?? [], identification.ua)
      : []),
  ];
}

async function checkFonts(bytes: Uint8Array): Promise<PreflightFinding[]> {
  const { listFonts } = await import("../pdf.ts");
  return (await listFonts(bytes)).flatMap((font): PreflightFinding[] => {
    const name = font.name.replace(/^\//, "");
    if (font.subtype === "/Type3") return [{ rule: "font-type3", text: name, message: "a Type 3 font" }];
    if (!font.embedded) return [{ rule: "font-unembedded", text: name, message: "a font not embedded" }];
    return [];
  });
}
