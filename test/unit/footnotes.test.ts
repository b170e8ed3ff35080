import { describe, expect, it } from "vitest";
import { SourceError, type SourceProblem } from "../../src/content/errors.ts";
import { createEnv } from "../../src/markdown/env.ts";
import { createMarkdown, renderBody, type MarkdownOptions, type RenderedBody } from "../../src/markdown/index.ts";

const FILE = "/content/2021-03/some-article/zh.md";
/** The body starts on line 25 of its file, as after a 23-line front matter and a blank line. */
const BODY_LINE = 25;
const ZH: MarkdownOptions = { lang: "zh", fullWidthPunctuation: true };
const WORD_JOINER = "\u2060";

function render(body: string, options: MarkdownOptions = ZH): RenderedBody {
  return renderBody({ file: FILE, body, bodyLine: BODY_LINE }, options);
}

/** The problems rendering `body` reports (fails if it renders without any). */
function problems(body: string, options: MarkdownOptions = ZH): SourceProblem[] {
  let caught: unknown;
  try {
    render(body, options);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SourceError);
  return (caught as SourceError).problems;
}

/** File line of the 0-based line `n` of the body. */
const fileLine = (n: number) => BODY_LINE + n;

describe("notes moved to their calls", () => {
  const body = [
    "第一段正文[^1]，继续[^note]。", // 0
    "", // 1
    "[^1]: 第一条注释。", // 2
    "", // 3
    "第二段正文。[^3]", // 4
    "", // 5
    "[^note]: 第二条注释。", // 6
    "[^3]: 第三条注释。", // 7
  ].join("\n");

  it("sets each note's text right after the text of its call, after a word joiner", () => {
    const { html } = render(body);
    expect(html).toBe(
      `<p>第一段正文${WORD_JOINER}<span class="footnote">第一条注释。</span>，继续${WORD_JOINER}<span class="footnote">第二条注释。</span>。</p>\n` +
        `<p>第二段正文。${WORD_JOINER}<span class="footnote">第三条注释。</span></p>\n`,
    );
  });

  it("leaves no end-of-document list, no numbered call and no back-reference", () => {
    const { html } = render(body);
    expect(html).not.toMatch(/footnotes|footnote-item|footnote-ref|footnote-backref|<hr|<sup|<section|<ol/);
    // Every note's text is printed once.
    for (const text of ["第一条注释", "第二条注释", "第三条注释"]) expect(html.split(text)).toHaveLength(2);
  });

  it("counts the notes", () => {
    expect(render(body).texts.notes).toHaveLength(3);
    expect(render("没有注释的正文。").texts.notes).toHaveLength(0);
  });

  it("renders links, emphasis and escaped underscores inside a note, with no stray <>", () => {
    const { html, texts } = render(
      [
        "正文[^1]。",
        "",
        "[^1]: *《国际政治》*第**9**期，my\\_file\\_name，[外交部](https://www.fmprc.gov.cn/a_b/c.shtml)，<https://www.fmprc.gov.cn/web/gjhdq_676201/t4637.shtml>。",
      ].join("\n"),
    );
    expect(texts.notes).toHaveLength(1);
    expect(html).toBe(
      `<p>正文${WORD_JOINER}<span class="footnote"><em>《国际政治》</em>第<strong>9</strong>期，my_file_name，` +
        `<a href="https://www.fmprc.gov.cn/a_b/c.shtml">外交部</a>，` +
        `<a href="https://www.fmprc.gov.cn/web/gjhdq_676201/t4637.shtml">https://www.fmprc.gov.cn/web/gjhdq_676201/t4637.shtml</a>。</span>。</p>\n`,
    );
    expect(html).not.toContain("&lt;");
    expect(html).not.toContain("\\_");
  });

  it("keeps a note of several paragraphs, joined by line breaks", () => {
    const { html } = render(["正文[^1]。", "", "[^1]: 第一段。", "", "    第二段。"].join("\n"));
    expect(html).toBe(`<p>正文${WORD_JOINER}<span class="footnote">第一段。<br>第二段。</span>。</p>\n`);
  });

  it("treats an escaped \\[^x] as text, not as a call", () => {
    const { html, texts } = render("写作 \\[^1] 的方括号。");
    expect(texts.notes).toHaveLength(0);
    expect(html).toBe("<p>写作 [^1] 的方括号。</p>\n");
  });

  it("renders notes of the English version the same way", () => {
    const { html, texts } = render("Text.[^1]\n\n[^1]: A note, with *emphasis*.", {
      lang: "en",
      fullWidthPunctuation: false,
    });
    expect(texts.notes).toHaveLength(1);
    // English words may carry soft hyphens (U+00AD) at their break points.
    expect(html.replaceAll("\u00AD", "")).toBe(
      `<p>Text.${WORD_JOINER}<span class="footnote" lang="en">A note, with <em>emphasis</em>.</span></p>\n`,
    );
  });
});

