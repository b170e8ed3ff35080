import { readFile } from "node:fs/promises";
import { type PDFDocument, PDFName, type PDFRef, PDFString } from "pdf-lib";
import { ProfileError } from "./errors.ts";
import { compressedStream } from "./streams.ts";

/** An ICC colour profile as an output intent or a colour space takes it. */
export interface IccProfile {
  file: string;
  bytes: Uint8Array;
  /** The profile's data colour space: what a device of this profile is driven with. */
  colourSpace: "CMYK" | "RGB" | "GRAY";
  components: number;
  /** Its own description ('desc' tag), e.g. "ISO Coated v2 300% (basICColor)". */
  description: string;
  /** The characterization it is built on, when known (registered at color.org), e.g. FOGRA39. */
  condition?: string;
}

/**
 * Where the profiles are found by default, and the Debian packages that put them there:
 * a press profile for coated paper (FOGRA39, the usual condition of European and Chinese
 * offset printing) and sRGB, the colour space Chromium's colours are meant in.
 */
export const DEFAULT_PROFILES = {
  cmyk: { file: "/usr/share/scribus/profiles/ISOcoated_v2_300_bas.icc", package: "scribus-data", condition: "FOGRA39" },
  rgb: { file: "/usr/share/color/icc/sRGB.icc", package: "icc-profiles-free", condition: "sRGB IEC61966-2.1" },
} as const;

const SPACES: Record<string, { space: IccProfile["colourSpace"]; components: number }> = {
  CMYK: { space: "CMYK", components: 4 },
  "RGB ": { space: "RGB", components: 3 },
  GRAY: { space: "GRAY", components: 1 },
};

/**
 * Reads a profile and checks it is one of the kind asked for. `hint` says what to do when
 * it is missing (the package that installs the default, or the option that names another).
 */
export async function loadProfile(file: string, expected: IccProfile["colourSpace"], hint: string): Promise<IccProfile> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch {
    throw new ProfileError(`no ${expected} colour profile at ${file}: ${hint}`);
  }
  const profile = parseProfile(file, bytes);
  if (profile.colourSpace !== expected) {
    throw new ProfileError(`${file} is a profile for ${profile.colourSpace}, not ${expected}: ${hint}`);
  }
  return profile;
}

export function parseProfile(file: string, bytes: Uint8Array): IccProfile {
  const ascii = (at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));
  if (bytes.length < 132 || ascii(36, 4) !== "acsp") throw new ProfileError(`${file} is not an ICC profile`);
  const space = SPACES[ascii(16, 4)];
  if (!space) throw new ProfileError(`${file} is a profile for '${ascii(16, 4).trim()}', which a PDF output intent cannot use`);
  return { file, bytes, colourSpace: space.space, components: space.components, description: description(bytes) ?? file };
}

/** The 'desc' tag: an ICC v2 textDescriptionType or a v4 multiLocalizedUnicodeType. */
function description(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(128);
  for (let i = 0; i < count; i++) {
    const entry = 132 + 12 * i;
    if (entry + 12 > bytes.length) return undefined;
    if (String.fromCharCode(...bytes.subarray(entry, entry + 4)) !== "desc") continue;
    const offset = view.getUint32(entry + 4);
    const type = String.fromCharCode(...bytes.subarray(offset, offset + 4));
    if (type === "desc") {
      const length = view.getUint32(offset + 8);
      return String.fromCharCode(...bytes.subarray(offset + 12, offset + 12 + length)).replace(/\0+$/, "");
    }
    if (type === "mluc") {
      const size = view.getUint32(offset + 20);
      const at = offset + view.getUint32(offset + 24);
      let text = "";
      for (let k = 0; k + 1 < size; k += 2) text += String.fromCharCode(view.getUint16(at + k));
      return text;
    }
  }
  return undefined;
}

/** The profile as an ICCBased colour-space stream of the document. */
export function embedProfile(pdf: PDFDocument, profile: IccProfile): PDFRef {
  const alternate = { CMYK: "DeviceCMYK", RGB: "DeviceRGB", GRAY: "DeviceGray" }[profile.colourSpace];
  return pdf.context.register(compressedStream(pdf.context, profile.bytes, { N: profile.components, Alternate: alternate }));
}

/**
 * Declares the condition the document is made for: `GTS_PDFX` (the press it is to be
 * printed on) or `GTS_PDFA1` (how an archive's colours are to be rendered), with the
 * profile embedded. Every output intent of a document is replaced.
 */
export function setOutputIntents(
  pdf: PDFDocument,
  intents: { subtype: "GTS_PDFX" | "GTS_PDFA1"; profile: PDFRef; info: IccProfile }[],
): void {
  const array = intents.map(({ subtype, profile, info }) =>
    pdf.context.obj({
      Type: "OutputIntent",
      S: subtype,
      OutputConditionIdentifier: PDFString.of(info.condition ?? "Custom"),
      ...(info.condition && info.condition !== "Custom" ? { RegistryName: PDFString.of("http://www.color.org") } : {}),
      Info: PDFString.of(info.description),
      DestOutputProfile: profile,
    }),
  );
  pdf.catalog.set(PDFName.of("OutputIntents"), pdf.context.obj(array));
}
