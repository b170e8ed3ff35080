import path from "node:path";
import { parseArgs } from "node:util";
import { buildArticles } from "../build/index.ts";
import { loadSources } from "../content/load.ts";

const HELP = `Usage: paiban build [path] [options]

Typesets the article edition of every article under path: the content folder
(journal.yaml), an issue folder (issue.yaml) or an article folder (zh.md).
Default path: content. Writes <out>/<year>-<issue>/<article id>.pdf.

Options:
  --out <dir>   where to write the PDFs (default: dist)
  -h, --help    show this help`;

export async function buildCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string", default: "dist" },
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
  const target = positionals[0] ?? "content";
  const report = (line: string) => process.stderr.write(`paiban: ${line}\n`);
  report(`reading ${target}`);
  const sources = await loadSources(target);
  const built = await buildArticles(sources, { outDir: path.resolve(values.out), report });
  report(`done: ${built.length} PDF${built.length === 1 ? "" : "s"}`);
  return 0;
}
