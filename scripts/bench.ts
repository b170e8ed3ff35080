/**
 * npm run bench: paiban against pagedjs-cli and plain Chromium, measured side by side in
 * one run (several runs each, the median, and the ratio per pair, so that a busy machine
 * does not mislead). Prints a table and writes dist/bench.json.
 *
 * 1. the sample article: paiban build / pagedjs-cli on the same composed HTML / Chromium
 *    printing that HTML without Paged.js (the floor);
 * 2. a generated article of about 150 pages and 1,000+ notes: the same three, with the
 *    peak memory of each whole process tree (browser included);
 * 3. a generated issue of 8 articles: a cold build, a rebuild after one article changed,
 *    a rebuild with nothing changed; against pagedjs-cli run on each article's HTML;
 * 4. the sample article's parallel-text editions (facing and columns), against its issue edition
 *    and against pagedjs-cli laying out each edition's two sides once;
 * 5. a generated classical text: quotations in traditional characters (faces added for the
 *    characters Noto Serif SC lacks), long notes in both parts; the same three as in 2;
 * 6. start-up: `paiban check` of the sample, compiled ahead (lib/) and through tsx (src/).
 *
 * A long article is laid out by paiban as two documents (its Chinese and English parts, side
 * by side): pagedjs-cli and Chromium lay out the same two, one after the other.
 *
 * Everything is measured in this one process, interleaved: on a machine others share, the
 * seconds are inflated, the ratios much less so.
 */
import { execFile, spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { packageFile, PROJECT_ROOT } from "../src/config/paths.ts";
import { findBrowser } from "../src/render/browser.ts";
import { writeIssue } from "../test/support/issue.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SAMPLE = path.join(PROJECT_ROOT, "content");
const PAIBAN = path.join(PROJECT_ROOT, "bin", "paiban.js");
const PAGEDJS = packageFile("pagedjs-cli/src/cli.js");
const MAIN_SOURCE = pathToFileURL(path.join(PROJECT_ROOT, "src", "cli", "main.ts")).href;
const exec = promisify(execFile);

interface Measure {
  seconds: number;
  /** Peak resident memory of the process and all its descendants, in MiB. */
  peakMiB: number;
}

/** Runs a command to its end, sampling the memory of its process tree; fails on a non-zero exit. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    let peak = 0;
    const timer = setInterval(() => {
      treeRss(child.pid ?? 0).then(
        (rss) => (peak = Math.max(peak, rss)),
        () => undefined,
      );
    }, 100);
    child.on("close", (code) => {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      if (code === 0) resolve({ seconds, peakMiB: Math.round(peak / 1024) });
      else reject(new Error(`${path.basename(command)} ${args.join(" ")} exited with ${code}\n${stderr.slice(-2000)}`));
    });
  });
}

/** Resident memory (KiB) of a process and its descendants, from ps. */
async function treeRss(pid: number): Promise<number> {
  const { stdout } = await exec("ps", ["-eo", "pid=,ppid=,rss="]);
  const rows = stdout
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number, number]);
  const tree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [p, parent] of rows) {
      if (tree.has(parent) && !tree.has(p)) {
        tree.add(p);
        grew = true;
      }
    }
  }
  return rows.filter(([p]) => tree.has(p)).reduce((sum, [, , rss]) => sum + rss, 0);
}

/** Commands run one after the other, measured as one: their seconds summed, their peak the highest. */
function inTurn(commands: (() => Promise<Measure>)[]): () => Promise<Measure> {
  return async () => {
    let seconds = 0;
    let peakMiB = 0;
    for (const command of commands) {
      const m = await command();
      seconds += m.seconds;
      peakMiB = Math.max(peakMiB, m.peakMiB);
    }
    return { seconds, peakMiB };
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** `runs` measurements of each command, interleaved so that a slow spell hits all alike. */
async function compare(label: string, commands: Record<string, () => Promise<Measure>>, runs = RUNS) {
  const results: Record<string, Measure[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, command] of Object.entries(commands)) {
      const m = await command();
      results[name]?.push(m);
      process.stderr.write(`bench: ${label}: ${name} run ${i + 1}: ${m.seconds.toFixed(2)} s, ${m.peakMiB} MiB\n`);
    }
  }
  return Object.fromEntries(
    Object.entries(results).map(([name, ms]) => [
      name,
      { seconds: median(ms.map((m) => m.seconds)), peakMiB: median(ms.map((m) => m.peakMiB)), runs: ms.map((m) => m.seconds) },
    ]),
  );
}

