/**
 * Fidelity of the sample article's Markdown sources to the printed text extract.
 *
 * test/fixtures/seed.txt is the text extracted from the printed issue, taken apart in
 * test/support/seed.ts (page breaks, per-page footnote numbering, footnote texts at each
 * page foot, doubled URLs). The expectations below are derived from the extract at run
 * time, never copied from the Markdown sources, so that a dropped, altered, duplicated or
 * misplaced sentence, paragraph or note fails the test.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  abstractsAt,
  at,
  byLineAt,
  CALL_MARK,
  closingAt,
  EN_PARAGRAPH_END,
  enSeedBlocks,
  enSeedParagraphs,
  enSeedText,
  enTitleAt,
  group,
  HEADING,
  labelled,
  lineIndex,
  MD_DEFINITION,
  MD_REFERENCE,
  normalise,
  seedLines,
  stripMarks,
  ZH_PARAGRAPH_END,
  zhEnd,
  zhSeed,
  zhSeedBody,
  zhSeedBodyMarked,
  zhSeedHeadings,
  zhSeedParagraphs,
  zhTitleAt,
} from "../support/seed.ts";

const ARTICLE_DIR = "../../content/2021-03/xu-tao-sco-security/";

function readText(relative: string): string {
  return readFileSync(new URL(relative, import.meta.url), "utf8").replace(/\r\n?/g, "\n");
}

// Alignment anchors ({#id} at a paragraph's end) mark passages for parallel editions; they are not text.
const withoutAnchors = (source: string) => source.replace(/[ \t]*\{#[A-Za-z][\w-]*\}[ \t]*$/gm, "");
const zhSource = withoutAnchors(readText(`${ARTICLE_DIR}zh.md`));
const enSource = withoutAnchors(readText(`${ARTICLE_DIR}en.md`));

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`${what} is not a mapping`);
  }
  return value as Record<string, unknown>;
}

function text(value: unknown, what: string): string {
  if (typeof value !== "string") throw new Error(`${what} is not a string`);
  return value;
}

/** Sentences of Chinese text: split after 。！？ (and a closing ” that follows them). */
function zhSentences(normalised: string): string[] {
  return (normalised.match(/[^。！？]+(?:[。！？]+”?|$)/g) ?? []).filter((s) => s.length > 0);
}

