import { composeWithFaces } from "../compose/faces.ts";
import { type ColumnShares, parallelSideView, parallelTitleView, type UnitTarget } from "../compose/parallel-view.ts";
import { articleView, keywordList, xmpView } from "../compose/view.ts";
import { problem, type SourceProblem } from "../content/errors.ts";
import type { Article, IssueSources } from "../content/load.ts";
import type { ParallelLayout } from "../content/schema.ts";
import type { RenderedBodies } from "../markdown/index.ts";
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
import { givenShares } from "../parallel/columns.ts";
import { LANGS, type Lang } from "../parallel/plan.ts";
import type { LevelReport } from "../parallel/rounds.ts";
import { matchUnits } from "../parallel/units.ts";
import type { PreflightFinding } from "../preflight/index.ts";
import type { Area } from "../render/layout.ts";
import type { BuildContext } from "./context.ts";
import { layoutErrors } from "./layout-problems.ts";
import type { PressPage } from "./deliver.ts";
import { layOutLevelled, measureColumnShares, unlevelFinding } from "./parallel-sides.ts";
import { checkPages, renderDocument, type RenderedDocument } from "./render-document.ts";

export interface ParallelEdition {
  layout: ParallelLayout;
  pdf: Uint8Array;
  pageCount: number;
  /** What each page is: its text area (the Chinese column's, in two columns), its article's title and 文章编号. */
  pages: PressPage[];
  /** Units set alone (no counterpart), and units that could not be levelled. */
  warnings: SourceProblem[];
  findings: { part: string; finding: PreflightFinding }[];
  /** How the units were levelled, and in how many layouts of each side. */
  levels: LevelReport;
  layouts: Record<Lang, number>;
  /** The columns' shares of the text block (columns only). */
  columns?: ColumnShares;
}

type Side = RenderedDocument;

/**
 * A parallel-text edition of one article: the Chinese and the English laid out as two
 * documents whose alignment units start level (same page or spread, same height), then
 * put together, on facing pages (title page, then Chinese versos opposite English rectos)
 * or as two columns of one page.
 */
