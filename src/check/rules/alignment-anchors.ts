import path from "node:path";
import { problem, type SourceProblem } from "../../content/errors.ts";
import type { MarkdownSource } from "../../content/load.ts";
import type { AlignmentAnchor } from "../../markdown/env.ts";
import type { CheckedArticle } from "../rule.ts";
import { columnOf, lineText } from "../source-lines.ts";

/**
 * Alignment anchors on one side only: a parallel-text edition sets such a passage alone,
 * with blank space opposite. Headings without `{#id}` are `s1`, `s2`… in both languages,
 * so a heading the other version lacks shows here too.
 */
export function checkAlignmentAnchors({ article, bodies }: CheckedArticle): SourceProblem[] {
  const { zh, en } = bodies;
  // A body that did not render has its own errors; comparing it would only add noise.
  if (!zh || !en) return [];
  return [...alone(article.zh, zh.anchors, article.en, en.anchors), ...alone(article.en, en.anchors, article.zh, zh.anchors)];
}

function alone(source: MarkdownSource, anchors: AlignmentAnchor[], other: MarkdownSource, others: AlignmentAnchor[]): SourceProblem[] {
  const ids = new Set(others.map((a) => a.id));
  const otherName = path.basename(other.file);
  return anchors
    .filter((a) => !ids.has(a.id))
    .map((a) => {
      const written = `{#${a.id}}`;
      const implicit = a.heading && !lineText(source, a.line).includes(written);
      // A heading without an anchor is unit s<n>: name it by its words, which the editor wrote.
      const what = implicit
        ? `the heading '${headingText(source, a.line)}' (unit ${a.id})`
        : `the ${a.heading ? "heading" : "passage"} ${written}`;
      return problem(source.file, `${what} has no counterpart in ${otherName}`, {
        severity: "warning",
        line: a.line,
        column: implicit ? 1 : (columnOf(source, a.line, written) ?? 1),
        hint: implicit
          ? `headings are matched in order: end this one and its counterpart with the same {#id}, or leave it if ${otherName} has none`
          : `end the corresponding paragraph or heading of ${otherName} with ${written}, or leave it if there is none`,
      });
    });
}

function headingText(source: MarkdownSource, fileLine: number | undefined): string {
  return lineText(source, fileLine)
    .replace(/^\s*#+\s*/, "")
    .replace(/\s*#*\s*$/, "");
}
