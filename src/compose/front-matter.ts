import type { ArticleMeta } from "../content/schema.ts";
import { chineseText, englishText } from "../markdown/typography.ts";

/**
 * An article's front matter as it is printed, set as the Markdown is set
 * (markdown/typography.ts): straight quotes curly in both languages; in English, -- and ---
 * as en and em dashes. Titles, by-lines, bios, abstracts and keywords, wherever they
 * appear: the article's first page, its English part, the contents, the ABSTRACTS page, the
 * running heads, the PDF's metadata.
 */
export function asPrinted(meta: ArticleMeta): ArticleMeta {
  const both = ({ zh, en }: { zh: string; en: string }) => ({ zh: chineseText(zh), en: englishText(en) });
  return {
    ...meta,
    title: both(meta.title),
    authors: meta.authors.map((author) => ({
      ...author,
      name: both(author.name),
      bio: both(author.bio),
      ...(author.affiliation
        ? {
            affiliation: {
              zh: chineseText(author.affiliation.zh),
              ...(author.affiliation.en === undefined ? {} : { en: englishText(author.affiliation.en) }),
            },
          }
        : {}),
    })),
    abstract: both(meta.abstract),
    keywords: { zh: meta.keywords.zh.map(chineseText), ...(meta.keywords.en ? { en: meta.keywords.en.map(englishText) } : {}) },
    ...(meta.funding === undefined ? {} : { funding: chineseText(meta.funding) }),
    ...(meta.runningHead === undefined
      ? {}
      : {
          runningHead: {
            ...(meta.runningHead.zh === undefined ? {} : { zh: chineseText(meta.runningHead.zh) }),
            ...(meta.runningHead.en === undefined ? {} : { en: englishText(meta.runningHead.en) }),
          },
        }),
  };
}
