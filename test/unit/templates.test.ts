import { englishText } from "../../src/markdown/typography.ts";
import { beforeAll, describe, expect, it } from "vitest";
import { loadTemplates, type ArticleView } from "../../src/compose/index.ts";
import { articleView, englishDate, issueLine } from "../../src/compose/view.ts";
import { formatArticleNumber, parseArticleNumber } from "../../src/content/article-number-form.ts";
import { loadSources, type Article } from "../../src/content/load.ts";
import { articleNumberPattern, type ArticleMeta, type Issue, type Journal } from "../../src/content/schema.ts";
import { renderBody, type RenderedBody } from "../../src/markdown/index.ts";
import { SAMPLE } from "../support/build.ts";

const EM_SPACE = "\u2003";
const ENGLISH_TITLE = "China's New Security Concept and the SCO's Security Practice in the Past 20 Years";
/** As printed: apostrophes curly. */
const ENGLISH_TITLE_PRINTED = "China’s New Security Concept and the SCO’s Security Practice in the Past 20 Years";
const BIO_EN =
  "Guest Professor at School of International Relations, Shanxi University; and Standing Director of Shanghai Cooperation Organization Research Center of China.";

let journal: Journal;
let issue: Issue;
let article: Article;
let bodies: { zh: RenderedBody; en: RenderedBody };
let render: (view: ArticleView) => string;

beforeAll(async () => {
  const sources = await loadSources(SAMPLE);
  journal = sources.journal;
  const first = sources.issues[0];
  if (!first?.articles[0]) throw new Error("the sample has no article");
  issue = first.issue;
  article = first.articles[0];
  bodies = {
    zh: renderBody(article.zh, { lang: "zh", fullWidthPunctuation: journal.fullWidthPunctuation }),
    en: renderBody(article.en, { lang: "en", fullWidthPunctuation: false }),
  };
  render = (await loadTemplates()).article;
});

function page(options: { meta?: ArticleMeta; journal?: Journal } = {}): string {
  const meta = options.meta ?? article.meta;
  return render(
    articleView({
      journal: options.journal ?? journal,
      issue,
      meta,
      bodies,
      firstPage: 1,
      articleNumber: meta.articleNumber ?? "",
      styles: { fontStylesheets: [], fontFaces: [], stylesheets: [] },
      press: {},
    }),
  );
}

/** The text a reader sees: tags dropped, the entities Handlebars writes decoded, soft hyphens gone. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, "=")
    .replace(/&#x60;/g, "`")
    .replace(/&amp;/g, "&")
    .replaceAll("\u00AD", "");
}

/** Index of `needle` in `text` at or after `from`; fails the test if it is not there. */
function find(text: string, needle: string, from = 0): number {
  const at = text.indexOf(needle, from);
  expect(at, `${JSON.stringify(needle)} after position ${from}`).toBeGreaterThanOrEqual(0);
  return at;
}

function withMeta(change: (meta: ArticleMeta) => Partial<ArticleMeta>): ArticleMeta {
  return { ...article.meta, ...change(article.meta) };
}

function author(zh: string, en: string, bio: string): ArticleMeta["authors"][number] {
  return { name: { zh, en }, bio: { zh: `${zh}，${bio}。`, en: `${bio}.` } };
}