export async function buildParallelEdition(
  context: BuildContext,
  issue: IssueSources,
  article: Article,
  bodies: RenderedBodies,
  layout: ParallelLayout,
  articleNumber: string,
): Promise<ParallelEdition> {
  const { journal } = context;
  const base = articleView({
    journal,
    issue: issue.issue,
    meta: article.meta,
    bodies,
    firstPage: 1,
    articleNumber,
    styles: context.assets.styles,
    press: context.press,
  });
  const units = matchUnits(bodies.zh.anchors, bodies.en.anchors);
  const warnings = units.unmatched.map(({ lang, anchor }) =>
    problem(
      lang === "zh" ? article.zh.file : article.en.file,
      `the passage {#${anchor.id}} has no counterpart in ${lang === "zh" ? "en.md" : "zh.md"}: it is set alone, with blank space opposite`,
      {
        line: anchor.line,
        severity: "warning",
        hint: `mark its counterpart with {#${anchor.id}}, or leave it alone if the other language has none`,
      },
    ),
  );

  const name = `${article.meta.id}-${layout}`;
  const titleView = parallelTitleView(base, journal, issue.issue);
  const title =
    layout === "facing"
      ? composeWithFaces((styles) => context.templates.parallelTitle({ ...titleView, styles }), titleView.styles, context.fonts).then(
          (html) => renderDocument(context, `${name}-title`, html),
        )
      : undefined;
  const widths = article.meta.columns ?? issue.issue.columns;
  const side = (lang: Lang, targets: Record<string, UnitTarget>, shares?: ColumnShares) => {
    const view = parallelSideView(base, layout, lang, targets, shares);
    return composeWithFaces((styles) => context.templates.parallel({ ...view, styles }), view.styles, context.fonts);
  };
  // Widths to choose (auto) cost a layout of each side at equal widths, to measure the texts.
  const measure = layout === "columns" && !givenShares(widths);
  const shares =
    layout === "columns"
      ? (givenShares(widths) ?? (await measureColumnShares(context, name, (lang) => side(lang, {}), units.order)))
      : undefined;
  const levelled = await layOutLevelled(context, name, (lang, targets) => side(lang, targets, shares), units.order);
  const sides = levelled.sides;
  const faults = layoutErrors([sides.zh.layout, sides.en.layout], article);
  if (faults) throw faults;

  const info: DocumentInfo = {
    title: `${base.document.title}（中英对照）`,
    author: base.document.author,
    subject: base.document.subject,
    keywords: keywordList(article.meta.keywords),
    lang: "zh-Hans",
    date: context.date,
  };
  const finish = async (lang: Lang, titles: string[], firstFolio: number) =>
    finishPdf(sides[lang].pdf, {
      info,
      trim: journal.trim,
      bleed: context.press.bleed,
      firstFolio,
      outlineTitles: titles,
      xmp: "",
    });
  const zhTitles = [base.title.zh, ...bodies.zh.headings.map((h) => h.text)];
  const enTitles = [base.title.en, ...bodies.en.headings.map((h) => h.text)];
  const [zhPdf, enPdf] = await Promise.all([finish("zh", zhTitles, layout === "facing" ? 2 : 1), finish("en", enTitles, 1)]);
  const findings = (
    await Promise.all(
      LANGS.map(async (lang) => {
        const side = sides[lang];
        const found = await checkPages(context, side, {
          pdf: lang === "zh" ? zhPdf : enPdf,
          layout: side.layout,
          expected: [bodies[lang].texts],
        });
        return found.map((finding) => ({ part: `${name} (${lang})`, finding }));
      }),
    )
  ).flat();

  const pageCount = Math.max(sides.zh.layout.pages.length, sides.en.layout.pages.length);
  const endPage = layout === "facing" ? 1 + 2 * pageCount : pageCount;
  const xmp = context.templates.xmp(xmpView(base, { journal, issue: issue.issue, startPage: 1, endPage, date: context.date }));
  let pdf: Uint8Array;
  const page = (area: Area | undefined): PressPage => ({ area, title: base.title.zh, articleNumber: articleNumber || undefined });
  let pages: PressPage[];
  if (layout === "facing") {
    const titlePage = await (title as Promise<Side>);
    const titlePdf = await finishPdf(titlePage.pdf, {
      info,
      trim: journal.trim,
      bleed: context.press.bleed,
      firstFolio: 1,
      outlineTitles: [base.title.zh],
      xmp: "",
    });
    // Spread i: the Chinese page i on the left, the English page i on the right; a side that ran out leaves its page blank.
    const order: PlacedPage[] = [{ part: 0, page: 0 }];
    pages = [page(titlePage.layout.pages[0]?.area)];
    for (let i = 0; i < pageCount; i++) {
      order.push(i < sides.zh.layout.pages.length ? { part: 1, page: i } : "blank");
      order.push(i < sides.en.layout.pages.length ? { part: 2, page: i } : "blank");
      pages.push(page(sides.zh.layout.pages[i]?.area), page(sides.en.layout.pages[i]?.area));
    }
    const merged = await mergeDocuments(
      [
        { name: "title", pdf: titlePdf },
        { name: "zh", pdf: zhPdf },
        { name: "en", pdf: enPdf },
      ],
      order,
    );
    const outline: OutlineEntry[] = [
      { title: `${base.title.zh}（中英对照）`, dest: pageTop(merged.pdf, 0), children: [] },
      ...(merged.parts[1]?.outline ?? []),
      ...(merged.parts[2]?.outline ?? []),
    ];
    pdf = await finishMerged(merged.pdf, { info, xmp, labels: [{ startPage: 0, style: "decimal", first: 1 }], outline, links: [] });
  } else {
    pages = Array.from({ length: pageCount }, (_, i) => page(sides.zh.layout.pages[i]?.area));
    const overlaid = await overlayPages(zhPdf, enPdf, "en");
    pdf = await finishMerged(overlaid.pdf, {
      info,
      xmp,
      labels: [{ startPage: 0, style: "decimal", first: 1 }],
      outline: overlaid.outline,
      links: [],
    });
  }
  return {
    layout,
    pdf,
    pageCount: layout === "facing" ? 1 + 2 * pageCount : pageCount,
    pages,
    warnings,
    findings: [...levelled.unlevel.map((unit) => ({ part: name, finding: unlevelFinding(unit) })), ...findings],
    levels: levelled.report,
    layouts: measure ? { zh: levelled.layouts.zh + 1, en: levelled.layouts.en + 1 } : levelled.layouts,
    ...(shares ? { columns: shares } : {}),
  };
}
