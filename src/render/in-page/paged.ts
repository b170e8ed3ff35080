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
