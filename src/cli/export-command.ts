import path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_CACHE_DIR } from "../cache/layout-cache.ts";
import { loadSources } from "../content/load.ts";
import { exportJats } from "../export/jats/index.ts";

const HELP = `Usage: paiban export jats [path] [options]

Writes JATS 1.3 XML (journal publishing) of every article under path: the
content folder (journal.yaml; every issue), an issue folder (issue.yaml) or an
article folder (zh.md). Default path: content.

  <out>/<year>-<issue>/<article id>.xml

Each file holds the journal's ISSN (and name, when journal.yaml gives one); the
article's 文章编号 (article-id), 中图分类号, 文献标识码, titles in both languages,
authors with their bios, 责任编辑, year, issue, first and last page, 收稿日期,
abstracts and keywords in both languages (xml:lang), 基金项目; the body in
sections from the headings with its notes as fn elements in order; and the
English version as a translation sub-article.

The page numbers come from the real layout: the issue is built first, as
'paiban build' would build it (a browser is needed), into a temporary folder.

Options:
  --out <dir>       where to write the XML (default: dist)
  --pdf-out <dir>   keep the PDFs of that build in dir (default: discarded)
  --cache-dir <dir> the build's layout cache, as for paiban build
                    (default: node_modules/.cache/paiban)
  --no-cache        lay everything out afresh
  --strict          fail on any preflight finding, writing nothing
                    (the default when the CI environment variable is set)
  --no-strict       report preflight findings, export all the same
  -h, --help        show this help`;

const FORMATS = ["jats"];

export async function exportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    allowNegative: true,
    options: {
      out: { type: "string", default: "dist" },
      "pdf-out": { type: "string" },
      cache: { type: "boolean", default: true },
      "cache-dir": { type: "string", default: DEFAULT_CACHE_DIR },
      strict: { type: "boolean", default: Boolean(process.env.CI) },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const [format, ...paths] = positionals;
  if (format === undefined || !FORMATS.includes(format)) {
    const what = format === undefined ? "say what to export" : `cannot export '${format}'`;
    process.stderr.write(`paiban export: ${what}: the formats are ${FORMATS.join(", ")}\n\n${HELP}\n`);
    return 2;
  }
  if (paths.length > 1) {
    process.stderr.write(`paiban export: one path at most, got ${paths.length}\n\n${HELP}\n`);
    return 2;
  }
  const target = paths[0] ?? "content";
  const report = (line: string) => process.stderr.write(`paiban: ${line}\n`);
  report(`reading ${target}`);
  const sources = await loadSources(target);
  const exported = await exportJats(sources, {
    outDir: path.resolve(values.out),
    strict: values.strict,
    pdfDir: values["pdf-out"] === undefined ? undefined : path.resolve(values["pdf-out"]),
    cacheDir: values.cache ? path.resolve(values["cache-dir"]) : undefined,
    report,
  });
  report(`done: ${exported.length} JATS file${exported.length === 1 ? "" : "s"}`);
  return 0;
}
