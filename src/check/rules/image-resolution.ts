import type { SourceProblem } from "../../content/errors.ts";
import { resolutionWarnings } from "../../compose/resolution.ts";
import type { CheckedArticle } from "../rule.ts";

/** Pictures that would print under 300 ppi at the width the source gives them (as `build` warns). */
export function checkImageResolution({ journal, article, bodies }: CheckedArticle): SourceProblem[] {
  return [
    ...(bodies.zh ? resolutionWarnings(journal, bodies.zh, article.zh.file) : []),
    ...(bodies.en ? resolutionWarnings(journal, bodies.en, article.en.file) : []),
  ];
}
