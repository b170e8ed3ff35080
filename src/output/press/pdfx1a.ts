import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type PDFDocument, PDFName, PDFString } from "pdf-lib";
import { asDict } from "../pdf-objects.ts";
import { GhostscriptError } from "./errors.ts";
import { neutralToGray } from "./gray.ts";
import type { IccProfile } from "./icc.ts";
import { removeLinks } from "./links.ts";
import { addXmpDescription, infoDict, infoFromXmp, readXmp } from "./metadata.ts";
import type { XmpIdentificationView } from "../../compose/press-view.ts";
import { setXmp } from "../xmp.ts";
import { endFlateStreams } from "./flate.ts";
import { loadPdf, savePdf } from "../pdf-file.ts";

export interface PdfX1aOptions {
  output: IccProfile;
  identification: (view: XmpIdentificationView) => string;
  documentId: string;
  instanceId: string;
  /** The Ghostscript executable (default: gs on the PATH). */
  ghostscript?: string;
}

/** What PDF/X-1a:2003 (ISO 15930-4) is called in the info dictionary and the XMP. */
export const PDFX1A = { version: "PDF/X-1:2003", conformance: "PDF/X-1a:2003" };

/**
 * The finished PDF as PDF/X-1a for a printer that takes CMYK alone. The gray pass runs
 * first, so that black text stays on the K plate; then Ghostscript converts every other
 * colour to the press profile's CMYK. Ghostscript is run as a separate program (the
 * Debian package), not linked: its licence (AGPL) stays with it.
 *
 * Ghostscript 10.00's new PDF interpreter reads Chromium's CID fonts wrong (国 comes out
 * as ÿ in the text layer), so the legacy one runs (-dNEWPDF=false); its fonts stay
 * embedded CID TrueType, never Type 3. It keeps the outline, page labels and boxes but
 * drops the tags, the language, the XMP and the document dates: all but the tags are put
 * back here (PDF/X-1a has no use for tags; PDF/X-4 keeps them). The caller saves the
 * result (with a document ID of its own: Ghostscript's is random).
 */
export async function makePdfX1a(bytes: Uint8Array, options: PdfX1aOptions): Promise<PDFDocument> {
  const source = await loadPdf(bytes);
  const xmp = readXmp(source);
  const lang = source.catalog.get(PDFName.of("Lang"));
  const preferences = asDict(source, source.catalog.get(PDFName.of("ViewerPreferences")));
  neutralToGray(source);
  // Ghostscript gives up PDF/X for a page with annotations: links go first.
  removeLinks(source);
  const dir = await mkdtemp(path.join(os.tmpdir(), "paiban-pdfx1a-"));
  try {
    const input = path.join(dir, "input.pdf");
    const output = path.join(dir, "output.pdf");
    const intent = path.join(dir, "output-intent.ps");
    await writeFile(input, await savePdf(source, { useObjectStreams: false }));
    await writeFile(intent, outputIntentPostScript(options.output));
    await ghostscript(options.ghostscript ?? "gs", [
      "-q",
      "-dNEWPDF=false",
      "-dPDFX",
      "-dBATCH",
      "-dNOPAUSE",
      "-dSAFER",
      `--permit-file-read=${options.output.file}`,
      "-sDEVICE=pdfwrite",
      "-dAutoRotatePages=/None",
      // Images as they are: no downsampling, no recompression beyond lossless.
      "-dDownsampleColorImages=false",
      "-dDownsampleGrayImages=false",
      "-dDownsampleMonoImages=false",
      "-dAutoFilterColorImages=false",
      "-dColorImageFilter=/FlateEncode",
      "-dEmbedAllFonts=true",
      "-sProcessColorModel=DeviceCMYK",
      "-sColorConversionStrategy=CMYK",
      `-sOutputICCProfile=${options.output.file}`,
      `-sOutputFile=${output}`,
      intent,
      input,
    ]);
    const pdf = await loadPdf(await readFile(output));
    endFlateStreams(pdf);
    if (xmp) setXmp(pdf, xmp);
    if (lang) pdf.catalog.set(PDFName.of("Lang"), lang);
    if (preferences) pdf.catalog.set(PDFName.of("ViewerPreferences"), pdf.context.obj({ DisplayDocTitle: true }));
    addXmpDescription(
      pdf,
      options.identification({ documentId: options.documentId, instanceId: options.instanceId, pdfx: { version: PDFX1A.version } }),
    );
    infoFromXmp(pdf);
    const info = infoDict(pdf);
    info.set(PDFName.of("Trapped"), PDFName.of("False"));
    info.set(PDFName.of("GTS_PDFXVersion"), PDFString.of(PDFX1A.version));
    info.set(PDFName.of("GTS_PDFXConformance"), PDFString.of(PDFX1A.conformance));
    return pdf;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The pdfmark program that gives Ghostscript's PDF/X output its intent: the press profile, embedded. */
function outputIntentPostScript(profile: IccProfile): string {
  const ps = (text: string) => `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  return `%!
[/_objdef {icc_PDFX} /type /stream /OBJ pdfmark
[{icc_PDFX} <</N ${profile.components}>> /PUT pdfmark
[{icc_PDFX} ${ps(profile.file)} (r) file /PUT pdfmark
[/_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark
[{OutputIntent_PDFX} <<
  /Type /OutputIntent
  /S /GTS_PDFX
  /OutputConditionIdentifier ${ps(profile.condition ?? "Custom")}
  ${profile.condition && profile.condition !== "Custom" ? "/RegistryName (http://www.color.org)" : ""}
  /Info ${ps(profile.description)}
  /DestOutputProfile {icc_PDFX}
>> /PUT pdfmark
[{Catalog} <</OutputIntents [ {OutputIntent_PDFX} ]>> /PUT pdfmark
`;
}

/** Fails when Ghostscript cannot be run, naming the package that installs it. */
export async function requireGhostscript(executable = "gs"): Promise<void> {
  await ghostscript(executable, ["--version"]);
}

function ghostscript(executable: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(executable, args, { maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (!error) {
        // Ghostscript falls back to plain PDF, with a message and exit code 0, when something on a page is not allowed in PDF/X.
        if (/reverting to normal PDF output/.test(stderr))
          reject(new GhostscriptError(`Ghostscript could not make PDF/X: ${stderr.trim()}`));
        else resolve();
        return;
      }
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        reject(
          new GhostscriptError(`--press pdfx1a needs Ghostscript (${executable}), which is not installed: apt-get install -y ghostscript`),
        );
        return;
      }
      reject(
        new GhostscriptError(`Ghostscript failed (${error.message.split("\n")[0]}): ${stderr.trim().split("\n").slice(-5).join(" / ")}`),
      );
    });
  });
}
