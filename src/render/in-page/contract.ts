import type { DocumentLayout, FlowReadout } from "../layout.ts";

/**
 * What paiban asks of a laid-out page from Node, through `page.evaluate`, e.g.
 * `page.evaluate(() => window.paiban.readLayout())`: declared once here for both sides.
 * Each function is set by its handler once Paged.js has laid the pages out.
 */
export interface PageApi {
  /** What landed on which page (handlers/layout-readout.ts). */
  readLayout(): DocumentLayout;
  /** One side of a parallel-text edition, block by block and line by line (handlers/flow-readout.ts). */
  readFlow(): FlowReadout;
  /** Sets the text of the elements marked `data-fill` (handlers/fill.ts). */
  fill(values: Record<string, string>): void;
  /** Moves the laid-out pages to start at another folio (handlers/relocate.ts). */
  relocate(firstFolio: number): void;
}

/**
 * The name of the error a layout stops with when a font face of the page did not load
 * (handlers/font-readiness.ts); its message lists the faces, one a line. Errors thrown in
 * the page reach Node with their name and message.
 */
export const FONT_LOAD_ERROR = "FontLoadError";

declare global {
  interface Window {
    paiban: PageApi;
  }
}

/** Makes one of the page's functions callable from Node. */
export function expose<Name extends keyof PageApi>(name: Name, fn: PageApi[Name]): void {
  // Filled in one function at a time, by the handlers that own them.
  window.paiban ??= {} as PageApi;
  window.paiban[name] = fn;
}
