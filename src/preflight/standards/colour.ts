import { type PDFDict, type PDFDocument, PDFName } from "pdf-lib";
import { type ColourSpace, familiesOf, resolveColourSpace } from "../../output/press/colour-space.ts";
import { type Colour, interpret } from "../../output/press/interpret.ts";
import { asDict, asStream } from "../../output/pdf-objects.ts";
import { pageContent } from "../../output/press/streams.ts";
import type { PreflightFinding } from "../finding.ts";

/** The colour spaces a standard admits, given what the document declares. */
export type ColourRule = "pdfx4" | "pdfx1a" | "pdfa-rgb";

const PAINTING = new Set(["S", "s", "f", "F", "f*", "B", "B*", "b", "b*"]);
const TEXT_SHOWING = new Set(["Tj", "TJ", "'", '"']);

/**
 * Reads every page's content (the forms it draws included) and reports:
 * - colour spaces the standard does not admit where they paint (text, paths, images,
 *   shadings): DeviceRGB without a DefaultRGB under PDF/X-4, anything but gray and CMYK
 *   under PDF/X-1a, DeviceCMYK under PDF/A with an RGB output intent;
 * - with `kOnly`, text drawn in any colour but gray or black of the K plate alone
 *   (CMYK with C = M = Y = 0): what a press would otherwise print in four inks.
 */
export function checkColours(pdf: PDFDocument, rule: ColourRule, kOnly: boolean): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  pdf.getPages().forEach((page, index) => {
    const number = index + 1;
    const bad = new Map<string, string>();
    let richText = 0;
    let firstRich: string | undefined;
    const use = (space: ColourSpace, resources: PDFDict | undefined, what: string) => {
      const problem = disallowed(space, rule, resources, pdf);
      if (problem && !bad.has(problem)) bad.set(problem, what);
    };
    interpret(
      pdf,
      pageContent(pdf, page.node),
      page.node.Resources(),
      (event) => {
        const { op, state, resources } = event;
        const o = op.operator;
        if (TEXT_SHOWING.has(o)) {
          const mode = state.renderMode % 4;
          if (mode === 3) return;
          const colours = [...(mode === 0 || mode === 2 ? [state.fill] : []), ...(mode === 1 || mode === 2 ? [state.stroke] : [])];
          for (const colour of colours) {
            use(colour.space, resources, "text");
            if (kOnly && !isKOnly(colour)) {
              richText++;
              firstRich ??= `${colour.space.family} ${colour.values.join(" ")}`;
            }
          }
        } else if (PAINTING.has(o)) {
          const fills = o !== "S" && o !== "s";
          const strokes = o !== "f" && o !== "F" && o !== "f*";
          if (fills) use(state.fill.space, resources, "a filled path");
          if (strokes) use(state.stroke.space, resources, "a stroked path");
        } else if (o === "Do" && event.xobject?.subtype === "Image") {
          const dict = event.xobject.stream.dict;
          if (dict.get(PDFName.of("ImageMask"))?.toString() === "true") use(state.fill.space, resources, "an image mask");
          else use(resolveColourSpace(pdf, dict.get(PDFName.of("ColorSpace")), resources), resources, "an image");
        } else if (o === "BI") {
          const image = op.operands[0];
          const cs = image?.kind === "dict" ? (image.entries.get("CS") ?? image.entries.get("ColorSpace")) : undefined;
          if (cs?.kind === "name") use(resolveColourSpace(pdf, cs.value, resources), resources, "an inline image");
        } else if (o === "sh" && op.operands[0]?.kind === "name") {
          const shading = asDict(pdf, asDict(pdf, resources?.get(PDFName.of("Shading")))?.get(PDFName.of(op.operands[0].value)));
          if (shading) use(resolveColourSpace(pdf, shading.get(PDFName.of("ColorSpace")), resources), resources, "a shading");
        }
        if ((o === "scn" || o === "SCN") && op.operands.at(-1)?.kind === "name") {
          // A shading pattern paints in its shading's colour space.
          const name = op.operands.at(-1);
          const pattern = asDict(
            pdf,
            asDict(pdf, resources?.get(PDFName.of("Pattern")))?.get(PDFName.of(name?.kind === "name" ? name.value : "")),
          );
          const shading = asDict(pdf, pattern?.get(PDFName.of("Shading"))) ?? asStream(pdf, pattern?.get(PDFName.of("Shading")))?.dict;
          if (shading) use(resolveColourSpace(pdf, shading.get(PDFName.of("ColorSpace")), resources), resources, "a shading pattern");
        }
      },
      { forms: true },
    );
    for (const [problem, what] of bad) {
      findings.push({ rule: "press-colour", page: number, text: "", message: `${what} in ${problem}` });
    }
    if (richText > 0) {
      findings.push({
        rule: "press-black-text",
        page: number,
        text: "",
        message: `${richText} text run${richText === 1 ? "" : "s"} not in gray or K-only black (the first in ${firstRich}): four inks on a press`,
      });
    }
  });
  return findings;
}

/** Gray, or CMYK with no cyan, magenta or yellow. */
export function isKOnly(colour: Colour): boolean {
  const { family } = colour.space;
  if (family === "DeviceGray") return true;
  if (family === "DeviceCMYK") return colour.values.length === 4 && colour.values.slice(0, 3).every((v) => v === 0);
  if (family === "Separation") return colour.space.colorants?.[0] === "Black";
  return false;
}

/** Why a colour space breaks the rule, or undefined when it is admitted. */
function disallowed(space: ColourSpace, rule: ColourRule, resources: PDFDict | undefined, pdf: PDFDocument): string | undefined {
  const defaults = asDict(pdf, resources?.get(PDFName.of("ColorSpace")));
  const hasDefault = (name: string) => defaults?.get(PDFName.of(name)) !== undefined;
  for (const family of familiesOf(space)) {
    switch (rule) {
      case "pdfx4":
        if (family === "DeviceRGB" && !hasDefault("DefaultRGB")) return "DeviceRGB (no DefaultRGB gives it a profile)";
        break;
      case "pdfx1a":
        if (!["DeviceGray", "DeviceCMYK", "Separation", "DeviceN", "Indexed", "Pattern"].includes(family)) {
          return `${family} (PDF/X-1a admits gray and CMYK only)`;
        }
        break;
      case "pdfa-rgb":
        if (family === "DeviceCMYK" && !hasDefault("DefaultCMYK")) return "DeviceCMYK (the output intent is RGB)";
        break;
    }
    if (family === "unknown") return "a colour space that cannot be resolved";
  }
  return undefined;
}
