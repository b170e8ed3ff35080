import { composeWithFaces } from "../compose/faces.ts";
import { type ColumnShares, parallelSideView, parallelTitleView, type UnitTarget } from "../compose/parallel-view.ts";
import { articleView, keywordList, xmpView } from "../compose/view.ts";
import { problem, type SourceProblem } from "../content/errors.ts";
import type { Article, IssueSources } from "../content/load.ts";
import type { ParallelLayout } from "../content/schema.ts";
import type { RenderedBodies } from "../markdown/index.ts";
import { finishPdf, type DocumentInfo } from "../output/index.ts";
import { givenShares } from "../parallel/columns.ts";
import { LANGS, type Lang } from "../parallel/plan.ts";
import type { LevelReport } from "../parallel/rounds.ts";
import { matchUnits } from "../parallel/units.ts";
import type { PreflightFinding } from "../preflight/index.ts";
import type { BuildContext } from "./context.ts";
import { layoutErrors } from "./layout-problems.ts";
import type { PressPage } from "./deliver.ts";
import { assembleColumns, assembleFacing, pageCountOf, type ParallelParts } from "./parallel-assembly.ts";
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
  /** Called once its sides and title page are printed. */
  printed?: () => void,
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
  Promise.resolve(title).then(
    () => printed?.(),
    () => undefined,
  );
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
  const findings = await checkSides(context, name, sides, { zh: zhPdf, en: enPdf }, bodies);

  const pageCount = pageCountOf(sides);
  const endPage = layout === "facing" ? 1 + 2 * pageCount : pageCount;
  const parts: ParallelParts = {
    sides,
    pdfs: { zh: zhPdf, en: enPdf },
    info,
    xmp: context.templates.xmp(xmpView(base, { journal, issue: issue.issue, startPage: 1, endPage, date: context.date })),
    page: (area) => ({ area, title: base.title.zh, articleNumber: articleNumber || undefined }),
  };
  const { pdf, pages } =
    layout === "facing"
      ? await assembleFacing(context, parts, await (title as Promise<Side>), base.title.zh)
      : await assembleColumns(parts);
  return {
    layout,
    pdf,
    pageCount: endPage,
    pages,
    warnings: unmatchedWarnings(article, units.unmatched),
    findings: [...levelled.unlevel.map((unit) => ({ part: name, finding: unlevelFinding(unit) })), ...findings],
    levels: levelled.report,
    layouts: measure ? { zh: levelled.layouts.zh + 1, en: levelled.layouts.en + 1 } : levelled.layouts,
    ...(shares ? { columns: shares } : {}),
  };
}

/** A passage one language marks and the other lacks: set alone, which the journal may mean or not. */
function unmatchedWarnings(article: Article, unmatched: ReturnType<typeof matchUnits>["unmatched"]): SourceProblem[] {
  return unmatched.map(({ lang, anchor }) =>
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
}

/** The preflight of each side on its own, against its own source's texts. */
async function checkSides(
  context: BuildContext,
  name: string,
  sides: Record<Lang, Side>,
  pdfs: Record<Lang, Uint8Array>,
  bodies: RenderedBodies,
): Promise<ParallelEdition["findings"]> {
  const found = await Promise.all(
    LANGS.map(async (lang) => {
      const findings = await checkPages(context, sides[lang], {
        pdf: pdfs[lang],
        layout: sides[lang].layout,
        expected: [bodies[lang].texts],
      });
      return findings.map((finding) => ({ part: `${name} (${lang})`, finding }));
    }),
  );
  return found.flat();
}
