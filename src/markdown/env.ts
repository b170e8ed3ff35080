import type { Token } from "markdown-it";
import type { ImageAsset } from "../content/images.ts";

/**
 * What our plugins share through markdown-it's `env` while one source renders:
 * problems found (with body-relative lines) and the note bodies moved to their calls.
 */
export interface MarkdownEnv {
  [key: string | symbol]: unknown;
  /** Prefix for generated ids, unique per document (`zh`, `en`). */
  idPrefix: string;
  problems: MarkdownProblem[];
  /** markdown-it-footnote's own bookkeeping. */
  footnotes?: FootnoteState;
  /** Note bodies by footnote id, cut out of the end-of-document list (see footnote-inline). */
  noteBodies?: Token[][];
  /** Headings seen, in order (for outlines and alignment). */
  headings: { id: string; level: number; text: string }[];
  /** Alignment anchors, in order: where each unit of a parallel-text edition starts. */
  anchors: AlignmentAnchor[];
  /** The folder figures' files are read from (the article's). */
  baseDir?: string;
  /** The file's line number of the body's first line, for the lines figures and tables carry into the page (1 when unset). */
  bodyLine?: number;
  /** Figures and tables, in source order, each numbered within its kind. */
  floats: FloatEntry[];
}

/** A figure or a table: numbered per document (图1, 表1 / Fig. 1, Table 1) and labelled for cross-references. */
export interface FloatEntry {
  kind: "figure" | "table";
  number: number;
  /** pandoc-crossref's label (`fig:map`, `tbl:members`), when the source gives one. */
  label?: string;
  /** 0-based line within the Markdown body. */
  line?: number;
  /** The optional English caption line (`en="…"`). */
  captionEn?: string;
  /** Figures: the image, and the width the source asks for (a CSS length or percentage of the text width). */
  image?: ImageAsset;
  width?: string;
}

export interface AlignmentAnchor {
  id: string;
  /** 0-based line within the Markdown body. */
  line?: number;
  /** The unit starts at a heading (else at a paragraph). */
  heading: boolean;
}

export interface MarkdownProblem {
  /** 0-based line within the Markdown body, when known. */
  line?: number;
  message: string;
  hint: string;
}

export interface FootnoteState {
  refs?: Record<string, number>;
  list?: { label?: string; count: number; tokens?: Token[]; content?: string }[];
}

export function createEnv(idPrefix: string, baseDir?: string): MarkdownEnv {
  return { idPrefix, problems: [], headings: [], anchors: [], floats: [], baseDir };
}

/** markdown-it types `env` loosely; every document we render was given a MarkdownEnv. */
export function envOf(env: unknown): MarkdownEnv {
  return env as MarkdownEnv;
}

/**
 * Body line of the child `index` of an inline token: the block's first line plus the
 * line breaks before the child (a paragraph may be written on several lines).
 */
export function childLine(inline: Token, index: number): number | undefined {
  const first = inline.map?.[0];
  if (first === undefined) return undefined;
  const children = inline.children ?? [];
  return first + children.slice(0, index).filter((c) => c.type === "softbreak" || c.type === "hardbreak").length;
}

/** The figure or table a token of the figures and tables plugins belongs to. */
export function floatOf(token: Token | undefined): FloatEntry {
  const entry = (token?.meta as { entry?: FloatEntry } | undefined)?.entry;
  if (!entry) throw new Error(`${token?.type ?? "a token"} carries no figure or table`);
  return entry;
}
