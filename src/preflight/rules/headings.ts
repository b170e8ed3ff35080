import type { SourceTexts } from "../../markdown/plugins/source-text.ts";
import type { PreflightFinding } from "../finding.ts";
import type { PageModel } from "../page.ts";
import { bodyLines, type ReadLine } from "../reading.ts";
import { head, normalise } from "../text.ts";

/** A heading is at most this many lines long. */
const MAX_LINES = 5;

/**
 * No heading at the foot of a page: its last line (or any line, for a heading the page
 * break cut) must not be the page's last body line, with only notes below it. Headings
 * are the sources' own, found in order among the body lines.
 */
export function checkHeadings(pages: PageModel[], expected: SourceTexts[]): PreflightFinding[] {
  const lines = bodyLines(pages);
  const findings: PreflightFinding[] = [];
  let cursor = 0;
  for (const heading of expected.flatMap((e) => e.blocks.filter((b) => b.kind === "heading"))) {
    const target = normalise(heading.text);
    if (target === "") continue;
    const found = findLines(lines, target, cursor);
    if (!found) continue;
    cursor = found.end;
    for (let i = found.start; i < found.end; i++) {
      const line = lines[i] as ReadLine;
      // The document's last line has nothing to keep it company anywhere.
      if (!line.last || i === lines.length - 1) continue;
      findings.push({
        rule: "heading-at-foot",
        page: line.page,
        text: head(heading.text),
        message: `a heading${heading.level ? ` (level ${heading.level})` : ""} ends the page's body: what follows it starts on page ${(lines[i + 1] as ReadLine).page}`,
      });
      break;
    }
  }
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