/** Sentences of English text: split at ". " boundaries. */
function enSentences(source: string): string[] {
  return source
    .split(/(?<=\.)\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function normaliseEn(source: string): string {
  return source
    .replace(/^#+\s*/gm, "")
    .replace(/\*/g, "")
    .replace(/\s+/g, "");
}

/** Non-empty blocks separated by blank lines, trimmed. */
function blocksOf(body: string): string[] {
  return body
    .split(/\n[ \t]*\n/)
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
}

function splitFrontMatter(source: string): { frontMatter: string; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (match === null) throw new Error("zh.md has no YAML front matter");
  return { frontMatter: group(match, 1, "front matter"), body: source.slice(match[0].length) };
}

// ---------------------------------------------------------------------------
// The Markdown sources, taken apart
// ---------------------------------------------------------------------------

const zh = splitFrontMatter(zhSource);
const zhBlocks = blocksOf(zh.body);
const zhDefinitionBlocks = zhBlocks.filter((b) => MD_DEFINITION.test(b));
const zhMainBlocks = zhBlocks.filter((b) => !MD_DEFINITION.test(b));
const zhMainMarked = normalise(
  zhMainBlocks.map((b) => b.replace(HEADING, "").replace(/\[\^(\d+)\](?!:)/g, (_w: string, n: string) => CALL_MARK(Number(n)))).join(""),
);
const zhMain = stripMarks(zhMainMarked);
const zhDefinitions = new Map<number, string>();
for (const block of zhDefinitionBlocks) {
  const label = Number(group(MD_DEFINITION.exec(block), 1, "definition label"));
  zhDefinitions.set(label, block.replace(MD_DEFINITION, ""));
}
const zhReferences = zhMainBlocks.flatMap((b) => [...b.matchAll(MD_REFERENCE)].map((m) => Number(group(m, 1, "label"))));
const enBlocks = blocksOf(enSource);

const range = (n: number): number[] => Array.from({ length: n }, (_v, i) => i + 1);

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

describe("the extract is read as expected", () => {
  it("has 27 notes and, on every printed page, calls 1..k matching notes 1..k", () => {
    expect(zhSeed.notes).toHaveLength(27);
    expect(zhSeed.callCount).toBe(27);
    for (const page of zhSeed.pages) {
      expect(page.calls).toEqual(range(page.calls.length));
      expect(page.notes).toEqual(page.calls);
    }
  });
});

describe("zh.md front matter", () => {
  const data = record(parse(zh.frontMatter), "front matter");
  const abstractsEntry = at(
    seedLines,
    lineIndex((l) => l.startsWith("- 01 "), "ABSTRACTS entry 01", abstractsAt),
  );
  const entry = /^- 01 (.+?)\*\*, by ([^,]+), (.*)$/.exec(abstractsEntry);
  const closing = at(seedLines, closingAt);
  const bioEn = group(/^\(The author is (.+?) This article was received on .+\.\)$/.exec(closing), 1, "English bio");
  const entryRest = group(entry, 3, "English abstract");

  it("has exactly the expected keys", () => {
    expect(Object.keys(data).sort()).toEqual(
      ["abstract", "articleNumber", "authors", "clc", "documentCode", "editor", "id", "keywords", "received", "title"].sort(),
    );
    expect(data.id).toBe("xu-tao-sco-security");
  });

  it("has the titles as printed", () => {
    const title = record(data.title, "title");
    expect(title.zh).toBe(at(seedLines, zhTitleAt).replace(/^#\s+/, "").replace(/\s+/g, ""));
    expect(title.en).toBe(group(entry, 1, "English title"));
    expect(title.en).toBe(at(seedLines, enTitleAt).replace(/^#\s+/, "").replace(/\*\*/g, "").trim());
  });

  it("has the author, with both bios", () => {
    expect(Array.isArray(data.authors)).toBe(true);
    const authors = data.authors as unknown[];
    expect(authors).toHaveLength(1);
    const author = record(authors[0], "author");
    const name = record(author.name, "author name");
    const bio = record(author.bio, "author bio");
    expect(name.zh).toBe(at(seedLines, zhTitleAt + 2).trim());
    expect(name.en).toBe(group(entry, 2, "English author name"));
    expect(at(seedLines, byLineAt)).toBe(`*By ${text(name.en, "name.en")}*`);
    expect(bio.zh).toBe(labelled("作者简介"));
    expect(bio.en).toBe(bioEn);
    expect(entryRest.startsWith(`${bioEn} `)).toBe(true);
  });

  it("has both abstracts", () => {
    const abstract = record(data.abstract, "abstract");
    expect(abstract.zh).toBe(labelled("内容提要"));
    expect(normalise(text(abstract.zh, "abstract.zh"))).toBe(normalise(labelled("内容提要")));
    expect(abstract.en).toBe(entryRest.slice(bioEn.length + 1));
  });

  it("has the keywords and the catalogue data", () => {
    expect(data.keywords).toEqual({ zh: labelled("关键词").split(/\s+/) });
    expect(data.clc).toBe(labelled("中图分类号"));
    expect(data.documentCode).toBe(labelled("文献标识码"));
    expect(data.articleNumber).toBe(labelled("文章编号"));
    expect(data.received).toBe(group(/^【收稿日期：(.+)】$/.exec(at(seedLines, zhEnd).trim()), 1, "收稿日期"));
    const editorLine = at(
      seedLines,
      lineIndex((l) => l.startsWith("（责任编辑"), "责任编辑", zhEnd),
    );
    expect(data.editor).toBe(group(/^（责任编辑：(.+)）$/.exec(editorLine.trim()), 1, "责任编辑"));
  });
});

describe("zh.md body", () => {
  it("contains every sentence of the printed body", () => {
    const missing = zhSentences(zhSeedBody).filter((s) => !zhMain.includes(s));
    expect(missing).toEqual([]);
  });

  it("contains nothing beyond the printed body, in print order", () => {
    expect(zhMain).toBe(zhSeedBody);
  });

  it("has the paragraphs of the print, page-split paragraphs rejoined, one per line", () => {
    const expected = zhSeedParagraphs.map((p) => normalise(stripMarks(p).replace(HEADING, "")));
    const actual = zhMainBlocks.map((b) => normalise(b.replace(HEADING, "")));
    expect(actual).toEqual(expected);
    for (const block of zhMainBlocks) {
      expect(block).not.toContain("\n");
      if (!HEADING.test(block)) expect(block.replace(/(\[\^\d+\])+$/, "")).toMatch(ZH_PARAGRAPH_END);
    }
  });

  it("has the four section heads, all at level 2", () => {
    const headings = zhMainBlocks.filter((b) => HEADING.test(b));
    expect(headings).toEqual(zhSeedHeadings);
    expect(headings.every((h) => h.startsWith("## "))).toBe(true);
  });

  it("sets the run-in heads （一）…（四） the same way", () => {
    const heads = zhMainBlocks
      .map((b) => /^\*\*（([一二三四五六七八九十]+)）[^*\n]+。\*\*[^\s*]/.exec(b))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => group(m, 1, "run-in head"));
    expect(heads).toEqual(["一", "二", "三", "四"]);
    const unformatted = zhMainBlocks.filter((b) => /^[(（][一二三四五六七八九十]+[)）]/.test(b));
    expect(unformatted).toEqual([]);
  });

  it("places every note reference exactly where the print calls it", () => {
    expect(zhMainMarked).toBe(zhSeedBodyMarked);
  });

  it("has 27 references, each used once, numbered in citation order", () => {
    expect(zhReferences).toEqual(range(27));
  });

  it("has 27 definitions, each right after the paragraph that cites it", () => {
    expect(zhDefinitionBlocks.map((b) => Number(group(MD_DEFINITION.exec(b), 1, "label")))).toEqual(range(27));
    let pending: number[] = [];
    for (const block of zhBlocks) {
      const definition = MD_DEFINITION.exec(block);
      if (definition === null) {
        expect(pending).toEqual([]);
        pending = [...block.matchAll(MD_REFERENCE)].map((m) => Number(group(m, 1, "label")));
      } else {
        expect(Number(group(definition, 1, "label"))).toBe(pending.shift());
      }
    }
    expect(pending).toEqual([]);
  });

  it("has every note text complete, matched to its call", () => {
    const seedNotes = normalise(zhSeed.notes.join(""));
    const mdNotes = normalise(
      range(27)
        .map((n) => zhDefinitions.get(n) ?? "")
        .join(""),
    );
    const missing = zhSentences(seedNotes).filter((s) => !mdNotes.includes(s));
    expect(missing).toEqual([]);
    for (const n of range(27)) {
      expect(normalise(zhDefinitions.get(n) ?? ""), `note ${n}`).toBe(normalise(at(zhSeed.notes, n - 1)));
    }
    for (const block of zhDefinitionBlocks) {
      expect(block).not.toContain("\n");
      expect(block).toMatch(/[。.]$/);
    }
  });

  it("writes each URL once, as an autolink; local file paths as escaped plain text", () => {
    expect(zh.body).not.toMatch(/\]\(/);
    expect(zh.body).not.toContain("\\\\");
    for (const m of zh.body.matchAll(/(.)(https?:\/\/[^\s>]+)(.)/g)) {
      expect(`${group(m, 1, "before")}…${group(m, 3, "after")}`, group(m, 2, "url")).toBe("<…>");
      expect(group(m, 2, "url")).not.toContain("\\");
    }
    const paths = [...zh.body.matchAll(/file:\/\/\/\S+/g)].map((m) => m[0]);
    expect(paths).toHaveLength(2);
    for (const path of paths) {
      expect(path).not.toMatch(/(?<!\\)_/);
      expect(zh.body).not.toContain(`<${path}`);
    }
  });

  it("has no raw HTML, page breaks or hand-typed Han–Latin spaces", () => {
    const withoutAutolinks = zh.body.replace(/<https?:\/\/[^\s>]+>/g, "");
    expect(withoutAutolinks).not.toMatch(/[<>]/);
    expect(zh.body).not.toMatch(/^-{3,}\s*$/m);
    expect(zh.body).not.toMatch(/^#{3,}/m);
    const han = "[\\u3400-\\u9fff]";
    const latin = "[A-Za-z0-9%]";
    expect(zh.body).not.toMatch(new RegExp(`${han}[ \\t]+${latin}|${latin}[ \\t]+${han}`));
    expect(zh.body).not.toMatch(/\[\^\d+\][ \t]/);
    expect(zh.body).not.toMatch(/[ \t]\[\^\d+\](?!:)/);
  });
});

describe("en.md", () => {
  const enMd = normaliseEn(enSource);

  it("contains every sentence of the printed English version", () => {
    const missing = enSentences(enSeedText)
      .map(normaliseEn)
      .filter((s) => !enMd.includes(s));
    expect(missing).toEqual([]);
  });

  it("contains nothing beyond it, in print order", () => {
    expect(enMd).toBe(normaliseEn(enSeedText));
  });

  it("has the paragraphs of the print, page-split paragraphs rejoined, one per line", () => {
    expect(enBlocks.map((b) => normaliseEn(b))).toEqual(enSeedParagraphs.map((p) => normaliseEn(p)));
    for (const block of enBlocks) {
      expect(block).not.toContain("\n");
      if (!HEADING.test(block)) expect(block).toMatch(EN_PARAGRAPH_END);
    }
  });

  it("has the section heads at level 2, without emphasis", () => {
    const headings = enBlocks.filter((b) => HEADING.test(b));
    expect(headings).toEqual(enSeedBlocks.filter((b) => b.kind === "heading").map((b) => `## ${b.text}`));
    expect(headings).toHaveLength(3);
  });

  it("keeps each bold run-in head whole, at the start of its paragraph", () => {
    for (const block of enBlocks.filter((b) => b.includes("**"))) {
      expect(block).toMatch(/^\*\*[^*\n]+\.\*\* [^*]+$/);
    }
    expect(enBlocks.filter((b) => b.startsWith("**"))).toHaveLength(enSeedParagraphs.filter((p) => p.startsWith("**")).length);
  });

  it("leaves title, by-line and closing to the templates", () => {
    expect(enSource).not.toMatch(/^# /m);
    expect(enSource).not.toContain("By Xu Tao");
    expect(enSource).not.toContain("The author is");
    expect(enSource).not.toMatch(/^---/m);
  });
});
