import type { XmpIdentificationView } from "../../compose/press-view.ts";
import type { ArchiveStandard, MarkKind, PressStandard } from "../../config/options.ts";
import type { Area } from "../../render/layout.ts";
import { saveWithContentId } from "../identity.ts";
import { withHeaderVersion } from "./header.ts";
import { DEFAULT_PROFILES, type IccProfile, loadProfile } from "./icc.ts";
import { drawJobLines } from "./job-line.ts";
import { drawSheet } from "./marks.ts";
import { uuidFrom } from "./metadata.ts";
import { makePdfA2 } from "./pdfa2.ts";
import { makePdfX1a } from "./pdfx1a.ts";
import { makePdfX4 } from "./pdfx4.ts";
import { loadPdf, savePdf } from "../pdf-file.ts";

export { GhostscriptError, ProfileError } from "./errors.ts";
export { requireGhostscript } from "./pdfx1a.ts";
export type { IccProfile } from "./icc.ts";
export { markSpan } from "./marks.ts";

/** The colour profiles the passes embed: the press's CMYK, and sRGB. */
export interface Profiles {
  cmyk: IccProfile;
  rgb: IccProfile;
}

/**
 * The profiles, from the Debian packages that install them, or the printer's own CMYK
 * profile. A missing one stops the build with the package to install or the option to give.
 */
export async function loadProfiles(outputIcc: string | undefined): Promise<Profiles> {
  const { cmyk, rgb } = DEFAULT_PROFILES;
  const press = outputIcc
    ? await loadProfile(outputIcc, "CMYK", "give --output-icc the printer's CMYK profile (an .icc file)")
    : {
        ...(await loadProfile(
          cmyk.file,
          "CMYK",
          `install the package that holds it (apt-get install -y ${cmyk.package}), or give the printer's own with --output-icc file.icc`,
        )),
        condition: cmyk.condition,
      };
  const srgb = await loadProfile(rgb.file, "RGB", `install the package that holds it: apt-get install -y ${rgb.package}`);
  return { cmyk: press, rgb: { ...srgb, condition: rgb.condition } };
}

/** The sheet around each page: bleed and slug in points, the marks, and the job lines (a PDF of strips, a page each). */
export interface Sheet {
  bleed: number;
  slug: number;
  marks: MarkKind[];
  jobLines?: Uint8Array;
}

export interface PressJob {
  /** Names the document for good: its XMP DocumentID is made from it. */
  identity: string;
  /** The finished PDF as the build printed it (RGB, tagged). */
  pdf: Uint8Array;
  standard?: PressStandard;
  sheet?: Sheet;
  profiles?: Profiles;
  identification: (view: XmpIdentificationView) => string;
}

/**
 * The PDF for the printer: the sheet drawn (slug, marks, job lines) when asked for, then
 * made PDF/X-4 or PDF/X-1a when asked for. Without either, the PDF is returned as it is.
 */
export async function makePressPdf(job: PressJob): Promise<Uint8Array> {
  if (!job.sheet && !job.standard) return job.pdf;
  let pdf = await loadPdf(job.pdf);
  if (job.sheet) {
    drawSheet(pdf, job.sheet);
    if (job.sheet.jobLines) await drawJobLines(pdf, job.sheet.jobLines, job.sheet);
  }
  if (!job.standard) return saveWithContentId(pdf);
  const profiles = required(job.profiles);
  const ids = { documentId: uuidFrom(job.identity), instanceId: uuidFrom(job.identity, job.standard, job.pdf) };
  if (job.standard === "pdfx4") {
    makePdfX4(pdf, { output: profiles.cmyk, rgb: profiles.rgb, identification: job.identification, ...ids });
    return withHeaderVersion(await saveWithContentId(pdf), "1.6");
  }
  pdf = await makePdfX1a(await savePdf(pdf, { useObjectStreams: false }), {
    output: profiles.cmyk,
    identification: job.identification,
    ...ids,
  });
  return withHeaderVersion(await saveWithContentId(pdf), "1.4");
}

export interface ArchiveJob {
  identity: string;
  pdf: Uint8Array;
  standard: ArchiveStandard;
  profiles: Profiles;
  identification: (view: XmpIdentificationView) => string;
  /** Each page's text area (undefined: a page without one), as the layout read it. */
  areas: (Area | undefined)[];
  prismProperties: { name: string; description: string }[];
}

/** The archive copy: PDF/A-2a with PDF/UA-1 when it can be fully tagged, else PDF/A-2u. */
export async function makeArchivePdf(job: ArchiveJob): Promise<{ pdf: Uint8Array; conformance: "A" | "U"; ua: boolean }> {
  const pdf = await loadPdf(job.pdf);
  const result = makePdfA2(pdf, {
    rgb: job.profiles.rgb,
    identification: job.identification,
    documentId: uuidFrom(job.identity),
    instanceId: uuidFrom(job.identity, job.standard, job.pdf),
    areas: job.areas,
    prismProperties: job.prismProperties,
  });
  return { pdf: await saveWithContentId(pdf), conformance: result.conformance, ua: result.ua };
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("a press standard needs the colour profiles");
  return value;
}
