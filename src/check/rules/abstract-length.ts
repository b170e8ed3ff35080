import { problem, type SourceProblem } from "../../content/errors.ts";
import type { CheckedArticle } from "../rule.ts";

/** The usual length of a 内容提要, in characters. */
const SHORTEST = 200;
const LONGEST = 400;

/** 内容提要 of the usual length (a warning: the journal may accept others). */
export function checkAbstractLength({ article, front }: CheckedArticle): SourceProblem[] {
  // Characters as a reader counts them: white space left out, one per character (not per UTF-16 unit).
  const length = [...article.meta.abstract.zh.replace(/\s/g, "")].length;
  if (length >= SHORTEST && length <= LONGEST) return [];
  return [
    problem(article.zh.file, `${length} characters; a 内容提要 usually has ${SHORTEST} to ${LONGEST}`, {
      severity: "warning",
      field: "abstract.zh",
      line: front.lineOf(["abstract", "zh"]),
      hint:
        length < SHORTEST ? "say what the article finds as well as what it is about" : "shorten it to the article's argument and findings",
    }),
  ];
}
