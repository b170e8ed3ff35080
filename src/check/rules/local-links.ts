import path from "node:path";
import type { Token } from "markdown-it";
import { problem, type SourceProblem } from "../../content/errors.ts";
import { decodePath } from "../../content/images.ts";
import type { MarkdownSource } from "../../content/load.ts";
import { exists } from "../../files/exists.ts";
import { childLine, createEnv } from "../../markdown/env.ts";
import { createMarkdown } from "../../markdown/index.ts";
import type { CheckedArticle } from "../rule.ts";
import { columnOf } from "../source-lines.ts";

/** A target with a scheme (https:, mailto:), from a site's root or another host (/…, //…), or within the page: not a file beside the article. */
const NOT_RELATIVE = /^([a-z][a-z\d+.-]*:|\/|#)/i;

/** Links whose target is a file beside the article (a relative path) that does not exist. Images are the figures' rule (markdown/plugins/figures.ts). */
export async function checkLocalLinks({ article, journal }: CheckedArticle): Promise<SourceProblem[]> {
  const problems: SourceProblem[] = [];
  for (const [lang, source] of [
    ["zh", article.zh],
    ["en", article.en],
  ] as const) {
    for (const link of linksOf(source, lang, journal.fullWidthPunctuation)) {
      if (link.target === "" || NOT_RELATIVE.test(link.target)) continue;
      const written = decodePath(link.target);
      const file = path.resolve(path.dirname(source.file), written);
      if (await exists(file)) continue;
      problems.push(
        problem(source.file, `link to '${link.target}': no such file`, {
          line: link.line,
          column: columnOf(source, link.line, `(${link.target}`, `(${written}`, `(<${written}`) ?? 1,
          hint: `paths are relative to ${path.basename(path.dirname(source.file))}/; put the file there or correct the path`,
        }),
      );
    }
  }
  return problems;
}

interface Link {
  target: string;
  /** Line in the file. */
  line?: number;
}

/** Every link of the body and its notes, with its line in the file. */
function linksOf(source: MarkdownSource, lang: "zh" | "en", fullWidthPunctuation: boolean): Link[] {
  const env = createEnv(lang, path.dirname(path.resolve(source.file)));
  const tokens = createMarkdown({ lang, fullWidthPunctuation }).parse(source.body, env);
  // Notes were cut out of the body (footnote-inline): their links are in env.noteBodies.
  const blocks = [...tokens, ...(env.noteBodies ?? []).flat()];
  const links: Link[] = [];
  for (const block of blocks) {
    for (const [index, child] of (block.children ?? []).entries()) {
      const target = targetOf(child);
      if (target === undefined) continue;
      const line = childLine(block, index);
      links.push({ target, line: line === undefined ? undefined : source.bodyLine + line });
    }
  }
  return links;
}

function targetOf(token: Token): string | undefined {
  const attribute = token.type === "link_open" && token.markup !== "autolink" ? "href" : undefined;
  const value = attribute === undefined ? undefined : token.attrGet(attribute);
  return value === undefined || value === null ? undefined : String(value);
}
