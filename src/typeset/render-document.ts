import { writeFile } from "node:fs/promises";
import path from "node:path";
import { hash } from "../cache/hash.ts";
import {
  dropReading,
  joinReadings,
  preflight,
  readPages,
  startReader,
  type PdfReading,
  type PreflightFinding,
  type PreflightInput,
} from "../preflight/index.ts";
import { printBoxes } from "../output/index.ts";
import { joinLayouts, type DocumentLayout } from "../render/layout.ts";
import { openPagedJs, type OpenDocument, type PagedResult } from "../render/paged.ts";
import type { BuildContext } from "./context.ts";

/** A laid-out document, and the key its layout is cached under. */
export interface RenderedDocument extends PagedResult {
  key: string;
  /** Its pages being read back for the preflight already, as it was printed (a document in parts: each part). */
  read?: PdfReading;
}

/**
 * Lays out one composed document when the pool has room (written to the work folder as
 * `<name>.html`), reporting its pages as Paged.js lays them out; or takes the layout
 * from the cache when the same HTML was laid out by the same code before.
 */
export async function renderDocument(
  context: BuildContext,
  name: string,
  html: string,
  options: { print?: boolean; report?: string; flow?: boolean } = {},
): Promise<RenderedDocument> {
  const print = options.print ?? true;
  const htmlFile = path.join(context.workDir, `${name}.html`);
  await writeFile(htmlFile, html);
  const key = hash(context.code, html, print ? "pdf" : "layout", options.flow ? "flow" : "");
  const cached = await context.cache.layout(key);
  if (cached) return { ...cached, key };
  if (options.report) context.report(options.report);
  const document = await layOutInWindow(context, htmlFile, { flow: options.flow });
  try {
    const result = { pdf: print ? await document.print() : new Uint8Array(), layout: document.layout };
    await context.cache.saveLayout(key, result);
    return { ...result, key };
  } finally {
    await document.close();
  }
}

/**
 * Lays a composed document out in a window of its own when the pool has room, reporting its
 * pages as they come. `readerAhead`: start the preflight's reading thread meanwhile.
 */
async function layOutInWindow(
  context: BuildContext,
  htmlFile: string,
  options: { flow?: boolean; readerAhead?: boolean } = {},
): Promise<OpenDocument> {
  const name = path.basename(htmlFile, ".html");
  return context.pool(async () => {
    context.progress(name, 0);
    // The preflight's reading thread loads, and warms up, while the browser lays out.
    if (options.readerAhead ?? true) startReader({ warmUp: true });
    try {
      return await openPagedJs(await context.browser(), htmlFile, {
        readableRoots: context.assets.readableRoots,
        onPage: (pages) => context.progress(name, pages),
        flow: options.flow,
      });
    } finally {
      context.progress(name, undefined);
    }
  });
}

/**
 * The preflight of a finished document, or its findings from the cache: they follow from
 * the layout (its key), the print boxes and the texts it is checked against.
 */
export async function checkPages(
  context: BuildContext,
  document: Pick<RenderedDocument, "key">,
  input: PreflightInput,
): Promise<PreflightFinding[]> {
  const key = hash(document.key, JSON.stringify(input.expected), JSON.stringify(context.journal.trim), context.press.bleed ?? "");
  const cached = await context.cache.findings(key);
  if (cached) {
    // Read as it was printed, for nothing: the reading thread lets it go.
    if (input.read) dropReading(input.read);
    return cached;
  }
  const findings = await preflight({ fonts: ourFonts(context), ...input });
  await context.cache.saveFindings(key, findings);
  return findings;
}

/** Our fonts, the journal's own included: any other is one the browser fell back to. */
function ourFonts(context: BuildContext): RegExp[] {
  return context.fonts.library.postScriptNames;
}

/** A document laid out in parts and moved to its true folios: each part's PDF as printed, to be joined as it is finished. */
export interface PlacedDocument {
  parts: Uint8Array[];
  layout: DocumentLayout;
  /** The key its findings are cached under (with what they are checked against). */
  key: string;
  firstFolio: number;
  /** Its pages being read back for the preflight already, each part as it was printed. */
  read?: PdfReading;
}

/** A document to lay out as part of one whose first folio is known only later: its name, its HTML, the first folio it was composed with. */
export interface PlacedPart {
  name: string;
  html: string;
  guess: number;
}

/**
 * Lays out a document whose first folio is known only once its page count is: an article
 * of an issue starts after the articles before it. It is laid out from a guessed first
 * folio; `place` takes its page count and gives its true first folio (waiting, window open,
 * for the articles before it), and the laid-out pages are moved there and printed. No
 * second layout: only the folios and the sides of the pages change.
 *
 * A document may come in parts whose pages follow one another (a long article's Chinese
 * and English parts): they are laid out side by side, each in a window of its own, each
 * moved to the folio after the part before it, and printed as one PDF.
 */
