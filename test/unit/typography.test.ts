import { describe, expect, it } from "vitest";
import { renderBody, type MarkdownOptions } from "../../src/markdown/index.ts";
import { chineseText, englishText } from "../../src/markdown/typography.ts";

const EN: MarkdownOptions = { lang: "en", fullWidthPunctuation: false };
const ZH: MarkdownOptions = { lang: "zh", fullWidthPunctuation: true };

function html(body: string, options: MarkdownOptions): string {
  // English words carry soft hyphens at their break points.
  return renderBody({ file: "x.md", body, bodyLine: 1 }, options).html.replaceAll("\u00AD", "");
}

describe("English text as a typesetter sets it", () => {
  it.each([
    [`the "Shanghai Five" mechanism`, "the “Shanghai Five” mechanism"],
    [`He said, "She said 'no' to me."`, "He said, “She said ‘no’ to me.”"],
    // Apostrophes in romanized names and contractions, possessives, an elided year.
    ["Ch'eng-fu and Sun Tzŭ's art", "Ch’eng-fu and Sun Tzŭ’s art"],
    ["don't; the scholars' views; the '90s", "don’t; the scholars’ views; the ’90s"],
    [`"Art of War,"`, "“Art of War,”"],
    [`("quoted")`, "(“quoted”)"],
    ["1990--2000, a pause --- then", "1990–2000, a pause — then"],
  ])("sets %s as %s", (typed, set) => {
    expect(englishText(typed)).toBe(set);
  });

  it("leaves web addresses typed as text as they are", () => {
    expect(englishText(`see https://example.com/a--b'c"d and "this"`)).toBe(`see https://example.com/a--b'c"d and “this”`);
  });

  it("sets the body and its notes so, never code or links, and a quote escaped with a backslash stays straight", () => {
    const out = html(
      [
        `Sun Tzŭ says "all warfare is based on deception"[^1] -- Ch'eng-fu agrees.`,
        "",
        'See `"code"`, <https://example.com/x\'y--z> and \\"this\\".',
        "",
        `[^1]: Giles, "The Art of War" --- a 'classic'.`,
      ].join("\n"),
      EN,
    );
    expect(out).toContain("Sun Tzŭ says “all warfare is based on deception”");
    expect(out).toContain("– Ch’eng-fu agrees.");
    expect(out).toContain("Giles, “The Art of War” — a ‘classic’.");
    expect(out).toContain("<code>&quot;code&quot;</code>");
    expect(out).toContain(">https://example.com/x'y--z</a>");
    expect(out).toContain("and &quot;this&quot;.");
  });

  it("leaves -- alone in Chinese text", () => {
    expect(html("中文里的--不变。", ZH)).toContain("中文里的--不变。");
  });
});

describe("straight quotes in Chinese text", () => {
  it.each([
    [`他说"上海五国"会晤机制。`, "他说“上海五国”会晤机制。"],
    [`所谓"新安全观"，即'互信'。`, "所谓“新安全观”，即‘互信’。"],
    [`，"上海合作组织"`, "，“上海合作组织”"],
  ])("sets %s as %s", (typed, set) => {
    expect(chineseText(typed)).toBe(set);
  });

  it("become Chinese quotes, which the full-width rule then sees (a comma after them is full-width)", () => {
    expect(html(`所谓"新安全观",即互信。`, ZH)).toContain("所谓“新安全观”，即互信。");
  });
});

describe("a space typed before a note call", () => {
  it("is dropped, in English and in Chinese, also a line break", () => {
    const en = html("Sun Tzŭ: [^1] and then\n[^2] more.\n\n[^1]: One.\n[^2]: Two.", EN);
    expect(en).toMatch(
      /Sun Tzŭ:\u2060<span class="footnote" lang="en">One\.<\/span> and then\u2060<span class="footnote" lang="en">Two\.<\/span> more\./,
    );
    const zh = html("上合组织 [^1]，其后。\n\n[^1]: 注。", ZH);
    expect(zh).toContain("上合组织\u2060<span");
  });

  it("is kept where no call follows it", () => {
    expect(html("Two words.", EN)).toContain("Two words.");
  });
});

describe("an apostrophe in an English word of Chinese text", () => {
  it("is marked English, so that the Latin face sets it narrow; Chinese quotes stay Chinese", () => {
    const out = html("中国提交了China's Position Paper，即'互信'。[^1]\n\n[^1]: 见Xi'an一文。", ZH);
    expect(out).toContain('China<span lang="en">’</span>s Position Paper，即‘互信’。');
    expect(out).toContain('见Xi<span lang="en">’</span>an一文。');
  });
});

describe("a dash or an ellipsis", () => {
  const WJ = "\u2060";
  it("keeps to the character before it, so that a line never starts with it", () => {
    expect(html("促进世界和平——江泽民主席的讲话……等等", ZH)).toContain(`和平${WJ}——江泽民主席的讲话${WJ}……等等`);
    expect(html("a pause---then the *word*--- after", EN)).toContain(`a pause${WJ}—then the <em>word</em>${WJ}— after`);
  });

  it("stands free after a space, and in code and web addresses as typed", () => {
    expect(html("a pause --- then", EN)).toContain("a pause — then");
    expect(html("`a—b` and https://example.org/a—b", EN)).not.toContain(WJ);
  });
});