async function main(): Promise<void> {
  const chromium = await findBrowser();
  const work = await mkdtemp(path.join(os.tmpdir(), "paiban-bench-"));
  const env = { PUPPETEER_EXECUTABLE_PATH: chromium, CI: "" };
  const paiban =
    (target: string, out: string, ...args: string[]) =>
    () =>
      run(process.execPath, [PAIBAN, "build", target, "--out", out, "--no-strict", ...args], env);
  const pagedjs = (html: string, out: string) => () =>
    run(process.execPath, [PAGEDJS, html, "-o", out, "--browserArgs", "--no-sandbox,--disable-gpu"], env);
  const chrome = (html: string, out: string) => () =>
    run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", `--print-to-pdf=${out}`, `file://${html}`]);

  // The composed HTML, as paiban lays it out.
  const composed = async (target: string, dir: string) => {
    await paiban(target, path.join(dir, "out"), "--edition", "issue", "--no-cache", "--keep-html", path.join(dir, "html"))();
    return path.join(dir, "html");
  };
  // An article's composed documents: one, or two when its parts are laid out apart (a long
  // article's Chinese and English parts); the other tools lay them out one after the other.
  const articleHtml = async (htmlDir: string, id: string) => {
    const files = (await readdir(htmlDir)).filter((f) => f.startsWith(`${id}-`) && f.endsWith(".html"));
    if (files.length === 0) throw new Error(`no composed HTML for ${id} in ${htmlDir}`);
    return files.sort().map((file) => path.join(htmlDir, file));
  };
  const eachOf = (files: string[], tool: (html: string, out: string) => () => Promise<Measure>, outPrefix: string) =>
    inTurn(files.map((html) => tool(html, `${outPrefix}${path.basename(html, ".html")}.pdf`)));

  // 1. The sample article.
  const sampleDir = path.join(work, "sample");
  const sampleArticle = path.join(SAMPLE, "2021-03", "xu-tao-sco-security");
  const sampleHtml = await articleHtml(await composed(sampleArticle, sampleDir), "xu-tao-sco-security");
  const sample = await compare("sample article", {
    paiban: paiban(sampleArticle, path.join(sampleDir, "paiban"), "--edition", "issue", "--no-cache"),
    "pagedjs-cli": eachOf(sampleHtml, pagedjs, path.join(sampleDir, "pagedjs-")),
    chromium: eachOf(sampleHtml, chrome, path.join(sampleDir, "chromium-")),
  });

  /** A generated article's issue edition by paiban, its composed HTML by pagedjs-cli and by Chromium alone; and its page count. */
  const threeWays = async (label: string, dir: string, content: string, id: string) => {
    const article = path.join(content, "2021-03", id);
    const html = await articleHtml(await composed(article, dir), id);
    const result = await compare(
      label,
      {
        paiban: paiban(article, path.join(dir, "paiban"), "--edition", "issue", "--no-cache"),
        "pagedjs-cli": eachOf(html, pagedjs, path.join(dir, "pagedjs-")),
        chromium: eachOf(html, chrome, path.join(dir, "chromium-")),
      },
      Math.min(RUNS, 3),
    );
    return { result, pages: await pageCount(path.join(dir, "paiban", "2021-03", `${id}.pdf`)) };
  };

  // 2. A long article: about 150 pages, 1,000+ notes.
  const longDir = path.join(work, "long");
  const longContent = await generatedIssue(path.join(longDir, "content"), [{ id: "long-article", paragraphs: 1550 }]);
  const { result: long, pages: longPages } = await threeWays("150-page article", longDir, longContent, "long-article");

  // 3. An issue of 8 articles.
  const issueDir = path.join(work, "issue");
  const ids = Array.from({ length: 8 }, (_, i) => `article-${i + 1}`);
  const issueContent = await generatedIssue(
    path.join(issueDir, "content"),
    ids.map((id, i) => ({ id, paragraphs: 30 + 6 * i })),
  );
  const issueHtml = await composed(path.join(issueContent, "2021-03"), issueDir);
  const pagedjsSum = await compare("8-article issue, pagedjs-cli per article", {
    "pagedjs-cli (sum of 8)": eachOf((await Promise.all(ids.map((id) => articleHtml(issueHtml, id)))).flat(), pagedjs, `${issueDir}/`),
  });
  const cache = path.join(issueDir, "cache");
  const issueTarget = path.join(issueContent, "2021-03");
  const out = path.join(issueDir, "paiban");
  const rebuilds = { cold: [] as Measure[], oneChanged: [] as Measure[], nothingChanged: [] as Measure[] };
  for (let i = 0; i < RUNS; i++) {
    await rm(cache, { recursive: true, force: true });
    rebuilds.cold.push(await paiban(issueTarget, out, "--edition", "issue", "--cache-dir", cache)());
    const changed = path.join(issueTarget, ids[3] ?? "", "en.md");
    await writeFile(changed, `${await readFile(changed, "utf8")}\nA sentence added by run ${i + 1} of the benchmark.\n`);
    rebuilds.oneChanged.push(await paiban(issueTarget, out, "--edition", "issue", "--cache-dir", cache)());
    rebuilds.nothingChanged.push(await paiban(issueTarget, out, "--edition", "issue", "--cache-dir", cache)());
    process.stderr.write(
      `bench: 8-article issue run ${i + 1}: cold ${rebuilds.cold.at(-1)?.seconds.toFixed(2)} s, ` +
        `one changed ${rebuilds.oneChanged.at(-1)?.seconds.toFixed(2)} s, nothing changed ${rebuilds.nothingChanged.at(-1)?.seconds.toFixed(2)} s\n`,
    );
  }
  const issue = Object.fromEntries(
    Object.entries(rebuilds).map(([name, ms]) => [
      name,
      { seconds: median(ms.map((m) => m.seconds)), peakMiB: median(ms.map((m) => m.peakMiB)), runs: ms.map((m) => m.seconds) },
    ]),
  );

  // 4. The sample article's parallel-text editions, against its issue edition and against
  // pagedjs-cli laying out each edition's two sides once (their last HTML, as levelled).
  const parallelDir = path.join(work, "parallel");
  const sidesHtml = path.join(parallelDir, "html");
  await paiban(sampleArticle, path.join(parallelDir, "sides"), "--edition", "parallel", "--no-cache", "--keep-html", sidesHtml)();
  const sides = await lastSides(sidesHtml);
  const parallel = await compare("sample parallel editions", {
    "paiban, issue edition": paiban(sampleArticle, path.join(parallelDir, "issue"), "--edition", "issue", "--no-cache"),
    "paiban, parallel editions": paiban(sampleArticle, path.join(parallelDir, "parallel"), "--edition", "parallel", "--no-cache"),
    [`pagedjs-cli, the ${sides.length} sides once`]: eachOf(sides, pagedjs, `${parallelDir}/`),
  });

  // 5. A classical text: traditional characters, long notes.
  const classicalDir = path.join(work, "classical");
  const classicalContent = await classicalIssue(path.join(classicalDir, "content"), 120);
  const { result: classical, pages: classicalPages } = await threeWays("classical text", classicalDir, classicalContent, "classical-text");

  // 6. Start-up and the work before layout: `paiban check` of the sample, compiled ahead and through tsx.
  const startup = await compare("paiban check of the sample", {
    "compiled (lib/)": () => run(process.execPath, [PAIBAN, "check", SAMPLE], env),
    "through tsx (src/)": () =>
      run(
        process.execPath,
        [
          "--import",
          "tsx",
          "--eval",
          `process.exitCode = await (await import(${JSON.stringify(MAIN_SOURCE)})).main(["check", ${JSON.stringify(SAMPLE)}])`,
        ],
        env,
      ),
  });

  const s = (x: { seconds: number } | undefined) => x?.seconds ?? NaN;
  const ratios = {
    "sample: paiban / chromium (target ≤ 1.5)": s(sample.paiban) / s(sample.chromium),
    "sample: paiban / pagedjs-cli": s(sample.paiban) / s(sample["pagedjs-cli"]),
    "150 pages: paiban / pagedjs-cli (target ≤ 0.6)": s(long.paiban) / s(long["pagedjs-cli"]),
    "150 pages: paiban / chromium": s(long.paiban) / s(long.chromium),
    "issue cold: paiban / sum of pagedjs-cli (target ≤ 0.5)": s(issue.cold) / s(pagedjsSum["pagedjs-cli (sum of 8)"]),
    "issue, one article changed: paiban / cold": s(issue.oneChanged) / s(issue.cold),
    "issue, nothing changed: seconds (target < 1)": s(issue.nothingChanged),
    "sample: parallel editions / issue edition": s(parallel["paiban, parallel editions"]) / s(parallel["paiban, issue edition"]),
    "sample: parallel editions / pagedjs-cli laying out their sides once (target ≤ 3)":
      s(parallel["paiban, parallel editions"]) / s(parallel[`pagedjs-cli, the ${sides.length} sides once`]),
    "classical text: paiban / pagedjs-cli": s(classical.paiban) / s(classical["pagedjs-cli"]),
    "classical text: paiban / chromium": s(classical.paiban) / s(classical.chromium),
    "classical text: peak memory, paiban / pagedjs-cli": (classical.paiban?.peakMiB ?? NaN) / (classical["pagedjs-cli"]?.peakMiB ?? NaN),
    "150 pages: peak memory, paiban / pagedjs-cli (target ≤ 1)": (long.paiban?.peakMiB ?? NaN) / (long["pagedjs-cli"]?.peakMiB ?? NaN),
    "check of the sample: compiled / through tsx": s(startup["compiled (lib/)"]) / s(startup["through tsx (src/)"]),
  };
  const report = {
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      chromium,
      date: new Date().toISOString(),
    },
    runs: RUNS,
    sample,
    long: { pages: longPages, ...long },
    issue: { ...issue, pagedjsSum },
    parallel,
    classical: { pages: classicalPages, ...classical },
    startup,
    ratios,
  };
  await mkdir(path.join(PROJECT_ROOT, "dist"), { recursive: true });
  await writeFile(path.join(PROJECT_ROOT, "dist", "bench.json"), `${JSON.stringify(report, null, 2)}\n`);
  const row = (name: string, m: { seconds: number; peakMiB: number } | undefined) =>
    `  ${name.padEnd(34)} ${s(m).toFixed(2).padStart(7)} s ${String(m?.peakMiB ?? "").padStart(6)} MiB`;
  const lines = [
    `paiban benchmark: median of ${RUNS} runs, ${report.machine.cpus} cores, ${report.machine.cpu}`,
    "sample article:",
    ...Object.entries(sample).map(([k, v]) => row(k, v)),
    `generated article (${longPages} pages):`,
    ...Object.entries(long).map(([k, v]) => row(k, v)),
    "generated issue of 8 articles:",
    ...Object.entries(issue).map(([k, v]) => row(`paiban, ${k}`, v)),
    ...Object.entries(pagedjsSum).map(([k, v]) => row(k, v)),
    "sample article, parallel-text editions:",
    ...Object.entries(parallel).map(([k, v]) => row(k, v)),
    `generated classical text (${classicalPages} pages):`,
    ...Object.entries(classical).map(([k, v]) => row(k, v)),
    "paiban check of the sample:",
    ...Object.entries(startup).map(([k, v]) => row(k, v)),
    "ratios (seconds are inflated on a shared machine; the ratios, measured side by side, much less):",
    ...Object.entries(ratios).map(([k, v]) => `  ${k}: ${v.toFixed(2)}`),
    "written to dist/bench.json",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  await rm(work, { recursive: true, force: true });
}

