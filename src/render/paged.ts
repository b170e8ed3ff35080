import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Printer from "pagedjs-cli";
import type { Browser, Page } from "puppeteer";
import type { DocumentLayout } from "./layout.ts";

const IN_PAGE = path.join(path.dirname(fileURLToPath(import.meta.url)), "in-page");

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
  /** Print the PDF too (default); without it only the layout is read (its `pdf` is empty). */
  print?: boolean;
  /** Text for the elements marked `data-fill="<name>"`, from the layout, set before printing. */
  fill?: (layout: DocumentLayout) => Record<string, string>;
}

/**
 * Lays out a composed HTML file with Paged.js (through pagedjs-cli's Printer) in the
 * given browser, reads the layout back and prints the PDF from the same page.
 */
export async function renderWithPagedJs(browser: Browser, htmlFile: string, options: PagedOptions): Promise<PagedResult> {
  const printer = new Printer({
    allowLocal: true,
    // Requests are filtered only when allowedPaths is set; then every remote one is refused.
    allowRemote: false,
    allowedPaths: [...options.readableRoots, path.dirname(htmlFile), IN_PAGE],
    additionalScripts: ["prepare.js", "facing.js", "align.js", "layout.js"].map((script) => path.join(IN_PAGE, script)),
    timeout: options.timeout ?? 180_000,
    closeAfter: false,
  });
  // A context (a window) of its own: Paged.js paginates on animation frames, which stop in
  // a background tab, so documents laid out side by side each need their own window.
  const context = await browser.createIncognitoBrowserContext();
  printer.browser = {
    // After Paged.js has finished, render() waits for the network to be idle for 0.5 s.
    // Fonts are loaded before layout and nothing is fetched after it: wait only for what
    // is still in flight, if anything.
    async newPage() {
      const page = await context.newPage();
      const waitForNetworkIdle = page.waitForNetworkIdle.bind(page);
      page.waitForNetworkIdle = (wait) => waitForNetworkIdle({ ...wait, idleTime: 0 });
      return page;
    },
  };
  let pages = 0;
  printer.on("page", () => options.onPage?.(++pages));
  let page: Page | undefined;
  try {
    page = await printer.render({ url: pathToFileURL(htmlFile).href });
    const layout = (await page.evaluate("window.paibanReadLayout()")) as DocumentLayout;
    if (options.fill) await page.evaluate(`window.paibanFill(${JSON.stringify(options.fill(layout))})`);
    const pdf = options.print === false ? new Uint8Array() : await printToPdf(page);
    return { pdf, layout };
  } finally {
    await page?.close().catch(() => undefined);
    // The browser is shared by the whole build: close the window, not the browser.
    await context.close().catch(() => undefined);
  }
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
