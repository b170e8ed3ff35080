import { parseArgs } from "node:util";
import { checkSources } from "../check/index.ts";
import { displayPath } from "../content/display-path.ts";
import { formatProblem, type SourceProblem } from "../content/errors.ts";

const HELP = `Usage: paiban check [path] [options]

Checks every source under path without laying out a page: the content folder
(journal.yaml; every issue), an issue folder (issue.yaml) or an article folder
(zh.md). Default path: content.

It reports, as file:line:col: error|warning: message (and a hint below):
  - the journal, issue and article fields (missing, malformed, unknown), YAML
  - CAJ-CD: 3–8 keywords; 内容提要 of 200–400 characters (a warning); a 中图分类号
    class that exists; 文献标识码 A–E; 文章编号 ISSN(year)NN-PPPP-CC matching the
    journal's ISSN and the issue, its pages within the issue and not overlapping
  - dates: real dates, 收稿日期 not after the issue's year or today (warnings)
  - notes: a call with no note, a note never cited or cited twice, a label
    defined twice; raw HTML
  - alignment anchors {#id} (and headings) on one side only (warnings)
  - links and images to local files that do not exist

Options:
  --format <kind>   text (default) or json: {"problems": [...], "errors": n,
                    "warnings": n, "articles": n} on stdout
  -h, --help        show this help

Exit status: 0 when there is no error (warnings allowed), 1 when there is one,
2 on a wrong option.`;

export async function checkCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "text" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values.format !== "text" && values.format !== "json") {
    process.stderr.write(`paiban check: --format must be text or json, not '${values.format}'\n`);
    return 2;
  }
  if (positionals.length > 1) {
    process.stderr.write(`paiban check: one path at most, got ${positionals.length}\n\n${HELP}\n`);
    return 2;
  }
  const started = performance.now();
  const report = await checkSources(positionals[0] ?? "content");
  // Paths as the person typing them sees them; editors and CI logs link them.
  const problems = report.problems.map((p) => ({ ...p, file: displayPath(p.file) }));
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  if (values.format === "json") {
    process.stdout.write(
      `${JSON.stringify({ problems: problems.map(jsonProblem), errors, warnings, articles: report.articles }, null, 2)}\n`,
    );
  } else {
    if (problems.length > 0) process.stdout.write(`${problems.map(formatProblem).join("\n")}\n`);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    process.stderr.write(
      `paiban check: ${count(report.articles, "article")}, ${count(errors, "error")}, ${count(warnings, "warning")} (${seconds} s)\n`,
    );
  }
  return errors > 0 ? 1 : 0;
}

/** Every key present, in one order, so that tools can read it without guessing. */
function jsonProblem(p: SourceProblem) {
  return {
    file: p.file,
    line: p.line ?? null,
    column: p.column ?? null,
    severity: p.severity,
    field: p.field ?? null,
    message: p.message,
    hint: p.hint ?? null,
  };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
