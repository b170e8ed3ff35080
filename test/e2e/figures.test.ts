import { cp, mkdtemp, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { build } from "../../src/typeset/index.ts";
import { main } from "../../src/cli/main.ts";
import { SourceError } from "../../src/content/errors.ts";
import { loadSources } from "../../src/content/load.ts";
import { AREA, buildInto, SAMPLE } from "../support/build.ts";
import { lineStarting } from "../support/content.ts";
import { spyOnOutput } from "../support/output.ts";
import { readPdf, type PdfFile, type PdfPage } from "../support/pdf.ts";
import { horizontalRules } from "../support/rules.ts";

// The sample's second article carries an SVG chart (图1), a JPEG scan of 1500 × 1000 pixels
// (图2) and a table of the 31 provincial-level divisions (表1) long enough to break.
const ID = "lin-xiao-census-regions";
const TEXT_WIDTH = 420;
const DIVISIONS = [
  "北京",
  "天津",
  "河北",
  "山西",
  "内蒙古",
  "辽宁",
  "吉林",
  "黑龙江",
  "上海",
  "江苏",
  "浙江",
  "安徽",
  "福建",
  "江西",
  "山东",
  "河南",
];

let issue: PdfFile;
let offprint: PdfFile;

const squash = (s: string) => s.replace(/\s+/g, "");
const textOf = (page: PdfPage) => squash(page.lines.map((l) => l.text).join(""));
const pageWith = (pdf: PdfFile, text: string) => pdf.pages.find((p) => textOf(p).includes(squash(text)));

describe("the sample issue", () => {
  beforeAll(async () => {
    const out = await buildInto(SAMPLE, "--edition", "issue");
    issue = await readPdf(path.join(out, "2021-03.pdf"));
    offprint = await readPdf(path.join(out, "2021-03", `${ID}.pdf`));
  }, 400_000);

  describe("of two articles", () => {
    it("lists both articles in the contents and on the ABSTRACTS page, with their first pages, and numbers its pages on", () => {
      const contents = textOf(issue.pages[0] as PdfPage);
      expect(contents).toContain("中国新安全观与上合组织二十年安全实践");
      // The second title runs over two lines; its author and page stand on the first.
      expect(contents).toContain("人口向东部与南方集聚：基于第六次、第七次全国人口普查的省际林晓（14）比较");
      const abstracts = issue.pages.at(-1) as PdfPage;
      expect(textOf(abstracts)).toMatch(/^ABSTRACTS/);
      // Each entry: its start page in two digits, then its English title.
      expect(textOf(abstracts)).toMatch(/^ABSTRACTS01China’sNewSecurityConcept.*14PopulationGatheringintheEastandSouth/);
      // The second article starts on folio 14, after the seed's 13 pages, and its offprint says so.
      expect(squash(offprint.pages[0]?.lines.find((l) => l.top > AREA.bottom)?.text ?? "")).toBe("14");
      expect(textOf(offprint.pages[0] as PdfPage)).toContain(`1006-6241(2021)03-0014-${String(offprint.pages.length).padStart(2, "0")}`);
    });
  });

  describe("figures", () => {
    it("leaves no page of the offprint without text in its text block, the last one included", () => {
      const blank = offprint.pages.filter((p) => !p.lines.some((l) => l.top > AREA.top && l.top < AREA.bottom && l.text.trim()));
      expect(blank.map((p) => p.number)).toEqual([]);
      expect(textOf(offprint.pages.at(-1) as PdfPage)).toContain("ThisarticlewasreceivedonMay24,2021");
    });

    it("embeds the scan as a picture of its own 1500 × 1000 pixels, on the page of its caption, at 300 ppi", async () => {
      const page = pageWith(offprint, "图22020年各省级行政区人口规模（作者绘制）") as PdfPage;
      expect(page.images).toEqual([{ width: 1500, height: 1000 }]);
      // In the English part too, the same picture, on the page of Fig. 2.
      expect(pageWith(offprint, "Fig. 2Population")?.images).toEqual([{ width: 1500, height: 1000 }]);
      // Nowhere else.
      expect(offprint.pages.flatMap((p) => p.images)).toHaveLength(2);
    });

    it("keeps the chart vector: its labels are text in our fonts, and its page holds no picture", () => {
      const page = pageWith(offprint, "图1") as PdfPage;
      expect(page.images).toEqual([]);
      const labels = page.runs.map((r) => r.text.trim());
      for (const label of ["东部", "中部", "西部", "东北", "39.99", "37.98"]) expect(labels.join("|")).toContain(label);
    });

    it("numbers the figures and captions them below, with the English line, and resolves the references", () => {
      const caption = offprint.pages.flatMap((p) => p.lines).find((l) => squash(l.text).startsWith("图1四大地区"));
      expect(squash(caption?.text ?? "")).toBe("图1四大地区常住人口占比（2010年、2020年）");
      const english = offprint.pages.flatMap((p) => p.lines).find((l) => l.text.startsWith("Fig. 1 Shares"));
      expect(english).toBeDefined();
      expect(english?.top).toBeGreaterThan(caption?.top ?? Infinity);
      const body = offprint.pages.map(textOf).join("");
      expect(body).toContain("并按东部、中部、西部和东北四大地区汇总（见图1）");
      expect(body).toContain("比较两次普查的常住人口（见表1）");
      expect(body).toContain("图2以面积表示");
      expect(body).not.toMatch(/@(fig|tbl):/);
      expect(body).toContain("(seeFig.1)");
      expect(body).toContain("Fig.2showsthesize");
      // Each figure is printed once.
      expect(body.match(/图2 ?2020年各省级行政区人口规模/g)).toHaveLength(1);
    });
  });

  describe("tables", () => {
    const tablePages = () => offprint.pages.filter((p) => p.lines.some((l) => /^(表1|续表1)/.test(squash(l.text))));

    it("breaks the table between rows: 续表1 and the header again on the next page, every division once", () => {
      const [first, second] = tablePages();
      expect(first && second).toBeTruthy();
      expect((second?.number ?? 0) - (first?.number ?? 0)).toBe(1);
      const continued = second?.lines.find((l) => squash(l.text) === "续表1");
      const header = second?.lines.find((l) => squash(l.text).startsWith("地区2010年"));
      expect(continued && header).toBeTruthy();
      expect(header?.top).toBeGreaterThan(continued?.top ?? Infinity);
      const rows = [first, second].flatMap((p) => p?.lines ?? []).map((l) => squash(l.text));
      for (const name of DIVISIONS)
        expect(
          rows.filter((r) => r.startsWith(name) && /\d/.test(r)),
          name,
        ).toHaveLength(1);
      // The notes under the table's last part.
      const note = second?.lines.find((l) => squash(l.text).startsWith("注：常住人口"));
      expect(note?.top).toBeGreaterThan(second?.lines.find((l) => squash(l.text).startsWith("合计"))?.top ?? Infinity);
    });

    it("draws each part as a 三线表: thick rules above and below, a thin one under the header, across the text", async () => {
      for (const page of tablePages()) {
        const rules = (await horizontalRules(offprint.bytes, page.number - 1, TEXT_WIDTH * 0.9)).filter(
          (r) => r.top > AREA.top && r.bottom < AREA.bottom,
        );
        expect(
          rules.map((r) => Number((r.bottom - r.top).toFixed(1))),
          `page ${page.number}`,
        ).toEqual([1.2, 0.5, 1.2]);
        for (const rule of rules) expect(rule.right - rule.left).toBeCloseTo(TEXT_WIDTH, 0);
        // The bottom rule is under the last row of the part.
        const lastRow = page.lines.filter((l) => l.top < (rules[2]?.top ?? 0)).at(-1);
        expect((rules[2]?.top ?? 0) - (lastRow?.top ?? 0)).toBeLessThan(12);
      }
    });

    it("sets the table one step smaller than the body", () => {
      const row = offprint.pages.flatMap((p) => p.runs).find((r) => r.text.includes("1,961.24"));
      expect(row?.size).toBe(9);
    });
  });
});

describe("figures placed where there is room", () => {
  it("moves a figure that does not fit to the next page's top and fills the page with the text after it", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "paiban-figure-"));
    await cp(SAMPLE, root, { recursive: true });
    const dir = path.join(root, "2021-03", ID);
    // Each paragraph numbered, so that none repeats; the figure comes when a page is half full.
    const paragraphs = (n: number, tag: string) =>
      Array.from({ length: n }, (_, i) =>
        `${tag}${i + 1}：人口分布的变化与公共服务的配置密切相关，本段为版面测试而写，编号不同。`.repeat(6),
      ).join("\n\n");
    // Two figures taller than half a page each: they never share a page, so the second
    // cannot stand where it is written; it goes to a page's top and the text after it fills in.
    const tall = (label: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 110"><text x="5" y="10" font-size="6">${label}</text><rect x="5" y="20" width="90" height="85" fill="#999"/></svg>`;
    await writeFile(path.join(dir, "figures", "a.svg"), tall("顶部标签甲"));
    await writeFile(path.join(dir, "figures", "b.svg"), tall("顶部标签乙"));
    const body = `${paragraphs(9, "甲")}\n\n![高图一](figures/a.svg){width=100%}\n\n![高图二](figures/b.svg){width=100%}\n\n${paragraphs(12, "乙")}\n`;
    const zh = await readFile(path.join(dir, "zh.md"), "utf8");
    await writeFile(path.join(dir, "zh.md"), `${zh.slice(0, zh.indexOf("---", 4) + 3)}\n\n${body}`);
    await writeFile(path.join(dir, "en.md"), "The English version.\n");
    const out = await buildInto(dir, "--edition", "issue");
    const pdf = await readPdf(path.join(out, "2021-03", `${ID}.pdf`));
    const at = pdf.pages.findIndex((p) => p.lines.some((l) => squash(l.text) === "图2高图二"));
    const page = pdf.pages[at] as PdfPage;
    const before = pdf.pages[at - 1] as PdfPage;
    // The second figure opens its page: its label is the page's first text.
    expect(squash(page.lines.filter((l) => l.top > AREA.top)[0]?.text ?? "")).toBe("顶部标签乙");
    // The page before ends full, with text that follows the figure in the source.
    const last = before.lines.filter((l) => l.top < AREA.bottom && l.size > 10).at(-1);
    expect(AREA.bottom - (last?.top ?? 0)).toBeLessThan(2 * 18 + 4);
    expect(textOf(before)).toMatch(/乙\d+：/);
    // Each once, in order.
    const captions = pdf.pages.flatMap((p) => p.lines.map((l) => squash(l.text))).filter((t) => /^图\d高图/.test(t));
    expect(captions).toEqual(["图1高图一", "图2高图二"]);
  });
});

