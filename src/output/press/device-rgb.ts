import { type PDFDict, type PDFDocument, PDFName, type PDFRef } from "pdf-lib";
import { asDict, asStream } from "../pdf-objects.ts";
import { resolveColourSpace } from "./colour-space.ts";
import { contentSites } from "./streams.ts";

/**
 * Gives the RGB colours left after the gray pass a meaning a press can convert: the
 * `profile` (sRGB) as DefaultRGB in every resource dictionary, so that DeviceRGB set by a
 * content stream is read as sRGB; and the same profile in place of DeviceRGB in images,
 * shadings and transparency groups, which name their colour space themselves.
 */
export function deviceRgbAsIcc(pdf: PDFDocument, profile: PDFRef): void {
  const icc = pdf.context.obj([PDFName.of("ICCBased"), profile]);
  const isDeviceRgb = (dict: PDFDict, key: string) => {
    const value = dict.get(PDFName.of(key));
    return value !== undefined && resolveColourSpace(pdf, value).family === "DeviceRGB";
  };
  const groups = new Set<PDFDict>();
  const group = (owner: PDFDict | undefined) => {
    const g = asDict(pdf, owner?.get(PDFName.of("Group")));
    if (g && !groups.has(g)) {
      groups.add(g);
      if (isDeviceRgb(g, "CS")) g.set(PDFName.of("CS"), icc);
    }
  };
  const done = new Set<PDFDict>();
  for (const page of pdf.getPages()) group(page.node);
  for (const site of contentSites(pdf)) {
    const resources = site.resources;
    if (!resources || done.has(resources)) continue;
    done.add(resources);
    const spaces = asDict(pdf, resources.get(PDFName.of("ColorSpace")));
    if (spaces) spaces.set(PDFName.of("DefaultRGB"), icc);
    else resources.set(PDFName.of("ColorSpace"), pdf.context.obj({ DefaultRGB: icc }));
    for (const [, value] of asDict(pdf, resources.get(PDFName.of("XObject")))?.entries() ?? []) {
      const stream = asStream(pdf, value);
      if (!stream) continue;
      if (isDeviceRgb(stream.dict, "ColorSpace")) stream.dict.set(PDFName.of("ColorSpace"), icc);
      group(stream.dict);
    }
    const shadings = [
      ...(asDict(pdf, resources.get(PDFName.of("Shading")))?.entries() ?? []),
      ...[...(asDict(pdf, resources.get(PDFName.of("Pattern")))?.entries() ?? [])].map(
        ([name, p]) => [name, asDict(pdf, p)?.get(PDFName.of("Shading"))] as const,
      ),
    ];
    for (const [, value] of shadings) {
      const shading = asDict(pdf, value) ?? asStream(pdf, value)?.dict;
      if (shading && isDeviceRgb(shading, "ColorSpace")) shading.set(PDFName.of("ColorSpace"), icc);
    }
  }
}
