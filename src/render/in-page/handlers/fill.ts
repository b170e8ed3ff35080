import { expose } from "../contract.ts";
import { paged } from "../paged.ts";

/**
 * Text known only once the pages are: Node fills the elements marked `data-fill` after
 * layout, before printing (the 文章编号 states the page count). Values keep their width
 * (digits), so no line moves.
 */
export class Fill extends paged().Handler {
  afterRendered(): void {
    expose("fill", fill);
  }
}

function fill(values: Record<string, string>): void {
  for (const el of document.querySelectorAll<HTMLElement>(".pagedjs_page [data-fill]")) {
    const value = values[el.dataset.fill ?? ""];
    if (value !== undefined) el.textContent = value;
  }
}
