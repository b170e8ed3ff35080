import { writeFile } from "node:fs/promises";
import path from "node:path";
import { hash } from "../cache/hash.ts";
import { preflight, type PreflightFinding, type PreflightInput } from "../preflight/index.ts";
import { openPagedJs, type OpenDocument, type PagedResult } from "../render/paged.ts";
import type { BuildContext } from "./context.ts";

/** A laid-out document, and the key its layout is cached under. */
export interface RenderedDocument extends PagedResult {
  key: string;
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

/** Lays a composed document out in a window of its own when the pool has room, reporting its pages as they come. */
async function layOutInWindow(context: BuildContext, htmlFile: string, options: { flow?: boolean } = {}): Promise<OpenDocument> {
  const name = path.basename(htmlFile, ".html");
  return context.pool(async () => {
    context.progress(name, 0);
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
export async function checkPages(context: BuildContext, document: RenderedDocument, input: PreflightInput): Promise<PreflightFinding[]> {
  const key = hash(document.key, JSON.stringify(input.expected), JSON.stringify(context.journal.trim), context.press.bleed ?? "");
  const cached = await context.cache.findings(key);
  if (cached) return cached;
  // Our fonts, the journal's own included: any other is one the browser fell back to.
  const findings = await preflight({ fonts: context.fonts.library.postScriptNames, ...input });
  await context.cache.saveFindings(key, findings);
  return findings;
}

/**
 * Lays out a document whose first folio is known only once its page count is: an article
 * of an issue starts after the articles before it. It is laid out from a guessed first
 * folio; `place` takes its page count and gives its true first folio (waiting, window open,
 * for the articles before it), and the laid-out pages are moved there and printed. No
 * second layout: only the folios and the sides of the pages change.
 */
export async function renderPlaced(
  context: BuildContext,
  name: string,
  html: string,
  options: {
    report?: string;
    /** The first folio the HTML was composed with. */
    guess: number;
    place: (pageCount: number) => Promise<number>;
    /** Text filled in once the pages are placed, and what it is made from besides them. */
    fill: { values: (layout: PagedResult["layout"], firstFolio: number) => Record<string, string>; from: string };
  },
): Promise<RenderedDocument & { firstFolio: number }> {
  const htmlFile = path.join(context.workDir, `${name}.html`);
  await writeFile(htmlFile, html);
  const layoutKey = hash(context.code, html, "layout");
  const placedKey = (firstFolio: number) => hash(context.code, html, "placed", String(firstFolio), options.fill.from);
  const known = await context.cache.layout(layoutKey);
  if (known) {
    const firstFolio = await options.place(known.layout.pages.length);
    const cached = await context.cache.layout(placedKey(firstFolio));
    if (cached) return { ...cached, key: placedKey(firstFolio), firstFolio };
    return printPlaced(context, htmlFile, options, firstFolio, placedKey);
  }
  return printPlaced(context, htmlFile, options, undefined, placedKey, layoutKey);
}

async function printPlaced(
  context: BuildContext,
  htmlFile: string,
  options: Parameters<typeof renderPlaced>[3],
  placed: number | undefined,
  placedKey: (firstFolio: number) => string,
  layoutKey?: string,
): Promise<RenderedDocument & { firstFolio: number }> {
  if (options.report) context.report(options.report);
  const document = await layOutInWindow(context, htmlFile);
  try {
    if (layoutKey) await context.cache.saveLayout(layoutKey, { pdf: new Uint8Array(), layout: document.layout });
    const firstFolio = placed ?? (await options.place(document.layout.pages.length));
    const layout = firstFolio === options.guess ? document.layout : await document.relocate(firstFolio);
    const pdf = await document.print(options.fill.values(layout, firstFolio));
    await context.cache.saveLayout(placedKey(firstFolio), { pdf, layout });
    return { pdf, layout, key: placedKey(firstFolio), firstFolio };
  } finally {
    await document.close();
  }
}
