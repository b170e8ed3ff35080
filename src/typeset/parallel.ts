import { composeWithFaces } from "../compose/faces.ts";
import { parallelSideView, parallelTitleView } from "../compose/parallel-view.ts";
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
import { alignNext, type Lang, type Spacing, type UnitPosition } from "../parallel/align.ts";
import { matchUnits } from "../parallel/units.ts";
import type { PreflightFinding } from "../preflight/index.ts";
import type { Area, DocumentLayout } from "../render/layout.ts";
import type { BuildContext } from "./context.ts";
import { layoutErrors } from "./layout-problems.ts";
import type { PressPage } from "./deliver.ts";
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
  rounds: number;
}

type Side = RenderedDocument;

const LANGS: Lang[] = ["zh", "en"];

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

  const spacing: Spacing = { zh: {}, en: {} };
  const name = `${article.meta.id}-${layout}`;
  // While aligning, only the layout is read; the PDFs are printed once every unit is level.
  const render = async (lang: Lang, round: number | "final"): Promise<Side> => {
    const view = parallelSideView(base, layout, lang, spacing[lang]);
    const html = await composeWithFaces((styles) => context.templates.parallel({ ...view, styles }), view.styles, context.fonts);
    return renderDocument(context, `${name}-${lang}-${round}`, html, { print: round === "final" });
  };
  const titleView = parallelTitleView(base, journal, issue.issue);
  const title =
    layout === "facing"
      ? composeWithFaces((styles) => context.templates.parallelTitle({ ...titleView, styles }), titleView.styles, context.fonts).then(
          (html) => renderDocument(context, `${name}-title`, html),
        )
      : undefined;
  const [zh, en] = await Promise.all([render("zh", 0), render("en", 0)]);
  let sides: Record<Lang, Side> = { zh, en };
  // Each round levels the first unit that is not level, on the side that starts it earlier.
  const maxRounds = 4 * units.matched.length + 8;
  let rounds = 1;
  for (;;) {
    const step = alignNext(units.matched, { zh: positionsOf(sides.zh.layout), en: positionsOf(sides.en.layout) }, spacing);
    if (!step) break;
    if (rounds >= maxRounds) {
      warnings.push(
        problem(
          article.zh.file,
          `the passage {#${step.unit}} could not be levelled with its counterpart in ${rounds} layouts; the edition is written as it stands`,
          {
            severity: "warning",
            line: bodies.zh.anchors.find((a) => a.id === step.unit)?.line,
          },
        ),
      );
      break;
    }
    context.report(`aligning ${name}: {#${step.unit}} (${step.lang})`);
    sides[step.lang] = await render(step.lang, rounds);
    rounds++;
  }
  const [zhFinal, enFinal] = await Promise.all([render("zh", "final"), render("en", "final")]);
  sides = { zh: zhFinal, en: enFinal };
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
  return { layout, pdf, pageCount: layout === "facing" ? 1 + 2 * pageCount : pageCount, pages, warnings, findings, rounds };
}

function positionsOf(layout: DocumentLayout): Map<string, UnitPosition> {
  return new Map(layout.anchors.map((a) => [a.id, { page: a.page, top: a.top }]));
}
