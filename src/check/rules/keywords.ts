import { problem, type SourceProblem } from "../../content/errors.ts";
import type { CheckedArticle } from "../rule.ts";

/** CAJ-CD: 3 to 8 keywords. */
const FEWEST = 3;
const MOST = 8;

/** 关键词: 3–8 in each language given; the English list, when given, as long as the Chinese one. */
export function checkKeywords({ article, front }: CheckedArticle): SourceProblem[] {
  const { keywords } = article.meta;
  const problems: SourceProblem[] = [];
  for (const lang of ["zh", "en"] as const) {
    const list = keywords[lang];
    if (list === undefined || (list.length >= FEWEST && list.length <= MOST)) continue;
    problems.push(
      problem(article.zh.file, `${list.length} keyword${list.length === 1 ? "" : "s"}; CAJ-CD asks for ${FEWEST} to ${MOST}`, {
        field: `keywords.${lang}`,
        line: front.lineOf(["keywords", lang]),
        hint: list.length < FEWEST ? "add the terms the article is about" : "keep the most specific terms",
      }),
    );
  }
  if (keywords.en !== undefined && keywords.en.length !== keywords.zh.length) {
    problems.push(
      problem(article.zh.file, `${keywords.en.length} English keywords for ${keywords.zh.length} Chinese ones`, {
        severity: "warning",
        field: "keywords.en",
        line: front.lineOf(["keywords", "en"]),
        hint: "translate each Chinese keyword, in the same order",
      }),
    );
  }
  return problems;
}