/**
 * The HTML of each parallel side as last laid out (the build keeps every layout's HTML,
 * `<article>-<layout>-<lang>-<round>.html`): the sides as levelled, one per edition and language.
 */
async function lastSides(htmlDir: string): Promise<string[]> {
  const last = new Map<string, { round: number; file: string }>();
  for (const file of await readdir(htmlDir)) {
    const match = /^(.+-(?:facing|columns)-(?:zh|en))-(\d+)\.html$/.exec(file);
    if (!match?.[1]) continue;
    const round = Number(match[2]);
    if ((last.get(match[1])?.round ?? -1) < round) last.set(match[1], { round, file: path.join(htmlDir, file) });
  }
  if (last.size === 0) throw new Error(`no parallel side's HTML in ${htmlDir}`);
  return [...last.values()].map((side) => side.file).sort();
}

/** The sample's journal.yaml, for the generated content folders. */
const sampleJournal = () => readFile(path.join(SAMPLE, "journal.yaml"), "utf8");

/**
 * A content folder with one issue of generated articles (each sentence numbered: none
 * repeats), written by the tests' generator (test/support/issue.ts) with bodies of its own:
 * one sentence and one note a paragraph, a section every 60.
 */
async function generatedIssue(root: string, articles: { id: string; paragraphs: number }[]): Promise<string> {
  const generated = articles.map(({ id, paragraphs }, n) => {
    const zh: string[] = [];
    const en: string[] = [];
    for (let p = 1; p <= paragraphs; p++) {
      if (p % 60 === 1) zh.push(`## 第${Math.ceil(p / 60)}节`, "");
      zh.push(
        `第${n + 1}篇第${p}段讨论地区合作机制在第${p}个方面的实践，以及其制度建设的经验与教训。[^${p}]`,
        "",
        `[^${p}]: 第${n + 1}篇注${p}：参见某某著作，第${p}页。`,
        "",
      );
      if (p % 4 === 0)
        en.push(`Paragraph ${p} of article ${n + 1} discusses aspect ${p} of regional cooperation and its institutions.`, "");
    }
    return {
      id,
      paragraphs,
      titleZh: `生成的第${n + 1}篇文章`,
      titleEn: `Generated Article ${n + 1}`,
      author: { zh: "张三", en: "Zhang San" },
      bodies: { zh: zh.join("\n"), en: en.join("\n") },
    };
  });
  return writeIssue(generated, { root, withSeed: false, journal: await sampleJournal() });
}

