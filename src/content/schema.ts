import { z } from "zod";

/** Schemas of the sources: the journal file, an issue file, an article's front matter. */

const text = z.string({ error: "must be text" }).trim().min(1, "must not be empty");

/**
 * A string of a set form; a value of another type (clc: 815 is a number to YAML) gets the
 * same message, and a value of the wrong form is not checked further.
 */
const formatted = (pattern: RegExp, message: string) => z.string({ error: message }).regex(pattern, { error: message, abort: true });

/** A length CSS understands on a page: 185mm, 26cm, 7.25in, 520pt. */
const pageLength = formatted(/^\d+(\.\d+)?(mm|cm|in|pt)$/, "must be a length such as 185mm, 26cm or 7.25in").meta({
  examples: ["185mm"],
});

export const issnPattern = /^\d{4}-\d{3}[\dX]$/;

export const journalSchema = z.strictObject({
  name: z.strictObject({ zh: text, en: text.optional() }).optional(),
  issn: formatted(issnPattern, "must be an ISSN such as 1006-6241").meta({ examples: ["1006-6241"] }),
  trim: z.strictObject({ width: pageLength, height: pageLength }).default({ width: "185mm", height: "260mm" }),
  /** Where an article of an issue begins: on the next page (any), or on the next right-hand page (recto). */
  articleStart: z.enum(["any", "recto"], { error: "must be 'any' (the next page) or 'recto' (the next right-hand page)" }).default("any"),
  /** Set half-width , : ; ? ! ( ) inside Chinese sentences full-width. */
  fullWidthPunctuation: z.boolean({ error: "must be true or false" }).default(true),
  /** The standard the PDFs are made to for the printer (the command line's --press wins). */
  press: z.enum(["pdfx4", "pdfx1a"], { error: "must be 'pdfx4' (PDF/X-4) or 'pdfx1a' (PDF/X-1a, CMYK only)" }).optional(),
  /** An archive copy of every PDF beside it (the command line's --archive wins). */
  archive: z.enum(["pdfa2"], { error: "must be 'pdfa2' (PDF/A-2)" }).optional(),
  /** Font files (relative to journal.yaml) for characters none of the packaged fonts has. */
  fonts: z
    .array(text, { error: "must be a list of font files: [fonts/extra.ttf]" })
    .meta({ examples: ["[fonts/extra.ttf]"] })
    .optional(),
});
export type Journal = z.infer<typeof journalSchema>;

function wholeNumber(min: number, max: number, message: string) {
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
}

/** Parallel-text editions to make: Chinese and English on facing pages, or in two columns. */
const parallelLayouts = z
  .array(z.enum(["facing", "columns"], { error: "must be 'facing' or 'columns'" }), { error: "must be a list: [facing, columns]" })
  .meta({ examples: ["[facing, columns]"] });
/** How a parallel-text edition sets the two languages: on facing pages, or in two columns of one page. */
export type ParallelLayout = z.infer<typeof parallelLayouts>[number];

/** A share of the text block's width: 45%. */
const share = formatted(/^\d+(\.\d+)?%$/, "must be a percentage such as 45%").transform((s) => Number.parseFloat(s));

/**
 * The widths of the columns edition's two columns, the Chinese's then the English's, as
 * shares of the text block (the gap between them comes out of both): `[45%, 55%]`; or
 * `auto`, chosen from the lengths of the two texts. Equal when unset.
 */
const columnWidths = z
  .union(
    [
      z.literal("auto"),
      z
        .tuple([share, share], { error: "must be two widths, the Chinese column's and the English's: [45%, 55%]" })
        .refine(([zh, en]) => Math.abs(zh + en - 100) < 0.01, "must add up to 100% (the gap between the columns comes out of both)")
        .refine(([zh, en]) => Math.min(zh, en) >= 25, "must give each column at least 25% of the text block"),
    ],
    { error: "must be two widths such as [45%, 55%], or auto" },
  )
  .meta({ examples: ["[45%, 55%]"] });
export type ColumnWidths = z.infer<typeof columnWidths>;

export const issueSchema = z.strictObject({
  year: wholeNumber(1900, 2999, "must be a year such as 2021").meta({ examples: [2021] }),
  number: wholeNumber(1, 99, "must be the issue's number, 1 to 99").meta({ examples: [3] }),
  firstPage: wholeNumber(1, 99999, "must be a page number, 1 or more")
    .meta({ examples: [1] })
    .default(1),
  articles: z.array(text).min(1, "must list at least one article folder"),
  /** Parallel-text editions of every article of the issue (an article's own setting wins). */
  parallel: parallelLayouts.optional(),
  /** Column widths of every article's columns edition (an article's own setting wins). */
  columns: columnWidths.optional(),
});
export type Issue = z.infer<typeof issueSchema>;

const bilingual = z.strictObject({ zh: text, en: text });

/** YYYY-MM-DD that is a real calendar date. */
const isoDate = formatted(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, "is not a real calendar date")
  .meta({ examples: ['"2021-04-13"'] });

/** 文章编号 per CAJ-CD: ISSN(year)issue-first page-page count. */
export const articleNumberPattern = /^(\d{4}-\d{3}[\dX])\((\d{4})\)(\d{2}|S\d)-(\d{4})-(\d{2})$/;

export const articleSchema = z.strictObject({
  id: formatted(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case letters, digits and hyphens (it names the PDF)").meta({
    examples: ["xu-tao-sco-security"],
  }),
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
  clc: formatted(
    /^[A-Z][A-Z]?\d+(\.\d+)*(\/\d+)?(;\s*[A-Z][A-Z]?\d+(\.\d+)*(\/\d+)?)*$/,
    "must be a 中图分类号 class such as D815 or D815.5 (several separated by ';')",
  ).meta({ examples: ["D815"] }),
  documentCode: z.enum(["A", "B", "C", "D", "E"], { error: "must be one of the 文献标识码 codes A, B, C, D, E" }).meta({ examples: ["A"] }),
  articleNumber: formatted(articleNumberPattern, "must be a 文章编号 such as 1006-6241(2021)03-0001-13")
    .meta({ examples: ["1006-6241(2021)03-0001-13"] })
    .optional(),
  received: isoDate,
  editor: text,
  funding: text.optional(),
  /** A shorter title for the running heads, where the title is too long for one line. */
  runningHead: z.strictObject({ zh: text.optional(), en: text.optional() }).optional(),
  /** Parallel-text editions of this article (else the issue's setting). */
  parallel: parallelLayouts.optional(),
  /** Column widths of this article's columns edition (else the issue's setting). */
  columns: columnWidths.optional(),
});
export type ArticleMeta = z.infer<typeof articleSchema>;
