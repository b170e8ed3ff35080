import path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_CACHE_DIR } from "../cache/layout-cache.ts";
import {
  ARCHIVE_STANDARDS,
  type ArchiveStandard,
  type BuildOptions,
  type MarkKind,
  PRESS_STANDARDS,
  type PressOptions,
  type PressStandard,
} from "../config/options.ts";
import { toPoints } from "../output/boxes.ts";
import { loadSources } from "../content/load.ts";
import type { ParallelLayout } from "../content/schema.ts";
import { parseShard, shardIssues } from "../issue/index.ts";
import { BrowserLauncher } from "../render/launcher.ts";
import { findEarlierBuilds } from "../typeset/up-to-date.ts";
import { createReporter } from "./reporter.ts";

const HELP = `Usage: paiban build [path] [options]

Typesets what is under path: the content folder (journal.yaml; every issue), an
issue folder (issue.yaml) or an article folder (zh.md). Default path: content.

For each issue it writes
  <out>/<year>-<issue>.pdf              the issue: contents, the articles with
                                        continuous folios, the ABSTRACTS page
  <out>/<year>-<issue>/<article id>.pdf each article's offprint, numbered as in
                                        the issue
  <out>/<year>-<issue>/<article id>.parallel-<layout>.pdf
                                        parallel-text editions (Chinese ∥ English)
                                        that issue.yaml or the article's front
                                        matter asks for ('parallel: [facing, columns]')
An article folder builds that article alone: its offprint starts on the page its
文章编号 declares (else the issue's first page).

Each 文章编号 is computed from the article's real pages; a declared one that
disagrees is reported (an error with --strict).

Options:
  --out <dir>          where to write the PDFs (default: dist)
  --edition <kind>     only this edition: issue (the issue PDF and offprints) or
                       parallel (parallel-text editions); default: the issue
                       edition and the parallel editions the sources ask for
  --layout <layout>    with --edition parallel: facing (Chinese on the left-hand
                       pages, English on the right) or columns (two columns of
                       one page); default: the sources' layouts, else facing
  --press <standard>   the PDFs for the printer: pdfx4 (PDF/X-4: black text on the
                       K plate alone, other colours as sRGB, tags kept) or pdfx1a
                       (PDF/X-1a: all CMYK, through Ghostscript); none: RGB, as laid
                       out (default: journal.yaml's press, else none)
  --output-icc <file>  the printer's CMYK profile for --press (default: ISO Coated
                       v2 300%, FOGRA39, from Debian's scribus-data)
  --archive <standard> also an archive copy of every PDF beside it, <name>.pdfa.pdf:
                       pdfa2 (PDF/A-2a with PDF/UA-1 when fully tagged, else 2u);
                       none (default: journal.yaml's archive, else none)
  --bleed <length>     bleed around the trim for the printer, e.g. 3mm (default: none)
  --slug <length>      the sheet beyond the trim, outside the bleed, e.g. 10mm: the
                       marks stand there at full length, with a job line (title,
                       文章编号, page, date) under each page
  --marks <kind>       printer's marks: crop, cross or "crop cross", in the All
                       separation (every plate); outside the bleed with --slug, else
                       in the bleed (needs --bleed or --slug)
  --shard <k/n>        build shard k of n (a CI matrix over a back catalogue):
                       whole issues, shared out by their number of articles
  --cache-dir <dir>    where laid-out documents are kept between builds, so that
                       only what changed is laid out again
                       (default: node_modules/.cache/paiban)
  --no-cache           lay out everything afresh, keep nothing
  --keep-html <dir>    also keep the composed HTML documents there (to inspect
                       them, or lay them out with other tools)
  --strict             fail on any preflight finding, writing nothing
                       (the default when the CI environment variable is set)
  --no-strict          report preflight findings but write the PDFs
  -h, --help    show this help`;

