import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSources, type MarkdownSource } from "../../src/content/load.ts";
import { SourceError } from "../../src/content/errors.ts";
import { jatsBody } from "../../src/export/jats/body.ts";
import { type MarkdownOptions, renderBody } from "../../src/markdown/index.ts";
import { loadJatsTemplate } from "../../src/export/jats/template.ts";
import { jatsView } from "../../src/export/jats/view.ts";
import { SAMPLE_ARTICLE } from "../support/build.ts";
import { all, attribute, one, parseXml, text } from "../support/xml.ts";

const source = (body: string, file = "/tmp/zh.md"): MarkdownSource => ({ file, body, bodyLine: 1 });
/** A body as JATS, from the tokens its HTML render parsed. */
const jats = (markdown: MarkdownSource, options: MarkdownOptions) => jatsBody(renderBody(markdown, options), markdown, options.lang);

describe("JATS body", () => {
  it("turns headings into nested sections and keeps the text before the first one in the body", () => {
    const body = jats(source("引言。\n\n## 一、甲\n\n甲文。\n\n### （一）子\n\n子文。\n\n## 二、乙\n\n乙文。"), {
      lang: "zh",
      fullWidthPunctuation: true,
    });
    expect(body.blocks).toEqual([{ paragraph: [{ text: "引言。" }] }]);
    expect(body.sections.map((s) => [s.id, s.level, s.sections.length])).toEqual([
      ["zh-s1", 2, 1],
      ["zh-s3", 2, 0],
    ]);
    expect(body.sections[0]?.sections[0]).toMatchObject({
      id: "zh-s2",
      title: [{ text: "（一）子" }],
      blocks: [{ paragraph: [{ text: "子文。" }] }],
    });
  });

  it("numbers the notes in the order of their calls and links each call to its note", () => {
    const body = jats(source("甲[^b]乙[^a]。\n\n[^a]: 注甲。\n\n[^b]: 注乙，见<https://example.org/x>。"), {
      lang: "zh",
      fullWidthPunctuation: true,
    });
    expect(body.blocks).toEqual([
      {
        paragraph: [
          { text: "甲" },
          { noteCall: { rid: "zh-fn1", label: "1" } },
          { text: "乙" },
          { noteCall: { rid: "zh-fn2", label: "2" } },
          { text: "。" },
        ],
      },
    ]);
    expect(body.notes.map((n) => n.id)).toEqual(["zh-fn1", "zh-fn2"]);
    expect(body.notes[0]?.paragraphs[0]).toEqual([
      { text: "注乙，见" },
      { link: { href: "https://example.org/x", content: [{ text: "https://example.org/x" }] } },
      { text: "。" },
    ]);
  });

  it("prints the text as the page does (full-width punctuation, no anchors), without the hyphenation points", () => {
    const zh = jats(source("中文,句子(括号)。 {#p1}"), { lang: "zh", fullWidthPunctuation: true });
    expect(zh.blocks).toEqual([{ paragraph: [{ text: "中文，句子（括号）。" }] }]);
    const en = jats(source("**Run-in head.** International organization *matters*, `code` too."), {
      lang: "en",
      fullWidthPunctuation: false,
    });
    expect(en.blocks).toEqual([
      {
        paragraph: [
          { bold: [{ text: "Run-in head." }] },
          { text: " International organization " },
          { italic: [{ text: "matters" }] },
          { text: ", " },
          { monospace: "code" },
          { text: " too." },
        ],
      },
    ]);
  });

  it("keeps lists and quotations", () => {
    const body = jats(source("- 一\n- 二\n\n> 引文。"), { lang: "zh", fullWidthPunctuation: true });
    expect(body.blocks).toEqual([
      { list: { type: "bullet", items: [[{ paragraph: [{ text: "一" }] }], [{ paragraph: [{ text: "二" }] }]] } },
      { quote: [{ paragraph: [{ text: "引文。" }] }] },
    ]);
  });

  it("reports a note fault at its line, as the build does", () => {
    expect(() => jats(source("正文。[^x]\n"), { lang: "zh", fullWidthPunctuation: true })).toThrow(SourceError);
  });
});

