import { numberFolio, numberFolios } from "../folios.ts";
import { paged } from "../paged.ts";

/**
 * Each page's folio, set once the page is laid out (in-page/folios.ts: why not a counter),
 * and every page's once more when all are: a page put in among them later (a blank page
 * to bring a chapter to its side) counts as the counter would have counted it.
 */
export class Folios extends paged().Handler {
  afterPageLayout(pageElement: HTMLElement): void {
    numberFolio(pageElement);
  }

  afterRendered(): void {
    numberFolios([...document.querySelectorAll<HTMLElement>(".pagedjs_page")]);
  }
}
