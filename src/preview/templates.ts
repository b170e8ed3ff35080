import { readFile } from "node:fs/promises";
import path from "node:path";
import Handlebars from "handlebars";
import { TEMPLATES_DIR } from "../config/paths.ts";

/** What the preview adds to an article's head. */
export interface PreviewHeadView {
  version: number;
  scripts: string[];
}

export interface PreviewErrorView {
  version: number;
  title: string;
  /** Each problem as the command line prints it (formatProblem). */
  problems: { severity: string; text: string }[];
  reloadScript: string;
}

export interface PreviewIndexView {
  version: number;
  issues: { name: string; articles: { href: string; title: { zh: string; en: string } }[] }[];
  reloadScript: string;
}

export interface PreviewTemplates {
  head: (view: PreviewHeadView) => string;
  error: (view: PreviewErrorView) => string;
  index: (view: PreviewIndexView) => string;
}

/** The preview's own pages (templates/preview-*.hbs), read afresh on every rebuild like the article's. */
export async function loadPreviewTemplates(dir = TEMPLATES_DIR): Promise<PreviewTemplates> {
  const hbs = Handlebars.create();
  const compile = async <T>(name: string) => hbs.compile<T>(await readFile(path.join(dir, name), "utf8"));
  return {
    head: await compile<PreviewHeadView>("preview-head.hbs"),
    error: await compile<PreviewErrorView>("preview-error.hbs"),
    index: await compile<PreviewIndexView>("preview-index.hbs"),
  };
}
