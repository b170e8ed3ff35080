import type { SourceProblem } from "../content/errors.ts";
import type { Article, IssueSources } from "../content/load.ts";
import type { Journal } from "../content/schema.ts";
import type { FontLibrary } from "../fonts/library.ts";
import type { RenderedBody } from "../markdown/index.ts";
import type { YamlSource } from "../content/yaml-source.ts";

/** One article as the check sees it: its sources, where its front matter fields are, its rendered bodies. */
export interface CheckedArticle {
  journal: Journal;
  issue: IssueSources;
  article: Article;
  /** zh.md's front matter, to name the line of a field. */
  front: YamlSource;
  /** The bodies that rendered without a fault (a faulty one is reported by the Markdown rules). */
  bodies: { zh?: RenderedBody; en?: RenderedBody };
  /** The fonts the journal's pages print with, its own included. */
  fonts: FontLibrary;
}

/** A rule about one article. */
export type ArticleRule = (checked: CheckedArticle) => SourceProblem[] | Promise<SourceProblem[]>;

/** A rule about the articles of one issue together, in print order. */
export type IssueRule = (issue: IssueSources) => SourceProblem[];
