import path from "node:path";
import markdownIt, { type MarkdownIt, type Token } from "markdown-it";
import footnote from "markdown-it-footnote";
import cjkFriendly from "markdown-it-cjk-friendly";
import { problem, SourceError } from "../content/errors.ts";
import type { Article, MarkdownSource } from "../content/load.ts";
import { createEnv, type AlignmentAnchor, type FloatEntry, type MarkdownEnv } from "./env.ts";
import { alignmentAnchors } from "./plugins/alignment-anchors.ts";
import { cjkPunctuation } from "./plugins/cjk-punctuation.ts";
import { dashKeep } from "./plugins/dash-keep.ts";
import { crossrefs } from "./plugins/crossrefs.ts";
import { figures } from "./plugins/figures.ts";
import { footnoteCheck } from "./plugins/footnote-check.ts";
import { footnoteInline } from "./plugins/footnote-inline.ts";
import { headingIds } from "./plugins/heading-ids.ts";
import { hyphenate } from "./plugins/hyphenate.ts";
import { englishDashes } from "./plugins/english-dashes.ts";
import { latinApostrophe } from "./plugins/latin-apostrophe.ts";
import { noRawHtml } from "./plugins/no-raw-html.ts";
import { noteCallSpace } from "./plugins/note-call-space.ts";
import { sourceText, sourceTextsOf, type SourceTexts } from "./plugins/source-text.ts";
import { tables } from "./plugins/tables.ts";
import { typographicQuotes } from "./plugins/typographic-quotes.ts";

export { hyphenateEnglish } from "./hyphenate.ts";

export interface MarkdownOptions {
  lang: "zh" | "en";
  /** Set half-width punctuation in Chinese sentences full-width (Chinese sources only). */
  fullWidthPunctuation: boolean;
}

/** A Markdown body as HTML for the templates, with what the later stages need to know. */
export interface RenderedBody {
  html: string;
  /** What the HTML was rendered from, for other renderers (JATS): the tokens, and the note bodies cut out of them. */
  parsed: { tokens: Token[]; noteBodies: Token[][] };
  headings: MarkdownEnv["headings"];
  /** Plain text of the blocks and notes, to check the printed PDF against (preflight). */
  texts: SourceTexts;
  /** Where the alignment units of a parallel-text edition start (lines are the file's). */
  anchors: AlignmentAnchor[];
  /** Figures and tables, numbered within their kind (lines are the file's). */
  floats: FloatEntry[];
}

/** The markdown-it pipeline: CommonMark + notes + our plugins, one rule a file. */
export function createMarkdown(options: MarkdownOptions): MarkdownIt {
  const md = markdownIt({ html: true, typographer: false, linkify: false });
  md.use(cjkFriendly);
  md.use(footnote);
  md.use(noRawHtml);
  md.use(footnoteCheck);
  md.use(footnoteInline);
  md.use(alignmentAnchors);
  md.use(headingIds);
  md.use(tables);
  md.use(figures);
  md.use(typographicQuotes);
  if (options.lang === "en") md.use(englishDashes);
  md.use(noteCallSpace);
  // After the rules that make the dashes.
  md.use(dashKeep);
  if (options.lang === "zh" && options.fullWidthPunctuation) md.use(cjkPunctuation);
  if (options.lang === "zh") md.use(latinApostrophe);
  if (options.lang === "en") md.use(hyphenate);
  // Registered after them, it runs before them (each goes right after text_join): a
  // reference is read before soft hyphens or full-width marks get into it.
  md.use(crossrefs);
  // Last: it reads the text every other rule left.
  md.use(sourceText);
  return md;
}

/** An article's two bodies: the Chinese (zh.md) and the English version (en.md). */
export interface RenderedBodies {
  zh: RenderedBody;
  en: RenderedBody;
}

/** Both bodies of an article; only the Chinese has its half-width punctuation set full-width. */
export function renderBodies(article: Article, fullWidthPunctuation: boolean): RenderedBodies {
  return {
    zh: renderBody(article.zh, { lang: "zh", fullWidthPunctuation }),
    en: renderBody(article.en, { lang: "en", fullWidthPunctuation: false }),
  };
}

/**
 * A body parsed once and rendered as HTML; the tokens stay with it for the other renderers
 * (JATS), so that a note, figure or table means the same in every output.
 */
export function renderBody(source: MarkdownSource, options: MarkdownOptions): RenderedBody {
  const md = createMarkdown(options);
  const env = createEnv(options.lang, path.dirname(path.resolve(source.file)));
  env.bodyLine = source.bodyLine;
  const tokens = md.parse(source.body, env);
  const html = md.renderer.render(tokens, md.options, env);
  if (env.problems.length > 0) {
    throw new SourceError(
      // In the order of the file, as the rules that found them ran in their own order.
      [...env.problems]
        .sort((a, b) => (a.line ?? -1) - (b.line ?? -1))
        .map((p) =>
          problem(source.file, p.message, {
            line: p.line === undefined ? undefined : source.bodyLine + p.line,
            hint: p.hint,
          }),
        ),
    );
  }
  return {
    html,
    parsed: { tokens, noteBodies: env.noteBodies ?? [] },
    headings: env.headings,
    texts: sourceTextsOf(env),
    anchors: env.anchors.map((a) => ({ ...a, line: a.line === undefined ? undefined : source.bodyLine + a.line })),
    floats: env.floats.map((f) => ({ ...f, line: f.line === undefined ? undefined : source.bodyLine + f.line })),
  };
}
