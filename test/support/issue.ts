import { cp, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { SAMPLE } from "./build.ts";

/** A generated article of a test issue: its id, its length, and what its front matter declares. */
export interface GeneratedArticle {
  id: string;
  /** Chinese paragraphs (each with a note); about 14 make a page. */
  paragraphs: number;
  titleZh: string;
  titleEn: string;
  author: { zh: string; en: string };
  articleNumber?: string;
  /** The front matter's runningHead. */
  runningHead?: { zh?: string; en?: string };
  /** Bodies to use instead of the generated ones (Markdown). */
  bodies?: { zh: string; en: string };
}

const SEED_ID = "xu-tao-sco-security";

/**
 * A content folder holding one issue, 2021 No. 3: the seed article first, then the
 * generated ones. Every sentence is numbered, so none repeats (Paged.js mislays repeated
 * text that spans pages, and the tests would test that instead). The one generator of
 * synthetic issues: the tests' and the benchmark's (scripts/bench.ts, with bodies of its own).
 */
export async function writeIssue(
  articles: GeneratedArticle[],
  /** `root`: the content folder to write (default: a new temporary one). */
  options: { withSeed?: boolean; journal?: string; issue?: string; root?: string } = {},
): Promise<string> {
  const root = options.root ?? (await mkdtemp(path.join(os.tmpdir(), "paiban-issue-")));
  const issueDir = path.join(root, "2021-03");
  await mkdir(issueDir, { recursive: true });
  await writeFile(path.join(root, "journal.yaml"), options.journal ?? "issn: 1006-6241\n");
  const ids = [...(options.withSeed === false ? [] : [SEED_ID]), ...articles.map((a) => a.id)];
  await writeFile(
    path.join(issueDir, "issue.yaml"),
    `year: 2021\nnumber: 3\nfirstPage: 1\narticles:\n${ids.map((id) => `  - ${id}\n`).join("")}${options.issue ?? ""}`,
  );
  if (options.withSeed !== false) await cp(path.join(SAMPLE, "2021-03", SEED_ID), path.join(issueDir, SEED_ID), { recursive: true });
  for (const [n, article] of articles.entries()) {
    const dir = path.join(issueDir, article.id);
    await mkdir(dir);
    await writeFile(path.join(dir, "zh.md"), chineseSource(article, n + 2));
    await writeFile(path.join(dir, "en.md"), article.bodies?.en ?? englishSource(article, n + 2));
  }
  return root;
}

function chineseSource(a: GeneratedArticle, n: number): string {
  const front = [
    "---",
    `id: ${a.id}`,
    "title:",
    `  zh: ${a.titleZh}`,
    // Quoted: a title may hold a colon.
    `  en: ${JSON.stringify(a.titleEn)}`,
    "authors:",
    "  - name:",
    `      zh: ${a.author.zh}`,
    `      en: ${a.author.en}`,
    "    bio:",
    `      zh: ${a.author.zh}，某大学国际关系学院教授。`,
    `      en: Professor at the School of International Relations of a university (article ${n}).`,
    "abstract:",
    `  zh: 第${n}篇文章的内容提要。本文讨论地区合作的制度建设与安全治理，回顾其发展历程并分析其现实意义。`,
    `  en: The abstract of article ${n}. It discusses institution building and security governance in regional cooperation.`,
    "keywords:",
    "  zh: [地区合作, 安全治理, 制度建设]",
    "clc: D815",
    "documentCode: A",
    ...(a.articleNumber ? [`articleNumber: ${a.articleNumber}`] : []),
    ...(a.runningHead ? [`runningHead: ${JSON.stringify(a.runningHead)}`] : []),
    'received: "2021-04-20"',
    "editor: 王五",
    "---",
    "",
  ];
  if (a.bodies) return `${front.join("\n")}\n${a.bodies.zh}`;
  const body: string[] = [];
  for (let p = 1; p <= a.paragraphs; p++) {
    if (p === 1) body.push("## 一、问题的提出", "");
    if (p === Math.ceil(a.paragraphs / 2)) body.push("## 二、分析与讨论", "");
    const sentences = Array.from(
      { length: 4 },
      (_, s) => `第${n}篇第${p}段第${s + 1}句讨论地区合作机制在第${p * 10 + s}个方面的具体实践与经验`,
    );
    body.push(`${sentences.join("，")}。[^${p}]`, "", `[^${p}]: 第${n}篇注释${p}：参见某某著作，第${p}页。`, "");
  }
  return `${front.join("\n")}\n${body.join("\n")}`;
}

function englishSource(a: GeneratedArticle, n: number): string {
  const body: string[] = [];
  const count = Math.ceil(a.paragraphs / 2);
  for (let p = 1; p <= count; p++) {
    if (p === 1) body.push("## I. The Question", "");
    body.push(
      `Paragraph ${p} of article ${n} considers aspect ${p * 10} of regional cooperation and its practice. ` +
        `It adds a second sentence, number ${p}.2, on the institutions of article ${n}.`,
      "",
    );
  }
  return body.join("\n");
}
