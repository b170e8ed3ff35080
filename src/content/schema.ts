import { z } from "zod";

/** Schemas of the sources: the journal file, an issue file, an article's front matter. */

const text = z.string().trim().min(1, "must not be empty");

/** A length CSS understands on a page: 185mm, 26cm, 7.25in, 520pt. */
const pageLength = z
  .string()
  .regex(/^\d+(\.\d+)?(mm|cm|in|pt)$/, "must be a length such as 185mm, 26cm or 7.25in");

export const issnPattern = /^\d{4}-\d{3}[\dX]$/;

export const journalSchema = z.strictObject({
  name: z.strictObject({ zh: text, en: text.optional() }).optional(),
  issn: z.string().regex(issnPattern, "must be an ISSN such as 1006-6241"),
  trim: z
    .strictObject({ width: pageLength, height: pageLength })
    .default({ width: "185mm", height: "260mm" }),
  /** Set half-width , : ; ? ! ( ) inside Chinese sentences full-width. */
  fullWidthPunctuation: z.boolean().default(true),
});
export type Journal = z.infer<typeof journalSchema>;

export const issueSchema = z.strictObject({
  year: z.number().int().min(1900).max(2999),
  number: z.number().int().min(1).max(99),
  firstPage: z.number().int().min(1).default(1),
  articles: z.array(text).min(1, "must list at least one article folder"),
});
export type Issue = z.infer<typeof issueSchema>;

const bilingual = z.strictObject({ zh: text, en: text });

/** YYYY-MM-DD that is a real calendar date. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, "is not a real calendar date");

/** 文章编号 per CAJ-CD: ISSN(year)issue-first page-page count. */
export const articleNumberPattern = /^(\d{4}-\d{3}[\dX])\((\d{4})\)(\d{2}|S\d)-(\d{4})-(\d{2})$/;

export const articleSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case letters, digits and hyphens (it names the PDF)"),
  title: bilingual,
  authors: z
    .array(
      z.strictObject({
        name: bilingual,
        bio: bilingual,
        affiliation: z.strictObject({ zh: text, en: text.optional() }).optional(),
      }),
    )
    .min(1, "must name at least one author"),
  abstract: bilingual,
  keywords: z.strictObject({
    zh: z.array(text).min(1, "must list the keywords (CAJ-CD asks for 3–8)"),
    en: z.array(text).optional(),
  }),
  clc: z
    .string()
    .regex(
      /^[A-Z][A-Z]?\d+(\.\d+)*(\/\d+)?(;\s*[A-Z][A-Z]?\d+(\.\d+)*(\/\d+)?)*$/,
      "must be a 中图分类号 class such as D815 or D815.5 (several separated by ';')",
    ),
  documentCode: z.enum(["A", "B", "C", "D", "E"], {
    error: "must be one of the 文献标识码 codes A, B, C, D, E",
  }),
  articleNumber: z
    .string()
    .regex(articleNumberPattern, "must be a 文章编号 such as 1006-6241(2021)03-0001-13")
    .optional(),
  received: isoDate,
  editor: text,
  funding: text.optional(),
});
export type ArticleMeta = z.infer<typeof articleSchema>;