describe("the sample article's HTML", () => {
  it("has the metadata labels in the journal's order inside the metadata block", () => {
    const html = page();
    const start = find(html, '<dl class="metadata-block">');
    const end = find(html, "</dl>", start);
    const block = html.slice(start, end);
    const labels = ["【内容提要】", "【关键词】", "【作者简介】", "【中图分类号】", "【文献标识码】", "【文章编号】"];
    const positions = labels.map((label) => find(block, label));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // No label is printed twice, and none outside the block.
    for (const label of labels) expect(html.split(label)).toHaveLength(2);
    // Each label is followed by its value from the front matter.
    const text = textOf(block).replace(/[ \t\n]+/g, " ");
    expect(text).toContain(`【内容提要】${article.meta.abstract.zh}`);
    expect(text).toContain("【关键词】新安全观　上海合作组织　安全合作");
    expect(text).toContain(`【作者简介】${article.meta.authors[0]?.bio.zh}`);
    expect(text).toMatch(/【中图分类号】D815 ?【文献标识码】A ?【文章编号】1006-6241\(2021\)03-0001-13/);
  });

  it("opens with the title and the author before the metadata block", () => {
    const text = textOf(page());
    const title = find(text, "中国新安全观与上合组织二十年安全实践", find(text, "2021年第3期"));
    const author = find(text, "许涛", title);
    expect(author).toBeLessThan(find(text, "【内容提要】"));
  });

  it("then the body, then the received date and the editor, then the English part", () => {
    const text = textOf(page());
    const blockEnd = find(text, "1006-6241(2021)03-0001-13", find(text, "【文章编号】"));
    const body = find(text, "近年来，基于以往的多边安全合作实践", blockEnd);
    const lastHeading = find(text, "结语", body);
    const received = find(text, "【收稿日期：2021-04-13】", lastHeading);
    const editor = find(text, "（责任编辑：李万胜）", received);
    const englishTitle = find(text, ENGLISH_TITLE_PRINTED, editor);
    const byline = find(text, "By Xu Tao", englishTitle);
    const abstract = find(text, `Abstract: ${englishText(article.meta.abstract.en)}`, byline);
    const englishBody = find(text, "This year witnesses the 20th anniversary", abstract);
    const closing = find(text, `(The author is ${BIO_EN} This article was received on April 13, 2021.)`, englishBody);
    expect(closing).toBeGreaterThan(englishBody);
    // The closing line ends the English part.
    expect(text.slice(closing).trim()).toBe(`(The author is ${BIO_EN} This article was received on April 13, 2021.)`);
  });

  it("inserts the rendered bodies unescaped, notes included", () => {
    const html = page();
    expect(html).toContain(bodies.zh.html);
    expect(html).toContain(bodies.en.html);
    expect(html.match(/<span class="footnote">/g)).toHaveLength(27);
  });

  it("escapes values from the front matter", () => {
    const meta = withMeta((_m) => ({
      title: { zh: "标题<b>&粗", en: 'Title <b>"bold"</b> & more' },
      editor: "<i>王五</i>",
      keywords: { zh: ["<script>alert(1)</script>"], en: ["a&b"] },
      abstract: { zh: "提要<br>", en: "Abstract <img src=x>" },
      authors: [{ ...author("许涛", "Xu <Tao>", "教授"), bio: { zh: "<em>许涛</em>", en: "A & B." } }],
    }));
    const html = page({ meta });
    for (const raw of ["<b>", "<i>", "<script", "<br>", "<img", "<em>许涛", "Xu <Tao>", "&粗", "a&b", "A & B"]) {
      expect(html, raw).not.toContain(raw);
    }
    expect(html).toContain("标题&lt;b&gt;&amp;粗");
    expect(html).toContain("（责任编辑：&lt;i&gt;王五&lt;/i&gt;）");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain('By <span class="author">Xu &lt;Tao&gt;</span>');
    const text = textOf(html);
    expect(text).toContain("标题<b>&粗");
    // Escaped, and its quotes printed curly.
    expect(text).toContain("Title <b>“bold”</b> & more");
  });

  it("sets a title written on two lines as two lines, and as one in the running head", () => {
    const meta = withMeta(() => ({ title: { zh: "中国新安全观\n与上合组织二十年安全实践", en: ENGLISH_TITLE } }));
    const html = page({ meta });
    expect(html).toContain('<span class="title-line">中国新安全观</span><span class="title-line">与上合组织二十年安全实践</span>');
    expect(html).toContain('<span class="running-head-recto">中国新安全观与上合组织二十年安全实践</span>');
  });

  it("names several authors in the byline and the closing line", () => {
    const two = withMeta(() => ({ authors: [author("许涛", "Xu Tao", "Professor"), author("李四", "Li Si", "Lecturer")] }));
    const twoText = textOf(page({ meta: two }));
    expect(twoText).toContain("By Xu Tao and Li Si");
    expect(twoText).toContain("(The authors are Xu Tao, Professor. Li Si, Lecturer. This article was received on");
    const three = withMeta(() => ({
      authors: [author("许涛", "Xu Tao", "A"), author("李四", "Li Si", "B"), author("王五", "Wang Wu", "C")],
    }));
    expect(textOf(page({ meta: three }))).toContain("By Xu Tao, Li Si and Wang Wu");
  });
});

