import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser, Page } from "puppeteer";
import { packageFile } from "../config/paths.ts";
import { PAGE_HANDLERS, scriptFile } from "./bundle.ts";
import { FontLoadError } from "./errors.ts";
import { FONT_LOAD_ERROR } from "./in-page/contract.ts";
import { openWindowAhead, takeWindow } from "./windows.ts";
import type { DocumentLayout } from "./layout.ts";

/**
 * The longest document whose window is used again. A renderer keeps the memory of the
 * largest document it has held, Chromium giving none back while it lives: some 120 MB and
 * 2.7 MB a page (a 132-page part, 480 MB). Kept for the rest of the build, a long
 * document's window would hold that through its preflight and every document after it;
 * closed, it costs the next document a new window (about a second of the renderer's time).
 */
const REUSED_UP_TO_PAGES = 50;

/** Paged.js as pagedjs-cli's Printer adds it to the page: its own bundle. */
const PAGED_JS = packageFile("pagedjs-cli/dist/browser.js");

/**
 * What shapes a layout besides its HTML and the styles: this stage's own code (its folder,
 * wherever it is) and the handlers it runs in the page (their bundle). The layout cache
 * keys on them.
 */
export async function layoutCode(): Promise<string[]> {
  return [path.dirname(fileURLToPath(import.meta.url)), await scriptFile(PAGE_HANDLERS)];
}

export interface PagedResult {
  pdf: Uint8Array;
  layout: DocumentLayout;
}

export interface PagedOptions {
  /** Folders the page may read (styles, fonts, the composed HTML's folder). */
  readableRoots: string[];
  /** Give up on a document that takes longer than this (ms). */
  timeout?: number;
  /** Called as Paged.js lays out each page, with the number laid out so far. */
  onPage?: (pages: number) => void;
  /** Read the flow of blocks and lines too (one side of a parallel-text edition). */
  flow?: boolean;
}