/** Passages of the Analects in traditional characters, quoted in turn (several lack a glyph in Noto Serif SC's slices). */
const CLASSICAL = [
  "子曰：「學而時習之，不亦說乎？有朋自遠方來，不亦樂乎？人不知而不慍，不亦君子乎？」",
  "有子曰：「其為人也孝弟，而好犯上者，鮮矣；不好犯上，而好作亂者，未之有也。君子務本，本立而道生。」",
  "曾子曰：「吾日三省吾身：為人謀而不忠乎？與朋友交而不信乎？傳不習乎？」",
  "子曰：「道千乘之國，敬事而信，節用而愛人，使民以時。」",
  "子夏曰：「賢賢易色；事父母，能竭其力；事君，能致其身；與朋友交，言而有信。」",
  "子禽問於子貢曰：「夫子至於是邦也，必聞其政，求之與？抑與之與？」",
];

/**
 * A content folder with one generated classical text: each section quotes a passage in
 * traditional characters and discusses it, with a long note (a commentary); the English
 * part is dense with notes of its own. Sentences are numbered: none repeats.
 */
async function classicalIssue(root: string, sections: number): Promise<string> {
  const zh: string[] = [];
  const en: string[] = [];
  for (let n = 1; n <= sections; n++) {
    const passage = CLASSICAL[n % CLASSICAL.length] ?? "";
    if (n % 20 === 1) {
      zh.push(`## 第${Math.ceil(n / 20)}章`, "");
      en.push(`## Chapter ${Math.ceil(n / 20)}`, "");
    }
    zh.push(
      `> ${passage}`,
      "",
      `此第${n}则引文，历代注家解说不一。今按其句读，逐层标出引语，并比较各本异文，以见第${n}则文字的源流。[^z${n}]`,
      "",
      `[^z${n}]: 第${n}则注：何晏《論語集解》引孔安國曰：「學者以時誦習之。」皇侃《論語義疏》以為「時」有三義：身中為時，年中為時，日中為時。` +
        `朱熹《論語集注》則曰：「學之為言效也。人性皆善，而覺有先後。」第${n}则的异文另见阮元《十三經注疏校勘記》，兹不具录。`,
      "",
    );
    en.push(
      `Passage ${n} has been read in several ways, and the commentators disagree on where its quotation ends.[^e${n}]`,
      "",
      `[^e${n}]: Note ${n}: He Yan's "Collected Explanations" quotes Kong Anguo on the passage, and Huang Kan's subcommentary gives three senses ` +
        `of "in season": in a lifetime, in a year, in a day. Zhu Xi reads "to learn" as "to emulate." Variants of passage ${n} are listed by Ruan Yuan.`,
      "",
    );
  }
  const article = {
    id: "classical-text",
    paragraphs: sections,
    titleZh: "《論語·學而》引文的層次",
    titleEn: "The Levels of Quotation in the Analects, Book I",
    author: { zh: "李四", en: "Li Si" },
    bodies: { zh: zh.join("\n"), en: en.join("\n") },
  };
  return writeIssue([article], { root, withSeed: false, journal: await sampleJournal() });
}

async function pageCount(file: string): Promise<number> {
  const { PDFDocument } = await import("pdf-lib");
  return (await PDFDocument.load(await readFile(file), { updateMetadata: false })).getPageCount();
}

await main();
