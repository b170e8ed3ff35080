/**
 * The part of Paged.js that paiban's page handlers use. paged.polyfill.js puts it on
 * `window.Paged`; it is loaded before them (pagedjs-cli adds it first, the preview's page
 * lists it first). See node_modules/pagedjs/src: modules/handler.js, chunker/chunker.js.
 */

/** A page being laid out (chunker/page.js). */
export interface PagedPage {
  /** The `.pagedjs_page` element. */
  element: HTMLElement;
  /** Its content area (`.pagedjs_page_content`), whose height shrinks as notes take the foot. */
  area?: HTMLElement;
  /** What is laid out on it so far (the area's one child); set once its layout starts. */
  wrapper?: HTMLElement;
}

/** The chunker (chunker/chunker.js): the pages so far, the last one being laid out. */
export interface PagedChunker {
  pages: PagedPage[];
  /** Run once the content is parsed, before the first page: Paged.js's own loads every face the stylesheets declare. */
  loadFonts(): Promise<unknown>;
  /** The count of pages that numbers the next page added (Paged.js updates it only when it adds a page of text). */
  total: number;
  /** Adds a page after the last one, with no text (Paged.js's for notes left over). */
  clonePage(page: PagedPage): Promise<void>;
}

/**
 * Paged.js's base of every handler: its constructor registers each method named as a hook
 * (`beforeParsed`, `beforePageLayout`, `afterRendered`…) to be called at that point of the
 * layout. Hooks that return a promise are awaited.
 */
declare class PagedHandler {
  constructor(chunker: unknown, polisher: unknown, caller: unknown);
  /** The chunker the handler was built for (see PagedChunker). */
  chunker: unknown;
}

export type HandlerClass = typeof PagedHandler;

export interface PagedGlobal {
  Handler: HandlerClass;
  /** Adds handlers after Paged.js's own; each is built when a layout starts. */
  registerHandlers(...handlers: HandlerClass[]): void;
  /** Every handler a layout will build, Paged.js's own first. */
  registeredHandlers: HandlerClass[];
}

declare global {
  interface Window {
    /** Absent on a page without Paged.js (the preview's error page). */
    Paged?: PagedGlobal;
  }
}

/** Paged.js, which must be loaded before any handler is defined. */
export function paged(): PagedGlobal {
  if (!window.Paged) throw new Error("paiban's page handlers are loaded before Paged.js");
  return window.Paged;
}

/** Puts a handler in place of one of Paged.js's own, which then is not built at all (the replacement may extend it). */
export function replaceHandler(original: HandlerClass, replacement: HandlerClass): void {
  const handlers = paged().registeredHandlers;
  const at = handlers.indexOf(original);
  if (at < 0) throw new Error("paiban: the Paged.js handler to replace is not registered");
  handlers[at] = replacement;
}
