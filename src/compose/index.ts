import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import Handlebars from "handlebars";
import { TEMPLATES_DIR } from "./assets.ts";
import type { ArticleView } from "./view.ts";

export type { ArticleView } from "./view.ts";

type Template = (view: ArticleView) => string;

/** Handlebars with the project's partials (templates/partials/*.hbs, named by file). */
export async function loadTemplates(dir = TEMPLATES_DIR): Promise<{ article: Template }> {
  const hbs = Handlebars.create();
  const partialsDir = path.join(dir, "partials");
  for (const file of await readdir(partialsDir)) {
    if (!file.endsWith(".hbs")) continue;
    hbs.registerPartial(path.basename(file, ".hbs"), await readFile(path.join(partialsDir, file), "utf8"));
  }
  const compile = async (name: string): Promise<Template> =>
    hbs.compile<ArticleView>(await readFile(path.join(dir, name), "utf8"));
  return { article: await compile("article.hbs") };
}
