import { AREA } from "./build.ts";
import type { PdfPage } from "./pdf.ts";

/**
 * The folio printed on a page: a number at the outer end of a line in the head or the foot, outside
 * the text area (none: undefined). Numbers inside the running head ("2021年第3期") are not folios.
 */
export function printedFolio(page: PdfPage): number | undefined {
  const margin = page.runs.filter((r) => r.text.trim() !== "" && (r.top < AREA.top || r.top > AREA.bottom));
  const folios = margin.filter((r) => {
    if (!/^\d+$/.test(r.text.trim())) return false;
    const line = margin.filter((o) => Math.abs(o.top - r.top) < 1);
    return line.every((o) => o.x >= r.x) || line.every((o) => o.right <= r.right);
  });
  return folios.length === 1 ? Number(folios[0]?.text) : undefined;
}
