import type { Browser, BrowserContext, Page } from "puppeteer";
import { filterRequests, type RequestFilter } from "./request-filter.ts";

/**
 * A window to lay a document out in, lent for one document. `release` gives it back to be
 * used again; `discard` closes it (after a failure, when its state is not to be trusted).
 */
export interface Window {
  page: Page;
  /** What the window may fetch: told the folders of the document it holds. */
  filter: RequestFilter;
  release(): Promise<void>;
  discard(): Promise<void>;
}

interface OpenWindow {
  context: BrowserContext;
  page: Page;
  filter: RequestFilter;
  /** The functions the document's scripts were given (pagedjs-cli's onPage, onRendered…). */
  exposed: Set<string>;
}

/** The windows of each browser that no document holds. */
const idle = new WeakMap<Browser, OpenWindow[]>();
/** Windows of each browser being opened ahead of the documents that will take them. */
const opening = new WeakMap<Browser, Promise<OpenWindow | undefined>[]>();

/**
 * A window of the browser: one a finished document gave back, else a new one (`prepare`d).
 * Reusing a window is what makes a build fast: its renderer keeps the fonts it has decoded
 * (some 40 slices of Noto Serif SC for an article, about a second of work) and Paged.js's
 * compiled script, so the next document in it starts in a fraction of a new window's time.
 *
 * Each window is a context of its own: Paged.js paginates on animation frames, which stop
 * in a background tab, so documents laid out side by side each need their own window.
 */
export async function takeWindow(browser: Browser, prepare: (page: Page) => Promise<void>): Promise<Window> {
  const windows = idle.get(browser) ?? [];
  idle.set(browser, windows);
  const window = windows.pop() ?? (await opening.get(browser)?.shift()) ?? (await openWindow(browser, prepare));
  return {
    page: window.page,
    filter: window.filter,
    async release() {
      await forget(window);
      windows.push(window);
    },
    discard: () => window.context.close().catch(() => undefined),
  };
}

/**
 * Opens a window before any document asks for one (while Node composes the first), for
 * the first `takeWindow` to take. A window that fails to open is left to that call to open
 * again, and to report.
 */
export function openWindowAhead(browser: Browser, prepare: (page: Page) => Promise<void>): void {
  const ahead = opening.get(browser) ?? [];
  opening.set(browser, ahead);
  ahead.push(openWindow(browser, prepare).catch(() => undefined));
}

/** A new window, `prepare`d once for every document it will hold. */
async function openWindow(browser: Browser, prepare: (page: Page) => Promise<void>): Promise<OpenWindow> {
  const context = await browser.createIncognitoBrowserContext();
  const page = await context.newPage();
  const filter = await filterRequests(page);
  await prepare(page);
  const window: OpenWindow = { context, page, filter, exposed: new Set() };
  const expose = page.exposeFunction.bind(page);
  page.exposeFunction = async (name, fn) => {
    window.exposed.add(name);
    return expose(name, fn);
  };
  return window;
}

/**
 * What the last document left in the window and the next must not meet: its exposed
 * functions (the next document's printer adds its own, under the same names), and its
 * pages (emptying the document frees their memory without a navigation; the decoded fonts
 * stay in the renderer).
 */
async function forget(window: OpenWindow): Promise<void> {
  const { page } = window;
  for (const name of window.exposed) await page.removeExposedFunction(name);
  window.exposed.clear();
  await page.evaluate(() => document.documentElement.replaceChildren());
}
