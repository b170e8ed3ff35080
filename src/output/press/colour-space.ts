import { type PDFDict, type PDFDocument, PDFName, PDFNumber, type PDFObject } from "pdf-lib";
import { asArray, asDict, asStream } from "../pdf-objects.ts";

/** A colour space as a reader of the page resolves it. */
export interface ColourSpace {
  family:
    | "DeviceGray"
    | "DeviceRGB"
    | "DeviceCMYK"
    | "ICCBased"
    | "CalGray"
    | "CalRGB"
    | "Lab"
    | "Separation"
    | "DeviceN"
    | "Indexed"
    | "Pattern"
    | "unknown";
  /** Number of colour components (an ICC-based space: its profile's N). */
  components: number;
  /** Separation and DeviceN: the colorants. */
  colorants?: string[];
  /** Indexed: the base; Separation and DeviceN: the alternate; Pattern: the underlying space, if any. */
  base?: ColourSpace;
}

const DEVICE: Record<string, ColourSpace> = {
  DeviceGray: { family: "DeviceGray", components: 1 },
  G: { family: "DeviceGray", components: 1 },
  DeviceRGB: { family: "DeviceRGB", components: 3 },
  RGB: { family: "DeviceRGB", components: 3 },
  DeviceCMYK: { family: "DeviceCMYK", components: 4 },
  CMYK: { family: "DeviceCMYK", components: 4 },
  Pattern: { family: "Pattern", components: 0 },
};

export const DEVICE_GRAY = DEVICE.DeviceGray as ColourSpace;

/**
 * The colour space a name or array stands for: a device space by name, else the entry of
 * the resources' /ColorSpace dictionary (content streams name spaces there).
 */
export function resolveColourSpace(pdf: PDFDocument, value: PDFObject | string | undefined, resources?: PDFDict): ColourSpace {
  if (typeof value === "string") {
    const device = DEVICE[value];
    if (device) return device;
    const named = asDict(pdf, resources?.get(PDFName.of("ColorSpace")))?.get(PDFName.of(value));
    return named ? resolveColourSpace(pdf, named, undefined) : { family: "unknown", components: 0 };
  }
  if (value instanceof PDFName) return resolveColourSpace(pdf, value.decodeText(), resources);
  const array = asArray(pdf, value);
  if (!array) return { family: "unknown", components: 0 };
  if (array.size() === 1) return resolveColourSpace(pdf, array.get(0), resources);
  const family = array.get(0) instanceof PDFName ? (array.get(0) as PDFName).decodeText() : "";
  switch (family) {
    case "ICCBased": {
      const n = asStream(pdf, array.get(1))?.dict.get(PDFName.of("N"));
      return { family: "ICCBased", components: n instanceof PDFNumber ? n.asNumber() : 0 };
    }
    case "CalGray":
      return { family: "CalGray", components: 1 };
    case "CalRGB":
      return { family: "CalRGB", components: 3 };
    case "Lab":
      return { family: "Lab", components: 3 };
    case "Indexed":
    case "I":
      return { family: "Indexed", components: 1, base: resolveColourSpace(pdf, array.get(1), resources) };
    case "Separation": {
      const colorant = array.get(1) instanceof PDFName ? (array.get(1) as PDFName).decodeText() : "";
      return { family: "Separation", components: 1, colorants: [colorant], base: resolveColourSpace(pdf, array.get(2), resources) };
    }
    case "DeviceN": {
      const names = (asArray(pdf, array.get(1))?.asArray() ?? []).map((n) => (n instanceof PDFName ? n.decodeText() : ""));
      return { family: "DeviceN", components: names.length, colorants: names, base: resolveColourSpace(pdf, array.get(2), resources) };
    }
    case "Pattern":
      return { family: "Pattern", components: 0, base: resolveColourSpace(pdf, array.get(1), resources) };
    default:
      return { family: "unknown", components: 0 };
  }
}

/** The spaces a colour space draws on in the end: itself, and its base or alternate. */
export function familiesOf(space: ColourSpace): ColourSpace["family"][] {
  return [space.family, ...(space.base ? familiesOf(space.base) : [])];
}