/** A document laid out in its own window, still open: it can be moved to other folios, filled in and printed. */
export interface OpenDocument {
  layout: DocumentLayout;
  /**
   * Moves the laid-out pages to start at folio `firstFolio`: the folios and the sides of the
   * pages (odd: right-hand) change, the lines do not (both sides' text blocks are equally
   * wide). Returns the layout as it now stands.
   */
  relocate(firstFolio: number): Promise<DocumentLayout>;
  /** Sets the text of the elements marked data-fill, then prints. */
  print(fill?: Record<string, string>): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * Lays out a composed HTML file with Paged.js (through pagedjs-cli's Printer) in a window
 * of its own in the given browser, and reads the layout back; the window stays open until
 * the document is closed.
 */
export async function openPagedJs(browser: Browser, htmlFile: string, options: PagedOptions): Promise<OpenDocument> {
  const handlers = await scriptFile(PAGE_HANDLERS);
  // The scripts render() adds: Paged.js (pagedjs-cli's own copy), then ours.
  const scripts = [PAGED_JS, handlers];
  const Printer = await loadPrinter();
  const printer = new Printer({
    // No allowedPaths: pagedjs-cli would then send every request to Node to be let through.
    // The window's own filter (request-filter.ts) asks only about those that matter.
    allowLocal: true,
    allowRemote: false,
    // After Paged.js, which pagedjs-cli adds itself.
    additionalScripts: [handlers],
    timeout: options.timeout ?? 180_000,
    closeAfter: false,
  });
  // A window of its own, perhaps one an earlier document left (render/windows.ts).
  const lent = await takeWindow(browser, prepareWindow);
  lent.filter.allow([...options.readableRoots, path.dirname(htmlFile), ...scripts.map((file) => path.dirname(file))]);
  printer.browser = { newPage: async () => lent.page };
  let pages = 0;
  printer.on("page", () => options.onPage?.(++pages));
  try {
    const open = await printer.render({ url: pathToFileURL(htmlFile).href });
    // The page's side of these calls: in-page/contract.ts.
    const readLayout = () => open.evaluate(() => window.paiban.readLayout());
    const layout = await readLayout();
    if (options.flow) layout.flow = await open.evaluate(() => window.paiban.readFlow());
    return {
      layout,
      async relocate(firstFolio) {
        await open.evaluate((folio) => window.paiban.relocate(folio), firstFolio);
        return readLayout();
      },
      async print(fill) {
        if (fill) await open.evaluate((values) => window.paiban.fill(values), fill);
        return printToPdf(open);
      },
      // The browser is shared by the whole build: the window goes back to it, for the next
      // document, unless it held a long one (its renderer keeps that memory).
      close: () => (layout.pages.length > REUSED_UP_TO_PAGES ? lent.discard() : lent.release().catch(() => lent.discard())),
    };
  } catch (error) {
    await lent.discard();
    const faces = failedFaces(error);
    if (faces !== undefined) throw new FontLoadError(path.basename(htmlFile), faces);
    throw error;
  }
}

/** Opens the window ahead where the first document will be laid out, and loads pagedjs-cli, while Node composes that document. */
export function prepareLayout(browser: Browser): void {
  openWindowAhead(browser, prepareWindow);
  loadPrinter().catch(() => undefined);
}

/** pagedjs-cli, loaded when first needed: with puppeteer, half a second a build that lays nothing out need not spend. */
let printerClass: Promise<typeof import("pagedjs-cli").default> | undefined;
function loadPrinter(): Promise<typeof import("pagedjs-cli").default> {
  printerClass ??= import("pagedjs-cli").then((module) => module.default);
  return printerClass;
}

/** Sets a new window up, once for every document it will hold. */
async function prepareWindow(page: Page): Promise<void> {
  // Paged.js lays the source out in pages; drawn whole first, as it loads, it would cost
  // a fifth of a small document's layout. A sheet of the window's own, which neither
  // Paged.js nor the composed HTML (kept with --keep-html for other tools) sees.
  await page.evaluateOnNewDocument(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync("body > :not(.pagedjs_pages) { display: none }");
    document.adoptedStyleSheets = [sheet];
  });
  // After Paged.js has finished, render() waits for the network to be idle for 0.5 s.
  // Fonts are loaded before layout and nothing is fetched after it: wait only for what
  // is still in flight, if anything.
  const waitForNetworkIdle = page.waitForNetworkIdle.bind(page);
  page.waitForNetworkIdle = (wait) => waitForNetworkIdle({ ...wait, idleTime: 0 });
  // render() keeps the document's source, and never reads it: serialising it costs 0.1 s.
  page.content = async () => "";
  // render() inlines each script's text (1 MB of Paged.js sent over for every document);
  // loaded from its file, a script is compiled once per window, and kept.
  const addScriptTag = page.addScriptTag.bind(page);
  page.addScriptTag = (tag) => addScriptTag(tag.path ? { url: pathToFileURL(tag.path).href } : tag);
  // render() sets the headers it was given (none: a build fetches nothing over HTTP) without
  // waiting for the answer: a build ending as a document starts (another one failed) would kill
  // the browser under it and leave that request's failure unhandled, which ends Node.
  page.setExtraHTTPHeaders = async () => undefined;
}

/** Lays out a composed HTML file, reads the layout back and prints the PDF from the same window. */
export async function renderWithPagedJs(browser: Browser, htmlFile: string, options: PagedOptions): Promise<PagedResult> {
  const document = await openPagedJs(browser, htmlFile, options);
  try {
    const { layout } = document;
    const pdf = await document.print();
    return { pdf, layout };
  } finally {
    await document.close();
  }
}

/**
 * The faces that did not load, when the page stopped for that (in-page/handlers/font-readiness.ts):
 * puppeteer gives the page's error as an Error whose message starts with the name it had.
 */
function failedFaces(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error.name === FONT_LOAD_ERROR) return error.message;
  const prefix = `${FONT_LOAD_ERROR}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : undefined;
}

/**
 * Chromium's own printToPDF, which (unlike puppeteer 20's page.pdf) can write the
 * document outline from the headings and a tagged PDF.
 */
async function printToPdf(page: Page): Promise<Uint8Array> {
  const session = await page.target().createCDPSession();
  try {
    const result = (await session.send("Page.printToPDF", {
      printBackground: true,
      preferCSSPageSize: true,
      marginTop: 0,
      marginBottom: 0,
      marginLeft: 0,
      marginRight: 0,
      displayHeaderFooter: false,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
      transferMode: "ReturnAsBase64",
    } as Parameters<typeof session.send<"Page.printToPDF">>[1])) as { data: string };
    return new Uint8Array(Buffer.from(result.data, "base64"));
  } finally {
    await session.detach().catch(() => undefined);
  }
}
