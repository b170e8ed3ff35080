import { problem, type SourceProblem } from "../../content/errors.ts";
import type { CheckedArticle } from "../rule.ts";

/** The main classes of the 中国图书馆分类法 (there is no L, M, W or Y). */
const MAIN_CLASSES = new Set("ABCDEFGHIJKNOPQRSTUVXZ");
/** Only 工业技术 (T) has two-letter classes. */
const T_CLASSES = new Set(["TB", "TD", "TE", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TP", "TQ", "TS", "TU", "TV"]);

/** 中图分类号: the schema checks its form; this checks that each class exists in the CLC. */
export function checkClcClass({ article, front }: CheckedArticle): SourceProblem[] {
  const problems: SourceProblem[] = [];
  for (const code of article.meta.clc.split(";").map((c) => c.trim())) {
    const letters = /^[A-Z]+/.exec(code)?.[0] ?? "";
    const known = letters.length === 1 ? MAIN_CLASSES.has(letters) : T_CLASSES.has(letters);
    if (known) continue;
    problems.push(
      problem(article.zh.file, `'${code}' is not a 中图分类号 class: the CLC has no class ${letters}`, {
        field: "clc",
        line: front.lineOf(["clc"]),
        hint: letters.length === 1 ? "the main classes are A–K, N–V, X and Z" : "only class T has two-letter subclasses (TB, TD … TV)",
      }),
    );
  }
  return problems;
}
