import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { resolutionWarnings } from "../../src/compose/resolution.ts";
import { textBlockWidth } from "../../src/compose/text-block.ts";
import { SourceError } from "../../src/content/errors.ts";
import { loadImage } from "../../src/content/images.ts";
import { loadSources } from "../../src/content/load.ts";
import { renderBody } from "../../src/markdown/index.ts";
import { SAMPLE } from "../support/build.ts";

let dir: string;

/** A valid PNG of `width` × `height` grey pixels. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // grey
  const rows = Buffer.alloc(height * (width + 1), 0x80);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "paiban-figures-"));
  await mkdir(path.join(dir, "figures"));
  await writeFile(path.join(dir, "figures", "grey.png"), png(600, 400));
  await writeFile(path.join(dir, "figures", "cut.png"), png(600, 400).subarray(0, 60));
  await writeFile(
    path.join(dir, "figures", "chart.svg"),
    '<svg xmlns="http://www.w3.org/2000/svg" width="300pt" height="150pt" viewBox="0 0 300 150"><style>text { fill: red } #a { fill: blue }</style><script>alert(1)</script><rect id="a" onclick="x()" width="10" height="10"/><use href="#a"/><text>标签</text></svg>',
  );
  await writeFile(
    path.join(dir, "figures", "loads.svg"),
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><image href="photo.png"/></svg>',
  );
});

const zh = (body: string) => renderBody({ file: path.join(dir, "zh.md"), body, bodyLine: 10 }, { lang: "zh", fullWidthPunctuation: true });
const en = (body: string) => renderBody({ file: path.join(dir, "en.md"), body, bodyLine: 1 }, { lang: "en", fullWidthPunctuation: false });

function problems(render: () => unknown): { line?: number; message: string }[] {
  try {
    render();
  } catch (error) {
    if (error instanceof SourceError) return error.problems.map((p) => ({ line: p.line, message: p.message }));
    throw error;
  }
  return [];
}

describe("figures", () => {
  it("makes an image alone in its paragraph a numbered figure, the alt text its caption below", () => {
    const body = zh('![灰色图](figures/grey.png)\n\n![图表](figures/chart.svg){#fig:chart width=60% en="A chart"}\n');
    expect(body.html).toContain('<figure class="figure" data-line="10">');
    expect(body.html).toMatch(/<img src="data:image\/png;base64,[^"]+" width="600" height="400"/);
    expect(body.html).toContain('<figcaption><span class="float-label">图1</span>灰色图</figcaption>');
    expect(body.html).toContain('id="zh-fig-chart"');
    expect(body.html).toContain('style="width: 60%"');
    expect(body.html).toContain('<span class="caption-en" lang="en"><span class="float-label">Fig. 2</span>A chart</span>');
    expect(body.texts.floats.map((f) => f.caption)).toEqual(["图1 灰色图", "图2 图表\nFig. 2 A chart"]);
    expect(body.texts.floats[0]?.pixels).toEqual({ width: 600, height: 400 });
    expect(body.floats.map((f) => [f.number, f.label, f.line])).toEqual([
      [1, undefined, 10],
      [2, "fig:chart", 12],
    ]);
  });

  it("sets a drawing inline, made safe: no script or handler, its styles scoped to it, its ids its own", () => {
    const { html } = zh("![图表](figures/chart.svg)\n");
    const svg = /<svg[\s\S]*<\/svg>/.exec(html)?.[0] ?? "";
    expect(svg).not.toMatch(/script|onclick/);
    const prefix = /data-svg="(\w+)"/.exec(svg)?.[1];
    expect(svg).toContain(`@scope ([data-svg=${prefix}]) { text { fill: red } #${prefix}-a { fill: blue } }`);
    expect(svg).toContain(`id="${prefix}-a"`);
    expect(svg).toContain(`href="#${prefix}-a"`);
    expect(html).toContain("--natural-width: 400px");
  });

  it("refuses files it may not use, each at its line", () => {
    const found = problems(() =>
      zh(
        [
          "![a](figures/none.png)",
          "![b](../outside.png)",
          "![c](https://example.org/c.png)",
          "![d](figures/cut.png)",
          "![e](figures/loads.svg)",
          "文中![f](figures/grey.png)的图。",
        ].join("\n\n"),
      ),
    );
    expect(found).toEqual([
      { line: 10, message: "image 'figures/none.png': no such file" },
      { line: 12, message: "the image path '../outside.png' leaves the article's folder" },
      { line: 14, message: "the image 'https://example.org/c.png' is a URL: images are never fetched" },
      {
        line: 16,
        message: expect.stringMatching(
          /^the image 'figures\/cut\.png' does not decode as a PNG: its IDAT chunk runs past the end of the file/,
        ) as unknown as string,
      },
      {
        line: 18,
        message: expect.stringMatching(
          /^the drawing 'figures\/loads\.svg' cannot be set: it loads another file \('photo\.png'\)/,
        ) as unknown as string,
      },
      { line: 20, message: "the image 'figures/grey.png' stands among text" },
    ]);
  });

  it("reads the pixels of PNG files and refuses other formats by name", async () => {
    const image = loadImage(dir, "figures/grey.png");
    expect("image" in image && { width: image.image.width, height: image.image.height }).toEqual({ width: 600, height: 400 });
    await writeFile(path.join(dir, "figures", "photo.webp"), Buffer.from("RIFF\0\0\0\0WEBPVP8 "));
    expect(loadImage(dir, "figures/photo.webp")).toEqual({
      refusal: { message: "the image 'figures/photo.webp' is a WebP image, which is not supported", hint: expect.any(String) as unknown },
    });
  });
});

describe("tables", () => {
  const table = "| 地区 | 人口 |\n|:--|--:|\n| 北京 | 2189 |\n| 天津 | 1387 |";

  it("takes Pandoc's caption after (or before) the table, and the 注/资料来源 paragraphs after it as its notes", () => {
    const after = zh(`${table}\n\n: 人口 {#tbl:pop en="Population"}\n\n注：常住人口。\n\n资料来源：普查公报。\n\n正文。`);
    expect(after.html).toMatch(
      /^<div class="table-wrap" id="zh-tbl-pop" data-line="10"><table data-continued="续表1">\n<caption><span class="float-label">表1<\/span>人口<span class="caption-en" lang="en">/,
    );
    expect(after.html).toContain('<div class="table-notes"><p>注：常住人口。</p>\n<p>资料来源：普查公报。</p>\n</div></div><p>正文。</p>');
    expect(after.html).toContain('<tr data-line="12">');
    expect(after.texts.floats).toEqual([
      expect.objectContaining({
        kind: "table",
        caption: "表1 人口\nTable 1 Population",
        cells: ["地区", "人口", "北京", "2189", "天津", "1387"],
      }),
    ]);
    const before = en(`Table: Population {#tbl:pop}\n\n${table}`);
    // (English text carries soft hyphens for the line breaker.)
    expect(before.html.replace(/\u00ad/g, "")).toContain('<caption><span class="float-label">Table 1</span>Population</caption>');
    expect(before.html).toContain('data-continued="Table 1 (continued)"');
  });
});

describe("cross-references", () => {
  const doc = `见@fig:a、[@tbl:t]和[-@fig:a]，以及[@fig:a; @fig:b]。\n\n![甲](figures/grey.png){#fig:a}\n\n![乙](figures/grey.png){#fig:b}\n\n: 表 {#tbl:t}\n\n| a |\n|--|\n| 1 |`;

  it("prints 图1 and 表1 in Chinese, Fig. 1 and Table 1 in English, as links", () => {
    expect(zh(doc).html).toContain(
      '见<a class="crossref" href="#zh-fig-a">图1</a>、<a class="crossref" href="#zh-tbl-t">表1</a>和<a class="crossref" href="#zh-fig-a">1</a>，以及<a class="crossref" href="#zh-fig-a">图1</a>、<a class="crossref" href="#zh-fig-b">图2</a>。',
    );
    const english = en(
      "See @fig:a and [@tbl:t]; @Fig:a shows [@fig:a; @fig:b].\n\n![A](figures/grey.png){#fig:a}\n\n![B](figures/grey.png){#fig:b}\n\n: T {#tbl:t}\n\n| a |\n|--|\n| 1 |",
    );
    expect(english.html).toContain(
      'See <a class="crossref" href="#en-fig-a">Fig. 1</a> and <a class="crossref" href="#en-tbl-t">Table 1</a>',
    );
    expect(english.html).toContain('>Figs. 1</a>, <a class="crossref" href="#en-fig-b">2</a>');
    // The source texts hold what is printed.
    expect(zh(doc).texts.blocks[0]?.text).toBe("见图1、表1和1，以及图1、图2。");
  });

  it("reports a reference to no figure or table, and a label used twice, at their lines", () => {
    expect(problems(() => zh("正文。\n\n见@fig:none。\n\n![甲](figures/grey.png){#fig:a}\n\n![乙](figures/grey.png){#fig:a}"))).toEqual([
      { line: 12, message: "the reference @fig:none names no figure or table" },
      { line: 16, message: "the label 'fig:a' is used twice" },
    ]);
  });
});

describe("resolution", () => {
  it("warns of a picture that would print under 300 ppi at the width the source asks for, at its line", async () => {
    const { journal } = await loadSources(SAMPLE);
    const body = zh("![宽](figures/grey.png){width=100%}\n\n![窄](figures/grey.png){width=40mm}\n\n![自然](figures/grey.png)\n");
    const warnings = resolutionWarnings(journal, body, path.join(dir, "zh.md"));
    // 600 pixels over the 420 pt text width: 103 ppi; over 40 mm: 381 ppi; unsized: 300 ppi.
    expect(warnings).toEqual([
      expect.objectContaining({
        line: 10,
        severity: "warning",
        message: "the picture of figure 1 prints at 103 ppi (600 pixels over 148 mm): print needs 300",
      }),
    ]);
    expect(textBlockWidth(journal)).toBeCloseTo(420, 0);
  });
});
