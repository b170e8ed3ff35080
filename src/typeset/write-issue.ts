import path from "node:path";
import { oneLineTitle } from "../content/title.ts";
import { writeAtomically } from "../files/write.ts";
import type { BuiltArticle, BuiltIssue, BuiltParallel } from "./built.ts";
import type { Deliverable, Delivered } from "./deliver.ts";
import type { MadeIssue } from "./make-issue.ts";
import type { ParallelEdition } from "./parallel.ts";

/** The languages every document of an issue holds. */
const LANGUAGES = ["zh", "en"];

/**
 * What an issue's build delivers, in the order `writeIssue` writes it: the offprints and
 * parallel editions in `folder` (`dist/2021-03/`), the issue PDF beside it (`dist/2021-03.pdf`).
 */
export function deliverables(made: MadeIssue, folder: string): Deliverable[] {
  return [
    ...made.articles.map((a) => ({
      part: a.article.meta.id,
      file: path.join(folder, `${a.article.meta.id}.pdf`),
      pdf: a.pdf,
      pages: a.layout.pages.map((page) => ({ area: page.area, title: oneLineTitle(a.article.meta), articleNumber: a.articleNumber })),
      languages: LANGUAGES,
    })),
    ...made.parallel.map(({ article, edition }) => ({
      part: `${article.meta.id}.parallel-${edition.layout}`,
      file: path.join(folder, `${article.meta.id}.parallel-${edition.layout}.pdf`),
      pdf: edition.pdf,
      pages: edition.pages,
      languages: LANGUAGES,
    })),
    ...(made.edition
      ? [{ part: path.basename(folder), file: `${folder}.pdf`, pdf: made.edition.pdf, pages: made.edition.pages, languages: LANGUAGES }]
      : []),
  ];
}

/**
 * Writes what an issue's build made and delivered (`delivered`, in the order of
 * `deliverables`), once all of it was laid out and checked: each file, and its archive copy
 * when one was made, written whole and renamed into place. One line a file.
 */
export async function writeIssue(made: MadeIssue, delivered: Delivered[], report: (line: string) => void): Promise<BuiltIssue> {
  const write = async (item: Delivered, line: string) => {
    await writeAtomically(item.file, item.pdf);
    report(`wrote ${path.relative(process.cwd(), item.file)}${item.standard ? ` (${item.standard})` : ""}: ${line}`);
    if (item.archive) {
      await writeAtomically(item.archive.file, item.archive.pdf);
      report(`wrote ${path.relative(process.cwd(), item.archive.file)}: the archive copy (${item.archive.conformance})`);
    }
    return item.archive?.file;
  };
  const deliveredAt = (i: number) => delivered[i] as Delivered;
  const articles: BuiltArticle[] = [];
  for (const [i, a] of made.articles.entries()) {
    const notes = a.layout.pages.reduce((n, p) => n + p.notes.length, 0);
    const archiveFile = await write(
      deliveredAt(i),
      `pages ${a.firstPage}–${a.firstPage + a.pageCount - 1}, ${notes} notes, 文章编号 ${a.articleNumber} ` +
        `(${a.seconds.toFixed(1)} s: layout ${a.profile.layout.toFixed(1)}, finishing ${a.profile.finish.toFixed(1)}, preflight ${a.profile.preflight.toFixed(1)})`,
    );
    articles.push({
      id: a.article.meta.id,
      file: deliveredAt(i).file,
      archiveFile,
      layout: a.layout,
      firstPage: a.firstPage,
      pageCount: a.pageCount,
      articleNumber: a.articleNumber,
    });
  }
  const offset = articles.length;
  const parallel: BuiltParallel[] = [];
  for (const [i, { article, edition }] of made.parallel.entries()) {
    const item = deliveredAt(offset + i);
    const archiveFile = await write(item, `parallel text (${edition.layout}), ${edition.pageCount} pages; ${levelReport(edition)}`);
    parallel.push({ id: article.meta.id, layout: edition.layout, file: item.file, archiveFile });
  }
  let file: string | undefined;
  let archiveFile: string | undefined;
  if (made.edition) {
    const item = deliveredAt(offset + made.parallel.length);
    archiveFile = await write(
      item,
      `the issue, ${made.edition.pageCount} pages, ${articles.length} article${articles.length === 1 ? "" : "s"}`,
    );
    file = item.file;
  }
  return { file, archiveFile, articles, parallel };
}

/** What levelling a parallel edition came to, for the line that says it was written. */
function levelReport({ levels, layouts, columns }: ParallelEdition): string {
  const alone = levels.alone > 0 ? `, ${levels.alone} set alone` : "";
  const widths = columns ? `columns ${Math.round(columns.zh * 100)}% + ${Math.round(columns.en * 100)}%, ` : "";
  const gap = Number.isFinite(levels.largestDifference) ? `${levels.largestDifference.toFixed(1)} pt` : "a page";
  return (
    `${widths}${levels.unlevel > 0 ? `${levels.units - levels.unlevel} of ` : ""}${levels.units} units level (${levels.byWhiteSpace} by white space, ${levels.byNewSpread} by a new spread)${alone}, ` +
    `largest gap left ${gap}, ${layouts.zh} + ${layouts.en} layouts (Chinese + English)`
  );
}
