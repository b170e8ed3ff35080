import type { UnitSpace } from "../../../compose/parallel-view.ts";
import { paged } from "../paged.ts";

/**
 * One side of a parallel-text edition carries, in
 * `<script type="application/json" id="paiban-alignment">`, the white space to leave
 * before each alignment unit so that the unit starts where its counterpart does
 * (src/parallel/align.ts works it out). The spacers go in before Paged.js parses the
 * content, so that they are laid out like any other block.
 */
export class Alignment extends paged().Handler {
  beforeParsed(content: DocumentFragment): void {
    const spec = content.getElementById("paiban-alignment");
    if (!spec) return;
    const units = JSON.parse(spec.textContent || "{}") as Record<string, UnitSpace>;
    for (const [id, { breaks, space }] of Object.entries(units)) {
      const unit = content.querySelector(`[data-align="${CSS.escape(id)}"]`);
      if (!unit) continue;
      // Each break starts a new page: two or more leave blank pages opposite a longer counterpart.
      for (let i = 0; i < breaks; i++) unit.before(spacer("align-break", 0));
      if (space > 0) unit.before(spacer("align-space", space));
    }
  }
}

function spacer(className: string, height: number): HTMLDivElement {
  const div = document.createElement("div");
  div.className = className;
  div.setAttribute("aria-hidden", "true");
  if (height > 0) div.style.height = `${height}pt`;
  return div;
}
