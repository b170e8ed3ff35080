import { composeWithFaces } from "../compose/faces.ts";
import { type JobLine, PRISM_PROPERTIES } from "../compose/index.ts";
import { toPoints } from "../output/boxes.ts";
import { readPageLabels } from "../output/page-labels.ts";
import { makeArchivePdf, makePressPdf, type Sheet } from "../output/press/index.ts";
import { checkStandard, type PreflightFinding } from "../preflight/index.ts";
import type { Area } from "../render/layout.ts";
import type { BuildContext } from "./context.ts";
import { renderDocument } from "./render-document.ts";
import { loadPdf } from "../output/pdf-file.ts";

/** What the slug's job line and the archive's tags need to know of a page. */
export interface PressPage {
  /** The text area, as the layout read it; none on a blank page. */
  area?: Area;
  /** The title of what the page belongs to (an article, the issue), and its 文章编号. */
  title: string;
  articleNumber?: string;
}

/** A PDF as the build finished and checked it, on its way to being written. */
export interface Deliverable {
  /** How reports name it: the article's id, the folder, an edition's name. */
  part: string;
  file: string;
  /** The finished PDF (RGB, tagged). */
  pdf: Uint8Array;
  pages: PressPage[];
  /** The languages whose parts it holds, each of which must be declared (zh, en). */
  languages: string[];
}

/** What is written for a deliverable: the PDF (for the press, when asked), and its archive copy. */
export interface Delivered {
  part: string;
  file: string;
  pdf: Uint8Array;
  /** The standard the PDF was made to, if any. */
  standard?: string;
  archive?: { file: string; pdf: Uint8Array; conformance: string };
}

/**
 * Makes each finished PDF what the build was asked for: the sheet around its pages
 * (slug, marks, job lines), PDF/X-4 or PDF/X-1a for the press, a PDF/A-2 archive copy
 * beside it. Each made file is checked against the standard it claims and against the
 * finished PDF it came from (preflight/standards); the findings come back with them.
 */
export async function deliver(
  context: BuildContext,
  items: Deliverable[],
): Promise<{ delivered: Delivered[]; findings: { part: string; finding: PreflightFinding }[] }> {
  const { standards } = context;
  const { bleed, slug } = sheetEdges(context);
  const marks = context.press.marks ?? [];
  const findings: { part: string; finding: PreflightFinding }[] = [];
  const delivered: Delivered[] = [];
  // One after another: each holds a whole PDF in memory, some several times over.
  for (const item of items) {
    const profiles = standards.press || standards.archive ? await context.profiles() : undefined;
    const sheet: Sheet | undefined =
      marks.length > 0 || slug > 0
        ? { bleed, slug, marks, jobLines: slug > bleed ? await jobLines(context, item, slug - bleed) : undefined }
        : undefined;
    const identity = `${context.journal.issn} ${item.part}`;
    const identification = context.templates.xmpIdentification;
    const press = standards.press;
    if (press) context.report(`making ${item.part} ${label(press)}`);
    const pdf = await makePressPdf({ identity, pdf: item.pdf, standard: press, sheet, profiles, identification });
    if (press) {
      const found = await checkStandard({ pdf, reference: item.pdf, standard: press, languages: item.languages });
      findings.push(...found.map((finding) => ({ part: `${item.part} (${label(press)})`, finding })));
    }
    let archive: Delivered["archive"];
    if (standards.archive && profiles) {
      context.report(`making ${item.part}'s archive copy (${label(standards.archive)})`);
      const made = await makeArchivePdf({
        identity,
        pdf: item.pdf,
        standard: standards.archive,
        profiles,
        identification,
        areas: item.pages.map((p) => p.area),
        prismProperties: PRISM_PROPERTIES,
      });
      const claimed = `PDF/A-2${made.conformance.toLowerCase()}`;
      const found = await checkStandard({ pdf: made.pdf, reference: item.pdf, standard: standards.archive, languages: item.languages });
      findings.push(...found.map((finding) => ({ part: `${item.part} (${claimed})`, finding })));
      archive = { file: item.file.replace(/\.pdf$/, ".pdfa.pdf"), pdf: made.pdf, conformance: `${claimed}${made.ua ? ", PDF/UA-1" : ""}` };
    }
    delivered.push({ part: item.part, file: item.file, pdf, standard: press && label(press), archive });
  }
  return { delivered, findings };
}

function label(standard: string): string {
  return { pdfx4: "PDF/X-4", pdfx1a: "PDF/X-1a", pdfa2: "PDF/A-2" }[standard] ?? standard;
}

/** The bleed and the slug beyond the trim, in points (0 when there is none). */
function sheetEdges(context: BuildContext): { bleed: number; slug: number } {
  return {
    bleed: context.press.bleed ? toPoints(context.press.bleed) : 0,
    slug: context.press.slug ? toPoints(context.press.slug) : 0,
  };
}

/** Whether delivering lays anything out in the browser: the job lines in a slug wider than the bleed. */
export function deliveryLaysOut(context: BuildContext): boolean {
  const { bleed, slug } = sheetEdges(context);
  return slug > bleed;
}

/** The job lines of a deliverable's pages, laid out by the browser as a strip a page (templates/job-line.hbs). */
async function jobLines(context: BuildContext, item: Deliverable, height: number): Promise<Uint8Array> {
  const labels = readPageLabels(await loadPdf(item.pdf));
  const date = context.date.toISOString().slice(0, 10);
  const lines: JobLine[] = item.pages.map((page, i) => ({
    title: page.title,
    articleNumber: page.articleNumber,
    folio: labels[i] ?? String(i + 1),
    sheet: `${i + 1}/${item.pages.length}`,
    date,
  }));
  const html = await composeWithFaces(
    (styles) =>
      context.templates.jobLine({
        document: { title: `${item.part}: job lines` },
        styles,
        size: { width: context.journal.trim.width, height: `${height}pt` },
        lines,
      }),
    { ...context.assets.styles, stylesheets: [context.assets.jobLineStylesheet] },
    context.fonts,
  );
  const name = `${item.part.replace(/[^\w.-]+/g, "-")}-job-lines`;
  return (await renderDocument(context, name, html)).pdf;
}
