import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import Handlebars from "handlebars";
import { TEMPLATES_DIR } from "../config/paths.ts";
import { hyphenateEnglish } from "../markdown/index.ts";
import type { AbstractsView, ContentsView } from "./issue-view.ts";
import type { ParallelSideView, ParallelTitleView } from "./parallel-view.ts";
import type { JobLineView, XmpIdentificationView } from "./press-view.ts";
import type { ArticleView, XmpView } from "./view.ts";

export type { ArticleView, XmpView } from "./view.ts";
export type { AbstractsView, ContentsView } from "./issue-view.ts";
export type { ParallelSideView, ParallelTitleView, UnitTarget, ColumnShares } from "./parallel-view.ts";
export { type JobLine, type JobLineView, PRISM_PROPERTIES, type XmpIdentificationView } from "./press-view.ts";

type Template<T> = (view: T) => string;

export interface Templates {
  /** The article edition's HTML document. */
  article: Template<ArticleView>;
  /** The issue's contents (目次). */
  contents: Template<ContentsView>;
  /** The issue's English ABSTRACTS page. */
  abstracts: Template<AbstractsView>;
  /** One language of a parallel-text edition. */
  parallel: Template<ParallelSideView>;
  /** The facing-pages edition's title page. */
  parallelTitle: Template<ParallelTitleView>;
  /** The PDF's XMP metadata packet. */
  xmp: Template<XmpView>;
  /** What a PDF/X or PDF/A file adds to its XMP packet: the standards it claims, and the schemas they ask for. */
  xmpIdentification: Template<XmpIdentificationView>;
  /** The job lines printed in the slug of a press PDF, a page each. */
  jobLine: Template<JobLineView>;
}

/** Handlebars with the project's partials (templates/partials/*.hbs, named by file). */
export async function loadTemplates(dir = TEMPLATES_DIR): Promise<Templates> {
  const hbs = Handlebars.create();
  hbs.registerHelper("hyphenate", (text: unknown) => hyphenateEnglish(String(text ?? "")));
  const partialsDir = path.join(dir, "partials");
  for (const file of await readdir(partialsDir)) {
    if (!file.endsWith(".hbs")) continue;
    hbs.registerPartial(path.basename(file, ".hbs"), await readFile(path.join(partialsDir, file), "utf8"));
  }
  const compile = async <T>(name: string): Promise<Template<T>> => hbs.compile<T>(await readFile(path.join(dir, name), "utf8"));
  return {
    article: await compile<ArticleView>("article.hbs"),
    contents: await compile<ContentsView>("contents.hbs"),
    abstracts: await compile<AbstractsView>("abstracts.hbs"),
    parallel: await compile<ParallelSideView>("parallel.hbs"),
    parallelTitle: await compile<ParallelTitleView>("parallel-title.hbs"),
    xmp: await compile<XmpView>("xmp.hbs"),
    xmpIdentification: await compile<XmpIdentificationView>("xmp-identification.hbs"),
    jobLine: await compile<JobLineView>("job-line.hbs"),
  };
}