describe("files a figure may not use", () => {
  let stdout: string;
  let stderr: string;
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** A copy of the sample whose second article's first figure points at `target` (after `prepare` runs in its folder). */
  async function withFigure(target: string, prepare?: (dir: string) => Promise<void>) {
    const root = await mkdtemp(path.join(os.tmpdir(), "paiban-refusal-"));
    await cp(SAMPLE, root, { recursive: true });
    const dir = path.join(root, "2021-03", ID);
    const zh = path.join(dir, "zh.md");
    const text = await readFile(zh, "utf8");
    await writeFile(zh, text.replace("(figures/regions.svg)", `(${target})`));
    await prepare?.(dir);
    return { root, zh, line: await lineStarting(zh, "![四大地区") };
  }

  const cases: [string, string, RegExp, ((dir: string) => Promise<void>)?][] = [
    ["a missing file", "figures/none.png", /image 'figures\/none\.png': no such file/],
    ["a path out of the folder", "../xu-tao-sco-security/zh.md", /leaves the article's folder/],
    ["an absolute path", "/etc/hostname", /leaves the article's folder/],
    ["a URL", "https://example.org/chart.png", /is a URL: images are never fetched/],
    [
      "a file that is no image",
      "figures/notes.png",
      /does not decode as an image/,
      (d) => writeFile(path.join(d, "figures", "notes.png"), "not a picture\n"),
    ],
    [
      "a GIF",
      "figures/old.gif",
      /is a GIF, which is not supported/,
      (d) => writeFile(path.join(d, "figures", "old.gif"), "GIF89a\u0001\u0000\u0001\u0000"),
    ],
    [
      "a cut-short JPEG",
      "figures/cut.jpg",
      /does not decode as a JPEG/,
      async (d) =>
        writeFile(path.join(d, "figures", "cut.jpg"), (await readFile(path.join(d, "figures", "provinces-2020.jpg"))).subarray(0, 20_000)),
    ],
    [
      "a link out of the folder",
      "figures/link.svg",
      /a link to a file outside/,
      (d) => symlink(path.join(d, "..", "..", "journal.yaml"), path.join(d, "figures", "link.svg")),
    ],
  ];

  it.each(cases)(
    "refuses %s in build, export jats and check alike, at its line, writing nothing",
    async (_what, target, message, prepare) => {
      const { root, zh, line } = await withFigure(target, prepare);
      const out = await mkdtemp(path.join(os.tmpdir(), "paiban-refusal-out-"));
      for (const args of [
        ["build", root, "--out", out, "--no-cache"],
        ["export", "jats", root, "--out", out, "--no-cache"],
        ["check", root],
      ]) {
        stdout = "";
        stderr = "";
        spyOnOutput(
          (t) => (stdout += t),
          (t) => (stderr += t),
        );
        expect(await main(args), args[0]).toBe(1);
        const printed = stdout + stderr;
        expect(printed).toContain(`${zh}:${line}`);
        expect(printed).toMatch(message);
        vi.restoreAllMocks();
      }
      expect(await readdir(out)).toEqual([]);
    },
  );
});

describe("tables the page cannot set", () => {
  async function buildArticle(markdown: string) {
    const root = await mkdtemp(path.join(os.tmpdir(), "paiban-table-"));
    await cp(SAMPLE, root, { recursive: true });
    const dir = path.join(root, "2021-03", ID);
    const zh = path.join(dir, "zh.md");
    const text = await readFile(zh, "utf8");
    await writeFile(zh, `${text.slice(0, text.indexOf("---", 4) + 3)}\n\n导言。\n\n${markdown}\n`);
    await writeFile(path.join(dir, "en.md"), "The English version.\n");
    const error = await build(await loadSources(dir), {
      outDir: await mkdtemp(path.join(os.tmpdir(), "paiban-table-out-")),
      strict: false,
      press: {},
      editions: { issue: true, parallel: [] },
      report: () => undefined,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SourceError);
    return { problems: (error as SourceError).problems, zh };
  }

  it("reports a row taller than a page at the row's line", async () => {
    const tall = Array.from({ length: 400 }, (_, i) => `第${i + 1}句说明此行极长。`).join("");
    const { problems, zh } = await buildArticle(`: 长行 {#tbl:tall}\n\n| 项目 | 说明 |\n|--|--|\n| 甲 | 短 |\n| 乙 | ${tall} |`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: zh, line: await lineStarting(zh, "| 乙 |"), message: "a table row is taller than a page" });
  });

  it("sets a wide table smaller, and reports one too wide even at 7.5 pt at the table's line", async () => {
    const cells = Array.from({ length: 14 }, (_, i) => `Column${i + 1}Heading`);
    const { problems, zh } = await buildArticle(
      `| ${cells.join(" | ")} |\n|${cells.map(() => "--").join("|")}|\n| ${cells.map((_, i) => i).join(" | ")} |`,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: zh, line: await lineStarting(zh, "| Column1Heading") });
    expect(problems[0]?.message).toBe("the table is wider than the text even at 7.5 pt");
  });
});
