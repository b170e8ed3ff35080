import { sideOf } from "../../../content/folio.ts";
import { expose } from "../contract.ts";
import { numberFolios } from "../folios.ts";
import { paged } from "../paged.ts";
import { fitRunningHeads } from "./running-heads.ts";

/**
 * Moves the laid-out pages to start at another folio without laying them out again (an
 * article of an issue, once the articles before it are counted): the page counter of the
 * first page (Paged.js increments it by --pagedjs-page-counter-increment), hence every
 * page's folio, and the side of every page. The lines stay as they are: both sides' text
 * blocks are equally wide.
 */
export class Relocate extends paged().Handler {
  afterRendered(): void {
    expose("relocate", relocate);
  }
}

function relocate(firstFolio: number): void {
  const pages = [...document.querySelectorAll<HTMLElement>(".pagedjs_page")];
  pages[0]?.style.setProperty("--pagedjs-page-counter-increment", String(firstFolio));
  numberFolios(pages);
  pages.forEach((page, i) => {
    const left = sideOf(firstFolio + i) === "left";
    page.classList.toggle("pagedjs_left_page", left);
    page.classList.toggle("pagedjs_right_page", !left);
  });
  // The other side's running head is the other title.
  fitRunningHeads();
}
