import type { MarkdownIt } from "markdown-it";

/** An apostrophe between two Latin letters: Xi’an, China’s, Ch’eng-fu. */
const APOSTROPHE = /(?<=\p{Script=Latin})’(?=\p{Script=Latin})/gu;

/**
 * In Chinese text, ’ is set from the Chinese face, full-width (styles/punctuation-font.css),
 * as Chinese quotes are. An apostrophe inside an English word there (China’s) is English:
 * it is marked so that the Latin face sets it, without the full-width gap.
 */
export function latinApostrophe(md: MarkdownIt): void {
  const text = md.renderer.rules.text;
  md.renderer.rules.text = (tokens, idx, options, env, self) => {
    const html = text ? text(tokens, idx, options, env, self) : md.utils.escapeHtml(tokens[idx]?.content ?? "");
    return html.replace(APOSTROPHE, '<span lang="en">’</span>');
  };
}
