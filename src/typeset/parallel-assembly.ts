import type { BuildContext } from "./context.ts";
import type { PressPage } from "./deliver.ts";
import type { RenderedDocument } from "./render-document.ts";
import {
  finishMerged,
  finishPdf,
  mergeDocuments,
  overlayPages,
  pageTop,
  type DocumentInfo,
  type OutlineEntry,
  type PlacedPage,
} from "../output/index.ts";
import type { Lang } from "../parallel/plan.ts";
import type { Area } from "../render/layout.ts";

/** The two finished sides of a parallel edition and what the edition's PDF says of itself. */
export interface ParallelParts {
  sides: Record<Lang, RenderedDocument>;
  /** Each side's PDF, finished (outline, folios, trim). */
  pdfs: Record<Lang, Uint8Array>;
  info: DocumentInfo;
  xmp: string;
  /** A page of the edition as the press output describes it, from its text area. */
  page: (area: Area | undefined) => PressPage;
}

export interface AssembledEdition {
  pdf: Uint8Array;
  pages: PressPage[];
}

/** Pages (spreads, or pages of two columns) as many as the longer side has. */
export const pageCountOf = (sides: Record<Lang, RenderedDocument>) => Math.max(sides.zh.layout.pages.length, sides.en.layout.pages.length);

/**
 * Facing pages: the title page, then spread i holds the Chinese page i on the left and the
 * English page i on the right; a side that ran out leaves its page blank. The outline opens
 * with the edition's title, then both sides' headings.
 */
export async function assembleFacing(
  context: BuildContext,
  parts: ParallelParts,
  titlePage: RenderedDocument,
  title: string,
): Promise<AssembledEdition> {
  const { sides, info, xmp, page } = parts;
  const titlePdf = await finishPdf(titlePage.pdf, {
    info,
    trim: context.journal.trim,
    bleed: context.press.bleed,
    firstFolio: 1,
    outlineTitles: [title],
    xmp: "",
  });
  const order: PlacedPage[] = [{ part: 0, page: 0 }];
  const pages = [page(titlePage.layout.pages[0]?.area)];
  for (let i = 0; i < pageCountOf(sides); i++) {
    order.push(i < sides.zh.layout.pages.length ? { part: 1, page: i } : "blank");
    order.push(i < sides.en.layout.pages.length ? { part: 2, page: i } : "blank");
    pages.push(page(sides.zh.layout.pages[i]?.area), page(sides.en.layout.pages[i]?.area));
  }
  const merged = await mergeDocuments(
    [
      { name: "title", pdf: titlePdf },
      { name: "zh", pdf: parts.pdfs.zh },
      { name: "en", pdf: parts.pdfs.en },
    ],
    order,
  );
  const outline: OutlineEntry[] = [
    { title: `${title}（中英对照）`, dest: pageTop(merged.pdf, 0), children: [] },
    ...(merged.parts[1]?.outline ?? []),
    ...(merged.parts[2]?.outline ?? []),
  ];
  const pdf = await finishMerged(merged.pdf, { info, xmp, labels: [{ startPage: 0, style: "decimal", first: 1 }], outline, links: [] });
  return { pdf, pages };
}

/** Two columns of one page: the English side's pages drawn over the Chinese side's, page by page. */
export async function assembleColumns(parts: ParallelParts): Promise<AssembledEdition> {
  const { sides, info, xmp, page } = parts;
  const pages = Array.from({ length: pageCountOf(sides) }, (_, i) => page(sides.zh.layout.pages[i]?.area));
  const overlaid = await overlayPages(parts.pdfs.zh, parts.pdfs.en, "en");
  const pdf = await finishMerged(overlaid.pdf, {
    info,
    xmp,
    labels: [{ startPage: 0, style: "decimal", first: 1 }],
    outline: overlaid.outline,
    links: [],
  });
  return { pdf, pages };
}
