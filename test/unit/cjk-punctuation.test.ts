import { describe, expect, it } from "vitest";
import { renderBody, type MarkdownOptions } from "../../src/markdown/index.ts";
import { convertText } from "../../src/markdown/plugins/cjk-punctuation.ts";

const ZH: MarkdownOptions = { lang: "zh", fullWidthPunctuation: true };
const WHO = "WHO: COVID-19 Weekly Epidemiological Update Edition 41, published 25 May 2021";

function html(body: string, options: MarkdownOptions = ZH): string {
  // English words may carry soft hyphens at their break points; they are not punctuation.
  return renderBody({ file: "zh.md", body, bodyLine: 1 }, options).html.replaceAll("\u00AD", "");
}

describe("convertText", () => {
  it.each([
    ["中国,美国", "中国，美国"],
    ["如下:一是", "如下：一是"],
    ["共同安全;综合安全", "共同安全；综合安全"],
    ["是否安全?是的!", "是否安全？是的！"],
    ["上海合作组织(以下简称上合组织)成员国", "上海合作组织（以下简称上合组织）成员国"],
    // After a Chinese closing mark, and before Han.
    ["“上海精神”,以及", "“上海精神”，以及"],
    ["2021年,上合组织", "2021年，上合组织"],
  ])("sets %s as %s", (input, expected) => {
    expect(convertText(input)).toBe(expected);
  });

  it("sets parentheses full-width in pairs when they hold or touch Chinese", () => {
    expect(convertText("“上海进程”(Шанхайский процесс)中")).toBe("“上海进程”（Шанхайский процесс）中");
    expect(convertText("东盟地区论坛(ARF)提交")).toBe("东盟地区论坛（ARF）提交");
    expect(convertText("(中文)")).toBe("（中文）");
  });

  it("drops a space typed after a mark that became full-width", () => {
    expect(convertText("他说: 好")).toBe("他说：好");
    expect(convertText("第一, 第二")).toBe("第一，第二");
    // The full-width mark carries its own white space, also before a Latin word.
    expect(convertText("中文, English")).toBe("中文，English");
    // A space after a mark that stays half-width is kept.
    expect(convertText("WHO: COVID-19")).toBe("WHO: COVID-19");
  });

  it.each([
    WHO,
    "Shanghai Cooperation Organization (SCO), founded in 2001: a regional forum; see p. 3!",
    "1,000",
    "10:30",
    "a (b) c",
    "f(x)",
  ])("leaves %s as it is", (text) => {
    expect(convertText(text)).toBe(text);
  });

  it("leaves numbers inside Chinese sentences alone", () => {
    expect(convertText("共1,000人,于10:30到达")).toBe("共1,000人，于10:30到达");
  });

  it("converts only the Chinese part of a note that quotes an English title", () => {
    expect(convertText(`参见${WHO},世界卫生组织网站,2021年5月25日`)).toBe(`参见${WHO}，世界卫生组织网站，2021年5月25日`);
  });
});

describe("through renderBody", () => {
  it("converts the marks of Chinese paragraphs and notes", () => {
    expect(html("近年来,基于以往的实践(以下简称“实践”),中国领导人指出:[^1]\n\n[^1]: 见《宣言》,2017年。")).toBe(
      '<p>近年来，基于以往的实践（以下简称“实践”），中国领导人指出：\u2060<span class="footnote">见《宣言》，2017年。</span></p>\n',
    );
  });

  it("sees marks across emphasis, as the reader does", () => {
    expect(html("中文,*强调*,中文")).toBe("<p>中文，<em>强调</em>，中文</p>\n");
  });

  it("leaves an English title inside a Chinese note as written", () => {
    expect(html(`正文[^1]。\n\n[^1]: ${WHO},世界卫生组织网站。`)).toBe(
      `<p>正文\u2060<span class="footnote">${WHO}，世界卫生组织网站。</span>。</p>\n`,
    );
  });

  it("leaves URLs in autolinks alone, and converts the text around them", () => {
    expect(html("见网站,<https://a.b/c,d>,下同")).toBe('<p>见网站，<a href="https://a.b/c,d">https://a.b/c,d</a>，下同</p>\n');
  });

  it("leaves inline code alone", () => {
    expect(html("命令`paiban build a,b:c`用于排版,如此")).toBe("<p>命令<code>paiban build a,b:c</code>用于排版，如此</p>\n");
    expect(html("中文`中,文`")).toBe("<p>中文<code>中,文</code></p>\n");
  });

  it("changes nothing in an English source", () => {
    const body = "China,the SCO:中文;(二十年)";
    expect(html(body, { lang: "en", fullWidthPunctuation: true })).toBe(`<p>${body}</p>\n`);
    expect(html(body, { lang: "en", fullWidthPunctuation: false })).toBe(`<p>${body}</p>\n`);
  });

  it("changes nothing when the journal turns the rule off", () => {
    const body = "近年来,基于以往的实践(以下简称“实践”):一是;二是";
    expect(html(body, { lang: "zh", fullWidthPunctuation: false })).toBe(`<p>${body}</p>\n`);
  });
});