describe("JATS template", () => {
  it("writes every kind of block and inline as its JATS element, escaped", async () => {
    const sources = await loadSources(SAMPLE_ARTICLE);
    const issue = sources.issues[0];
    const article = issue?.articles[0];
    if (!issue || !article) throw new Error("the sample has no article");
    const markdown = [
      'Text with `a < b & c`, *italic*, ~~struck~~ and [a link](https://example.org/?a=1&b=2 "t").[^n]',
      "",
      "| a | b |\n|---|---|\n| 1 | **2** |",
      "",
      "```\nif (a < b) {}\n```",
      "",
      "1. one\n2. two",
      "",
      "> quoted",
      "",
      "![A map](figures/map.svg){#fig:map}",
      "",
      "See @fig:map.",
      "",
      "[^n]: The note.",
    ].join("\n");
    const dir = await mkdtemp(path.join(os.tmpdir(), "paiban-jats-"));
    await mkdir(path.join(dir, "figures"));
    await writeFile(
      path.join(dir, "figures", "map.svg"),
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="5" height="5"/></svg>',
    );
    const body = jats(source(markdown, path.join(dir, "en.md")), { lang: "en", fullWidthPunctuation: false });
    const template = await loadJatsTemplate();
    const doc = parseXml(
      template(
        jatsView({
          journal: sources.journal,
          issue: issue.issue,
          meta: article.meta,
          pages: { first: 1, count: 13 },
          articleNumber: "1006-6241(2021)03-0001-13",
          bodies: { zh: jats(article.zh, { lang: "zh", fullWidthPunctuation: true }), en: body },
        }),
      ),
    );
    const sub = one(doc, "article/sub-article/body");
    const first = all(sub, "p")[0] ?? "";
    expect(text(one(first, "monospace"))).toBe("a < b & c");
    expect(text(one(first, "italic"))).toBe("italic");
    expect(text(one(first, "strike"))).toBe("struck");
    expect(attribute(one(first, "ext-link"), "xlink:href")).toBe("https://example.org/?a=1&b=2");
    expect(attribute(one(first, "xref"), "rid")).toBe("en-fn1");
    expect(text(one(sub, "table-wrap/label"))).toBe("Table 1");
    expect(all(sub, "table-wrap/table/thead/tr/th").map(text)).toEqual(["a", "b"]);
    expect(text(one(sub, "table-wrap/table/tbody/tr/td/bold"))).toBe("2");
    expect(text(one(sub, "preformat"))).toBe("if (a < b) {}");
    expect(attribute(one(sub, "list"), "list-type")).toBe("order");
    expect(all(sub, "list/list-item/p").map(text)).toEqual(["one", "two"]);
    expect(text(one(sub, "disp-quote/p"))).toBe("quoted");
    expect(text(one(sub, "fig/label"))).toBe("Fig. 1");
    expect(text(one(sub, "fig/caption/title"))).toBe("A map");
    expect(attribute(one(sub, "fig/graphic"), "xlink:href")).toBe("figures/map.svg");
    expect(attribute(one(sub, "fig"), "id")).toBe("en-fig-map");
    expect(attribute(all(sub, "p/xref").at(-1) ?? "", "rid")).toBe("en-fig-map");
    expect(text(one(doc, "article/sub-article/back/fn-group/fn/p"))).toBe("The note.");
  });

  it("writes well-formed XML with the journal's name, affiliations, funding and English keywords when given", async () => {
    const sources = await loadSources(SAMPLE_ARTICLE);
    const issue = sources.issues[0];
    const article = issue?.articles[0];
    if (!issue || !article) throw new Error("the sample has no article");
    const meta = {
      ...article.meta,
      title: { zh: "标题 &\n<第二行>", en: `A "Title" & <More>` },
      authors: article.meta.authors.map((a) => ({ ...a, affiliation: { zh: "山西大学", en: "Shanxi University" } })),
      keywords: { zh: article.meta.keywords.zh, en: ["new security concept", "SCO", "security cooperation"] },
      funding: "国家社会科学基金项目（21BGJ001）",
      runningHead: { en: "China's New Security Concept & the SCO" },
    };
    const template = await loadJatsTemplate();
    const xml = template(
      jatsView({
        journal: { ...sources.journal, name: { zh: "期刊名", en: "Journal Name" } },
        issue: issue.issue,
        meta,
        pages: { first: 14, count: 12 },
        articleNumber: "1006-6241(2021)03-0014-12",
        bodies: {
          zh: jats(article.zh, { lang: "zh", fullWidthPunctuation: true }),
          en: jats(article.en, { lang: "en", fullWidthPunctuation: false }),
        },
      }),
    );
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3',
      ),
    ).toBe(true);
    const doc = parseXml(xml);
    const journal = one(doc, "article/front/journal-meta");
    expect(text(one(journal, "journal-title-group/journal-title"))).toBe("期刊名");
    expect(text(one(journal, "journal-title-group/trans-title-group/trans-title"))).toBe("Journal Name");
    const meta2 = one(doc, "article/front/article-meta");
    expect(text(one(meta2, "title-group/article-title"))).toBe("标题 &<第二行>");
    // As printed: its quotes curly.
    expect(text(one(meta2, "title-group/trans-title-group/trans-title"))).toBe("A “Title” & <More>");
    // The running head the front matter chose, as printed; none for the Chinese, whose head is its title.
    expect(all(meta2, "title-group/alt-title").map((a) => [attribute(a, "alt-title-type"), attribute(a, "xml:lang"), text(a)])).toEqual([
      ["running-head", "en", "China’s New Security Concept & the SCO"],
    ]);
    expect(all(meta2, "contrib-group/contrib/aff").map((a) => [attribute(a, "xml:lang"), text(a)])).toEqual([
      ["zh", "山西大学"],
      ["en", "Shanxi University"],
    ]);
    expect(all(meta2, "kwd-group").map((g) => [attribute(g, "xml:lang"), all(g, "kwd").length])).toEqual([
      ["zh", 3],
      ["en", 3],
    ]);
    expect(text(one(meta2, "funding-group/funding-statement"))).toBe("国家社会科学基金项目（21BGJ001）");
    expect([text(one(meta2, "fpage")), text(one(meta2, "lpage"))]).toEqual(["14", "25"]);
    expect(path.basename(article.zh.file)).toBe("zh.md");
  });
});