describe("running heads", () => {
  const verso = (html: string) => [...html.matchAll(/class="running-head-verso">([^<]*)</g)].map((m) => m[1]);

  it("show the ISSN, the year and the issue while the journal has no name", () => {
    expect(journal.name).toBeUndefined();
    expect(verso(page())).toEqual([`ISSN 1006-6241${EM_SPACE}2021年第3期`, `ISSN 1006-6241${EM_SPACE}No. 3, 2021`]);
  });

  it("show the journal's name when it has one", () => {
    const named: Journal = { ...journal, name: { zh: "国际展望", en: "Global Review" } };
    expect(verso(page({ journal: named }))).toEqual([`国际展望${EM_SPACE}2021年第3期`, `Global Review${EM_SPACE}No. 3, 2021`]);
    expect(page({ journal: named })).not.toContain("ISSN 1006-6241");
  });

  it("fall back to the ISSN in English when the name has no English form", () => {
    const named: Journal = { ...journal, name: { zh: "国际展望" } };
    expect(issueLine(named, issue, "zh")).toBe(`国际展望${EM_SPACE}2021年第3期`);
    expect(issueLine(named, issue, "en")).toBe(`ISSN 1006-6241${EM_SPACE}No. 3, 2021`);
  });

  it("show the title on rectos, Chinese then English", () => {
    const recto = [...page().matchAll(/class="running-head-recto">([^<]*)</g)].map((m) => textOf(m[1] ?? ""));
    expect(recto).toEqual(["中国新安全观与上合组织二十年安全实践", ENGLISH_TITLE_PRINTED]);
  });

  it("show the front matter's runningHead instead, its quotes printed curly", () => {
    const meta = { ...article.meta, runningHead: { zh: '中国新安全观与"上合"', en: 'China\'s "New" Security Concept' } };
    const recto = [...page({ meta }).matchAll(/class="running-head-recto">([^<]*)</g)].map((m) => textOf(m[1] ?? ""));
    expect(recto).toEqual(["中国新安全观与“上合”", "China’s “New” Security Concept"]);
  });
});

describe("formatArticleNumber", () => {
  const of = (number: number, year = 2021): Issue => ({ year, number, firstPage: 1, articles: ["a"] });

  it("pads the issue to 2 digits, the first page to 4 and the page count to 2 (CAJ-CD)", () => {
    expect(formatArticleNumber("1006-6241", of(3), 1, 13)).toBe("1006-6241(2021)03-0001-13");
    expect(formatArticleNumber("1006-6241", of(12, 2020), 245, 7)).toBe("1006-6241(2020)12-0245-07");
    expect(formatArticleNumber("1234-567X", of(1), 1234, 10)).toBe("1234-567X(2021)01-1234-10");
  });

  it("writes numbers the schema accepts and parseArticleNumber reads back", () => {
    const value = formatArticleNumber("1006-6241", of(6), 98, 5);
    expect(value).toMatch(articleNumberPattern);
    expect(parseArticleNumber(value)).toEqual({ firstPage: 98, pageCount: 5 });
    expect(parseArticleNumber("1006-6241(2021)3-1-13")).toBeUndefined();
  });
});

describe("englishDate", () => {
  it.each([
    ["2021-04-13", "April 13, 2021"],
    ["2021-01-05", "January 5, 2021"],
    ["2020-12-31", "December 31, 2020"],
    ["2024-02-29", "February 29, 2024"],
  ])("writes %s as %s", (iso, english) => {
    expect(englishDate(iso)).toBe(english);
  });
});