export async function renderPlaced(
  context: BuildContext,
  parts: PlacedPart[],
  options: {
    report?: string;
    place: (pageCount: number) => Promise<number>;
    /** Text filled in once the pages are placed, and what it is made from besides them. */
    fill: { values: (layout: PagedResult["layout"], firstFolio: number) => Record<string, string>; from: string };
    /** Called once every part is printed (or found printed in the cache), before they are joined: their windows are free. */
    printed?: () => void;
  },
): Promise<PlacedDocument> {
  const written: PartToLayOut[] = await Promise.all(
    parts.map(async (part) => {
      const file = path.join(context.workDir, `${part.name}.html`);
      await writeFile(file, part.html);
      return { ...part, file, layoutKey: hash(context.code, part.html, "layout") };
    }),
  );
  const htmls = parts.map((part) => part.html);
  const placedKey = (firstFolio: number) => hash(context.code, ...htmls, "placed", String(firstFolio), options.fill.from);
  const known = await Promise.all(written.map((part) => context.cache.layout(part.layoutKey)));
  if (known.every((cached) => cached !== undefined)) {
    const firstFolio = await options.place(pageCount(known.map((cached) => cached.layout)));
    const cached = await context.cache.placed(placedKey(firstFolio));
    if (cached) {
      // Found in the cache, never printed: nothing of it is in a window.
      options.printed?.();
      return { ...cached, key: placedKey(firstFolio), firstFolio };
    }
    return printPlaced(context, written, options, { placed: firstFolio, placedKey });
  }
  return printPlaced(context, written, options, { placedKey, saveLayouts: true });
}

/** A part as written for the window: its HTML file, and the key its layout is cached under. */
interface PartToLayOut extends PlacedPart {
  file: string;
  layoutKey: string;
}

async function printPlaced(
  context: BuildContext,
  parts: PartToLayOut[],
  options: Parameters<typeof renderPlaced>[2],
  keys: { placed?: number; placedKey: (firstFolio: number) => string; saveLayouts?: boolean },
): Promise<PlacedDocument> {
  if (options.report) context.report(options.report);
  const laidOut = await layOutAll(context, parts);
  const documents = laidOut.map((part) => part.document);
  const open = new Set(documents);
  const close = (document: OpenDocument) => (open.delete(document) ? document.close() : Promise.resolve());
  try {
    if (keys.saveLayouts) {
      await Promise.all(
        laidOut.map(({ layoutKey, document }) => context.cache.saveLayout(layoutKey, { pdf: new Uint8Array(), layout: document.layout })),
      );
    }
    const firstFolio = keys.placed ?? (await options.place(pageCount(documents.map((document) => document.layout))));
    // Each part from the folio after the last of the part before it.
    const layouts: DocumentLayout[] = [];
    let folio = firstFolio;
    for (const { guess, document } of laidOut) {
      layouts.push(folio === guess ? document.layout : await document.relocate(folio));
      folio += document.layout.pages.length;
    }
    const layout = joinLayouts(layouts);
    const values = options.fill.values(layout, firstFolio);
    // One part after the other: printing a long part takes its renderer and the browser's
    // PDF compositor most of their memory, and the short part's print, at the same time,
    // only raised that peak (some 30 MB for a 152-page article) to save a fraction of a second.
    // Each part is read back for the preflight as soon as it is printed, on the reading
    // thread, while the next is printed and the parts are joined and finished here (a
    // document of one part while it is finished); its window is closed first, the
    // renderer's memory given back before the reading takes more.
    const printed: Uint8Array[] = [];
    const reads: PdfReading[] = [];
    const boxes = printBoxes(context.journal.trim, context.press.bleed);
    for (const document of documents) {
      const pdf = await document.print(values);
      printed.push(pdf);
      await close(document);
      reads.push(readPages(pdf, { fonts: ourFonts(context), printBoxes: boxes }));
    }
    options.printed?.();
    const read = joinReadings(reads);
    await context.cache.savePlaced(keys.placedKey(firstFolio), { parts: printed, layout });
    return { parts: printed, layout, key: keys.placedKey(firstFolio), firstFolio, read };
  } finally {
    await Promise.all([...open].map(close));
  }
}

/** Lays the parts out side by side; if one fails, the others' windows are given back before its error goes on. */
async function layOutAll<Part extends { file: string }>(
  context: BuildContext,
  parts: Part[],
): Promise<(Part & { document: OpenDocument })[]> {
  // A document in parts is a long one, whose print is the build's peak of memory: the
  // reading thread (its own pdf-lib, the reader and the rules) starts after it, when its
  // first part is read.
  const readerAhead = parts.length === 1;
  const settled = await Promise.allSettled(
    parts.map(async (part) => ({ ...part, document: await layOutInWindow(context, part.file, { readerAhead }) })),
  );
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === "rejected");
  const laidOut = settled.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  if (!failed) return laidOut;
  await Promise.all(laidOut.map((part) => part.document.close()));
  throw failed.reason;
}

function pageCount(layouts: DocumentLayout[]): number {
  return layouts.reduce((sum, layout) => sum + layout.pages.length, 0);
}
