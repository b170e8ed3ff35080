import type { SourceProblem } from "../../content/errors.ts";
import { uncoveredCharacters } from "../../fonts/coverage.ts";
import type { CheckedArticle } from "../rule.ts";

/** A character of the article that none of our fonts (nor the journal's own) has: it would print as a blank box. */
export function checkFontCoverage({ article, fonts }: CheckedArticle): Promise<SourceProblem[]> {
  return uncoveredCharacters(fonts, [article.zh.file, article.en.file]);
}