describe("note errors, at file lines", () => {
  it("reports a call with no note", () => {
    const found = problems(["第一段。", "", "第二段[^x]。"].join("\n"));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: FILE, line: fileLine(2), severity: "error" });
    expect(found[0]?.message).toBe("note [^x] is cited but never defined");
    expect(found[0]?.hint).toContain("[^x]:");
  });

  it("reports the call's own line in a paragraph written on several lines", () => {
    const found = problems(["第一行，", "第二行，", "第三行[^x]。"].join("\n"));
    expect(found.map((p) => p.line)).toEqual([fileLine(2)]);
  });

  it("reports a note never cited, at its definition", () => {
    const found = problems(["正文[^1]。", "", "[^1]: 注一。", "", "[^2]: 注二。"].join("\n"));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: FILE, line: fileLine(4), message: "note [^2] is never cited" });
    expect(found[0]?.hint).toMatch(/delete the note/);
  });

  it("reports a label defined twice, at the second definition", () => {
    const found = problems(["正文[^1]。", "", "[^1]: 注一。", "", "[^1]: 又一个注一。"].join("\n"));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: FILE, line: fileLine(4), message: "note [^1] is defined twice" });
    expect(found[0]?.hint).toBeTruthy();
  });

  it("reports a note cited twice, at the second call", () => {
    const found = problems(["正文[^1]。", "", "又一段[^1]。", "", "[^1]: 注一。"].join("\n"));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: FILE, line: fileLine(2), message: "note [^1] is cited a second time" });
    expect(found[0]?.hint).toMatch(/cite it once/);
  });

  it("reports a list inside a note", () => {
    const found = problems(["正文[^1]。", "", "[^1]: 注一：", "", "    - 一", "    - 二"].join("\n"));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: fileLine(4), message: "note [^1] holds a bullet_list" });
  });

  it("reports every fault, in the order of the file", () => {
    const found = problems(["正文[^a]。", "", "另一段[^a]，又[^b]。", "", "[^a]: 注。", "", "[^c]: 没人引用。"].join("\n"));
    expect(found.map((p) => [p.line, p.message])).toEqual([
      [fileLine(2), "note [^a] is cited a second time"],
      [fileLine(2), "note [^b] is cited but never defined"],
      [fileLine(6), "note [^c] is never cited"],
    ]);
  });
});

describe("raw HTML", () => {
  it("is reported inline, at its line, and printed as text", () => {
    const found = problems(["第一段。", "", "第二段", "有<b>粗体</b>。"].join("\n"));
    expect(found.map((p) => [p.file, p.line, p.message])).toEqual([
      [FILE, fileLine(3), "raw HTML is not allowed: <b>"],
      [FILE, fileLine(3), "raw HTML is not allowed: </b>"],
    ]);
    expect(found[0]?.hint).toMatch(/Markdown/);
  });

  it("is reported as a block, on one line of output, at the block's first line", () => {
    const found = problems(["第一段。", "", '<div class="x">', "内容", "</div>"].join("\n"));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: FILE, line: fileLine(2), message: 'raw HTML is not allowed: <div class="x">' });
  });

  it("is reported inside a note", () => {
    const found = problems(["正文[^1]。", "", "[^1]: 见<i>某书</i>。"].join("\n"));
    expect(found.map((p) => p.line)).toEqual([fileLine(2), fileLine(2)]);
  });

  it("is printed as text, not passed through", () => {
    const env = createEnv("zh");
    const html = createMarkdown(ZH).render(["a <script>x</script> b", "", "<div>", "块", "</div>"].join("\n"), env);
    expect(env.problems).toHaveLength(3);
    expect(html).toBe("<p>a &lt;script&gt;x&lt;/script&gt; b</p>\n<p>&lt;div&gt;\n块\n&lt;/div&gt;</p>");
    expect(html).not.toMatch(/<(script|div)/);
  });
});
