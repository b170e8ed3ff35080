import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { AREA, SAMPLE, SAMPLE_ARTICLE } from "../support/build.ts";
import { notesOn } from "../support/notes.ts";
import { readPdf, type PdfFile } from "../support/pdf.ts";
import { normalise, zhSeed } from "../support/seed.ts";
import { all, attribute, elementsIn, one, parseXml, text, textOfXml, type XmlElement } from "../support/xml.ts";

let out: string;
let pdfOut: string;
let xml: string;
let doc: XmlElement;
let pdf: PdfFile;

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), "paiban-jats-"));
  pdfOut = await mkdtemp(path.join(os.tmpdir(), "paiban-jats-pdf-"));
  const code = await main(["export", "jats", SAMPLE, "--out", out, "--pdf-out", pdfOut]);
  if (code !== 0) throw new Error(`paiban export jats exited with ${code}`);
  xml = await readFile(path.join(out, "2021-03", "xu-tao-sco-security.xml"), "utf8");
  doc = parseXml(xml);
  pdf = await readPdf(path.join(pdfOut, "2021-03", "xu-tao-sco-security.pdf"));
}, 180_000);

afterAll(async () => {
  await Promise.all([out, pdfOut].map((dir) => dir && rm(dir, { recursive: true, force: true })));
});

const meta = () => one(doc, "article/front/article-meta");