export async function buildCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    allowNegative: true,
    options: {
      out: { type: "string", default: "dist" },
      bleed: { type: "string" },
      slug: { type: "string" },
      marks: { type: "string" },
      press: { type: "string" },
      archive: { type: "string" },
      "output-icc": { type: "string" },
      edition: { type: "string" },
      shard: { type: "string" },
      cache: { type: "boolean", default: true },
      "cache-dir": { type: "string", default: DEFAULT_CACHE_DIR },
      "keep-html": { type: "string" },
      layout: { type: "string" },
      strict: { type: "boolean", default: Boolean(process.env.CI) },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (positionals.length > 1) {
    process.stderr.write(`paiban build: one path at most, got ${positionals.length}\n\n${HELP}\n`);
    return 2;
  }
  const press = pressOptions(values);
  if (typeof press === "string") {
    process.stderr.write(`paiban build: ${press}\n`);
    return 2;
  }
  const archive = values.archive;
  if (archive !== undefined && archive !== "none" && !ARCHIVE_STANDARDS.includes(archive as ArchiveStandard)) {
    process.stderr.write(`paiban build: --archive must be ${ARCHIVE_STANDARDS.join(" or ")} (or none), not '${archive}'\n`);
    return 2;
  }
  const editions = editionOptions(values.edition, values.layout);
  if (typeof editions === "string") {
    process.stderr.write(`paiban build: ${editions}\n`);
    return 2;
  }
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (typeof shard === "string") {
    process.stderr.write(`paiban build: ${shard}\n`);
    return 2;
  }
  const target = positionals[0] ?? "content";
  const reporter = createReporter();
  try {
    reporter.line(`reading ${target}`);
    const sources = await loadSources(target);
    const issues = shard ? shardIssues(sources.issues, shard.k, shard.n) : sources.issues;
    if (shard) reporter.line(`shard ${shard.k}/${shard.n}: ${issues.length} of ${sources.issues.length} issues`);
    const options: BuildOptions = {
      outDir: path.resolve(values.out),
      strict: values.strict,
      cacheDir: values.cache ? path.resolve(values["cache-dir"]) : undefined,
      htmlDir: values["keep-html"] === undefined ? undefined : path.resolve(values["keep-html"]),
      press,
      archive: archive as BuildOptions["archive"],
      editions,
      report: reporter.line,
      progress: reporter.progress,
    };
    // Nothing changed since the last build: say so without loading the typesetter.
    const earlier = await findEarlierBuilds({ ...sources, issues }, options);
    for (const issue of earlier.upToDate.keys())
      reporter.line(`${path.relative(process.cwd(), issue.dir) || "."}: up to date (nothing changed since the last build)`);
    const pending = issues.filter((issue) => !earlier.upToDate.has(issue));
    const built = [...earlier.upToDate.values()];
    if (pending.length > 0) {
      // Something is to be laid out: the browser comes up on the other core while the
      // typesetter loads and the first document is composed.
      const browser = new BrowserLauncher();
      if (pending.some((issue) => !earlier.outputsOnly.has(issue))) browser.start();
      try {
        const { build } = await import("../typeset/index.ts");
        built.push(...(await build({ ...sources, issues: pending }, options, browser)));
      } finally {
        await browser.close();
      }
    }
    const written = built.flatMap((issue) => [...issue.articles, ...issue.parallel, issue]);
    const files = written.filter((b) => b.file !== undefined).length;
    const copies = written.filter((b) => b.archiveFile !== undefined).length;
    reporter.line(
      `done: ${files} PDF${files === 1 ? "" : "s"}${copies > 0 ? ` and ${copies} archive cop${copies === 1 ? "y" : "ies"}` : ""}`,
    );
    return 0;
  } finally {
    reporter.close();
  }
}

const LAYOUTS: ParallelLayout[] = ["facing", "columns"];

/** Which editions to make, or what is wrong with the options. */
function editionOptions(edition: string | undefined, layout: string | undefined): BuildOptions["editions"] | string {
  if (edition !== undefined && edition !== "issue" && edition !== "parallel") {
    return `--edition must be issue or parallel, not '${edition}'`;
  }
  if (layout !== undefined && !LAYOUTS.includes(layout as ParallelLayout)) {
    return `--layout must be facing or columns, not '${layout}'`;
  }
  if (layout !== undefined && edition !== "parallel") return "--layout goes with --edition parallel";
  if (edition === "issue") return { issue: true, parallel: [] };
  if (edition === "parallel") return { issue: false, parallel: layout ? [layout as ParallelLayout] : "sources" };
  return { issue: true, parallel: "sources" };
}

const LENGTH = /^\d+(\.\d+)?(mm|cm|in|pt)$/;

/** The press options, or what is wrong with them. */
function pressOptions(values: {
  bleed?: string;
  slug?: string;
  marks?: string;
  press?: string;
  "output-icc"?: string;
}): PressOptions | string {
  const { bleed, slug, marks, press } = values;
  if (bleed !== undefined && !LENGTH.test(bleed)) return `--bleed must be a length such as 3mm, not '${bleed}'`;
  if (slug !== undefined && !LENGTH.test(slug)) return `--slug must be a length such as 10mm, not '${slug}'`;
  if (slug !== undefined && (bleed === undefined ? 0 : toPoints(bleed)) >= toPoints(slug)) {
    return `--slug reaches beyond the bleed: make it larger than --bleed ${bleed} (e.g. --slug 10mm)`;
  }
  if (marks !== undefined && !["crop", "cross", "crop cross"].includes(marks)) {
    return `--marks must be crop, cross or "crop cross", not '${marks}'`;
  }
  if (marks !== undefined && bleed === undefined && slug === undefined) {
    return "--marks are drawn in the bleed or the slug: give --bleed or --slug as well (e.g. --bleed 3mm --slug 10mm)";
  }
  if (press !== undefined && press !== "none" && !PRESS_STANDARDS.includes(press as PressStandard)) {
    return `--press must be ${PRESS_STANDARDS.join(" or ")} (or none), not '${press}'`;
  }
  return {
    bleed,
    slug,
    marks: marks === undefined ? undefined : (marks.split(" ") as MarkKind[]),
    standard: press as PressOptions["standard"],
    outputIcc: values["output-icc"] === undefined ? undefined : path.resolve(values["output-icc"]),
  };
}
