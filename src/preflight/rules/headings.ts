import type { SourceTexts } from "../../markdown/plugins/source-text.ts";
import type { PreflightFinding } from "../finding.ts";
import type { PageModel } from "../page.ts";
import { bodyLines, type ReadLine } from "../reading.ts";
import { head, normalise } from "../text.ts";
import type { PageRule } from "../rule.ts";

/** A heading is at most this many lines long. */
const MAX_LINES = 5;
/** Lines of its section a heading keeps under it on its page (fewer only when the section is shorter). */
const KEEP_LINES = 2;

export const headingsRule: PageRule = { reports: ["heading-at-foot"], check: ({ pages, expected }) => checkHeadings(pages, expected) };

/**
 * A heading keeps with what follows: under its last line, on the same page, at least two
 * lines of its section (all of it, when the section is shorter), so that no heading
 * stands at a page's foot with only notes, or a single line, below it. A heading the page
 * break cut in two is reported too. Headings are the sources' own, found in order among
 * the body lines; a section runs to the next heading of its level or above.
 */
export function checkHeadings(pages: PageModel[], expected: SourceTexts[]): PreflightFinding[] {
  const lines = bodyLines(pages);
  const found: { level?: number; text: string; start: number; end: number }[] = [];
  let cursor = 0;
  for (const heading of expected.flatMap((e) => e.blocks.filter((b) => b.kind === "heading"))) {
    const target = normalise(heading.text);
    if (target === "") continue;
    const at = findLines(lines, target, cursor);
    if (!at) continue;
    cursor = at.end;
    found.push({ level: heading.level, text: heading.text, ...at });
  }
  const findings: PreflightFinding[] = [];
  found.forEach((heading, h) => {
    const first = lines[heading.start] as ReadLine;
    const last = lines[heading.end - 1] as ReadLine;
    const level = heading.level ? ` (level ${heading.level})` : "";
    if (last.page !== first.page) {
      findings.push({
        rule: "heading-at-foot",
        page: first.page,
        text: head(heading.text),
        message: `a heading${level} is cut by the page break: it goes on on page ${last.page}`,
      });
      return;
    }
    // The section runs to the next heading of its level or above: a subsection's heading is part of it.
    const closing = found.slice(h + 1).find((other) => (other.level ?? 0) <= (heading.level ?? 0));
    const sectionEnd = closing?.start ?? lines.length;
    const wanted = Math.min(KEEP_LINES, sectionEnd - heading.end);
    let kept = 0;
    while (kept < wanted && (lines[heading.end + kept] as ReadLine).page === last.page) kept++;
    if (kept >= wanted) return;
    const next = (lines[heading.end + kept] as ReadLine).page;
    findings.push({
      rule: "heading-at-foot",
      page: last.page,
      text: head(heading.text),
      message:
        kept === 0
          ? `a heading${level} ends the page's body: what follows it starts on page ${next}`
          : `a heading${level} keeps only ${kept} line of its section under it: the rest starts on page ${next}`,
    });
  });
  return findings;
}

/** The consecutive lines, from `from` on, whose texts make up `target` exactly. */
function findLines(lines: ReadLine[], target: string, from: number): { start: number; end: number } | undefined {
  for (let start = from; start < lines.length; start++) {
    let text = "";
    for (let end = start; end < lines.length && end < start + MAX_LINES; end++) {
      const line = (lines[end] as ReadLine).text;
      if (line === "" || !target.startsWith(text + line)) break;
      text += line;
      if (text === target) return { start, end: end + 1 };
    }
  }
  return undefined;
}