describe("paiban export jats on the sample", () => {
  it("writes <out>/<year>-<NN>/<id>.xml for each article, and nothing else there", async () => {
    expect(await readdir(out)).toEqual(["2021-03"]);
    expect((await readdir(path.join(out, "2021-03"))).sort()).toEqual(["lin-xiao-census-regions.xml", "xu-tao-sco-security.xml"]);
  });

  it("is well-formed JATS 1.3 journal publishing, the article in Chinese", () => {
    expect(xml).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<!DOCTYPE article PUBLIC "-\/\/NLM\/\/DTD JATS \(Z39\.96\) Journal Publishing DTD v1\.3 20210610\/\/EN"/,
    );
    const article = one(doc, "article");
    expect(attribute(article, "dtd-version")).toBe("1.3");
    expect(attribute(article, "xml:lang")).toBe("zh");
    expect(attribute(article, "xmlns:xlink")).toBe("http://www.w3.org/1999/xlink");
  });

  it("gives the journal's ISSN, and no title while journal.yaml names none", () => {
    const journal = one(doc, "article/front/journal-meta");
    expect(text(one(journal, "issn"))).toBe("1006-6241");
    expect(attribute(one(journal, "issn"), "publication-format")).toBe("print");
    expect(all(journal, "journal-title-group")).toEqual([]);
  });

  it("gives the titles, the author with both bios, the editor, 中图分类号 and 文献标识码", () => {
    expect(text(one(meta(), "title-group/article-title"))).toBe("中国新安全观与上合组织二十年安全实践");
    const trans = one(meta(), "title-group/trans-title-group");
    expect(attribute(trans, "xml:lang")).toBe("en");
    expect(text(one(trans, "trans-title"))).toBe("China’s New Security Concept and the SCO’s Security Practice in the Past 20 Years");
    const groups = all(meta(), "contrib-group");
    const group = (type: string) => groups.find((g) => attribute(g, "content-type") === type) ?? "";
    const author = one(group("authors"), "contrib");
    expect(attribute(author, "contrib-type")).toBe("author");
    expect(all(author, "name-alternatives/string-name").map(text)).toEqual(["许涛", "Xu Tao"]);
    expect(all(author, "bio").map((b) => attribute(b, "xml:lang"))).toEqual(["zh", "en"]);
    expect(text(all(author, "bio")[0] as XmlElement)).toMatch(/^许涛，山西大学国际关系学院特聘教授/);
    expect(text(all(author, "bio")[1] as XmlElement)).toMatch(/^Guest Professor at School of International Relations/);
    const editor = one(group("editors"), "contrib");
    expect(attribute(editor, "contrib-type")).toBe("editor");
    expect(text(one(editor, "string-name"))).toBe("李万胜");
    expect(text(one(meta(), "article-categories/subj-group/subject"))).toBe("D815");
    expect(text(one(meta(), "custom-meta-group/custom-meta/meta-value"))).toBe("A");
  });

  it("gives the abstracts and keywords per language, the received date and the issue", () => {
    expect(attribute(one(meta(), "abstract"), "xml:lang")).toBe("zh");
    expect(text(one(meta(), "abstract/p"))).toMatch(/^20世纪末，面对发生在全球和地区的地缘政治巨变/);
    expect(attribute(one(meta(), "trans-abstract"), "xml:lang")).toBe("en");
    expect(text(one(meta(), "trans-abstract/p"))).toMatch(/^At the end of the 20th century/);
    const keywords = one(meta(), "kwd-group");
    expect(attribute(keywords, "xml:lang")).toBe("zh");
    expect(all(keywords, "kwd").map(text)).toEqual(["新安全观", "上海合作组织", "安全合作"]);
    const received = one(meta(), "history/date");
    expect(attribute(received, "date-type")).toBe("received");
    expect(attribute(received, "iso-8601-date")).toBe("2021-04-13");
    expect(["day", "month", "year"].map((part) => text(one(received, part)))).toEqual(["13", "04", "2021"]);
    expect(text(one(meta(), "issue"))).toBe("3");
    expect(text(one(meta(), "pub-date/year"))).toBe("2021");
  });

  it("takes the first and last page and the 文章编号 from the laid-out pages", () => {
    expect(text(one(meta(), "fpage"))).toBe("1");
    expect(text(one(meta(), "lpage"))).toBe(String(pdf.pages.length));
    const id = one(meta(), "article-id");
    expect(attribute(id, "pub-id-type")).toBe("publisher-id");
    expect(text(id)).toBe(`1006-6241(2021)03-0001-${String(pdf.pages.length).padStart(2, "0")}`);
  });

  it("makes a section of each heading, in order, and the English version a translation sub-article", async () => {
    const zh = await readFile(path.join(SAMPLE_ARTICLE, "zh.md"), "utf8");
    const headings = [...zh.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(all(doc, "article/body/sec").map((s) => text(one(s, "title")))).toEqual(headings);
    expect(all(doc, "article/body/p").length).toBeGreaterThan(0);
    const sub = one(doc, "article/sub-article");
    expect([attribute(sub, "article-type"), attribute(sub, "xml:lang")]).toEqual(["translation", "en"]);
    const en = await readFile(path.join(SAMPLE_ARTICLE, "en.md"), "utf8");
    expect(all(sub, "body/sec").map((s) => text(one(s, "title")))).toEqual([...en.matchAll(/^## (.+)$/gm)].map((m) => m[1]));
  });

  it("has the notes the PDF prints, as fn elements, whole and in the same order, each called once", () => {
    const printed = pdf.pages.flatMap((page) => notesOn(page, AREA.bottom).map((n) => normalise(n.text)));
    const notes = [...all(doc, "article/back/fn-group/fn"), ...all(doc, "article/sub-article/back/fn-group/fn")];
    expect(notes.map((n) => text(one(n, "label")))).toEqual(notes.map((_, i) => String(i + 1)));
    // In document order: a note's text runs on around its links.
    const written = elementsIn(xml, "fn").map((fn) => normalise(elementsIn(fn, "p").map(textOfXml).join("")));
    expect(written).toEqual(printed);
    // And both say what the journal printed.
    expect(written).toEqual(zhSeed.notes.map(normalise));
    const calls = [...xml.matchAll(/<xref ref-type="fn" rid="([^"]+)">/g)].map((m) => m[1]);
    expect(calls).toEqual(notes.map((n) => attribute(n, "id")));
  });
});

describe("paiban export jats on the sample's article with figures and a table", () => {
  it("writes its figures as fig with label, caption and graphic, and its table as table-wrap with its notes", async () => {
    const second = parseXml(await readFile(path.join(out, "2021-03", "lin-xiao-census-regions.xml"), "utf8"));
    const body = one(second, "article/body");
    const figures = all(body, "sec/fig");
    expect(figures.map((f) => text(one(f, "label")))).toEqual(["图1", "图2"]);
    expect(figures.map((f) => attribute(one(f, "graphic"), "xlink:href"))).toEqual(["figures/regions.svg", "figures/provinces-2020.jpg"]);
    expect(all(figures[0] ?? body, "caption/title").map(text)).toEqual([
      "四大地区常住人口占比（2010年、2020年）",
      "Shares of the four regions in the resident population, 2010 and 2020",
    ]);
    const table = one(body, "sec/table-wrap");
    expect(text(one(table, "label"))).toBe("表1");
    expect(all(table, "table/tbody/tr")).toHaveLength(32);
    expect(all(table, "table-wrap-foot/p").map(text)[1]).toMatch(/^资料来源：/);
    expect(
      all(body, "sec/p/xref")
        .filter((x) => attribute(x, "ref-type") === "fig")
        .map((x) => attribute(x, "rid")),
    ).toContain("zh-fig-regions");
    const translation = one(second, "article/sub-article/body");
    expect(all(translation, "sec/fig").map((f) => text(one(f, "label")))).toEqual(["Fig. 1", "Fig. 2"]);
  });
});
