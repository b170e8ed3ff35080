import type { UnitTarget } from "../../../compose/parallel-view.ts";
import { paged, type PagedPage } from "../paged.ts";

/**
 * One side of a parallel-text edition carries, in
 * `<script type="application/json" id="paiban-alignment">`, where each alignment unit is to
 * start (src/parallel plans it): the white space before the unit ends `bottom` points below
 * the top of page `page`. Every unit gets that white space as a gap of its own, a block
 * between the unit and what precedes it, also when it has no target (the first layout,
 * which only measures): the margins on either side never meet across it, so the first
 * layout measures the flow the later ones set.
 *
 * The gap reaches its target while Paged.js lays the pages out, from where the text before
 * it actually ended: page breaks before it while the page is still before the target page
 * (there are a few to spare), then its height on that page.
 */
export class Alignment extends paged().Handler {
  private targets: Record<string, UnitTarget> = {};
  private page?: PagedPage;

  beforeParsed(content: DocumentFragment): void {
    const spec = content.getElementById("paiban-alignment");
    // Only a side of a parallel edition carries it: an article's own pages keep their margins.
    if (!spec) return;
    this.targets = JSON.parse(spec.textContent || "{}") as Record<string, UnitTarget>;
    for (const unit of content.querySelectorAll<HTMLElement>("[data-align]")) {
      const id = unit.dataset.align ?? "";
      const target = this.targets[id];
      // Two breaks to spare, in case the text before the unit ran shorter than planned.
      const breaks = target ? target.breaks + 2 : 0;
      for (let i = 0; i < breaks; i++) unit.before(marker("align-break", id));
      unit.before(marker("align-gap", id));
    }
  }

  beforePageLayout(page: PagedPage): void {
    this.page = page;
  }

  /** Before a spare break is laid out: a page break while the target page is still ahead. */
  layoutNode(node: Node): void {
    if (!(node instanceof HTMLElement) || !node.classList.contains("align-break")) return;
    const target = this.targets[node.dataset.gapFor ?? ""];
    if (target && this.pageNumber() < target.page) node.dataset.breakBefore = "page";
    else delete node.dataset.breakBefore;
  }

  /** Once the gap is on the page: as tall as it takes to end at the target, when this is the target page. */
  renderNode(clone: Node, node: Node): void {
    if (!(clone instanceof HTMLElement) || !(node instanceof HTMLElement) || !node.classList.contains("align-gap")) return;
    const target = this.targets[node.dataset.gapFor ?? ""];
    clone.style.removeProperty("height");
    const pageBox = this.page?.element.querySelector(".pagedjs_pagebox");
    if (!target || !pageBox || this.pageNumber() !== target.page) return;
    const top = (clone.getBoundingClientRect().top - pageBox.getBoundingClientRect().top) * 0.75;
    if (target.bottom - top > 0.01) clone.style.height = `${target.bottom - top}pt`;
  }

  private pageNumber(): number {
    return Number(this.page?.element.dataset.pageNumber ?? 0);
  }
}

function marker(className: string, unit: string): HTMLDivElement {
  const div = document.createElement("div");
  div.className = className;
  div.dataset.gapFor = unit;
  div.setAttribute("aria-hidden", "true");
  return div;
}
