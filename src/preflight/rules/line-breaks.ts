import type { PreflightFinding } from "../finding.ts";
import { type Line, noteLines, type PageModel } from "../page.ts";
import { head, NO_LINE_END, NO_LINE_START, tail } from "../text.ts";
import { LEADING_NOTE_MARK } from "../note-mark.ts";
import type { PageRule } from "../rule.ts";

/** Not characters a reader sees at a line's edge. */
const INVISIBLE = /^[\s\u00ad\u2060\u200b\ufeff]+|[\s\u00ad\u2060\u200b\ufeff]+$/gu;
/** A web address, which the notes let break anywhere (its %, ( and ) are not punctuation there). */
const URL = /https?:\/\/|www\./;

export const lineBreaksRule: PageRule = { reports: ["line-start", "line-end"], check: ({ pages }) => checkLineBreaks(pages) };

/**
 * 避头尾 (clreq, strict): no body or note line starts with a closing mark or a mark that
 * follows what it belongs to (，。、…), nor ends with an opening bracket or quote. A note
 * call belongs to the character before it, so a line never starts with one either.
 * Running heads and folios are not checked.
 */
export function checkLineBreaks(pages: PageModel[]): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  for (const page of pages) {
    const lines = [...page.body, ...noteLines(page)];
    lines.forEach((line, i) => {
      const previous = lines[i - 1];
      const context = `${previous ? tail(previous.ownText, 10) : ""}⏎${head(line.text, 14)}`;
      const first = firstPiece(line);
      if (first?.raised && LEADING_NOTE_MARK.test(first.text)) {
        findings.push({
          rule: "line-start",
          page: page.number,
          text: context,
          message: `a line starts with the note call '${first.text.trim()}'`,
        });
        return;
      }
      const own = line.ownText.replace(INVISIBLE, "");
      const start = [...own][0];
      if (start !== undefined && NO_LINE_START.has(start) && !(ascii(start) && breaksUrl(previous, line))) {
        findings.push({ rule: "line-start", page: page.number, text: context, message: `a line starts with '${start}'` });
      }
      const end = [...own].at(-1);
      const next = lines[i + 1];
      if (end !== undefined && NO_LINE_END.has(end) && !(ascii(end) && breaksUrl(line, next))) {
        findings.push({
          rule: "line-end",
          page: page.number,
          text: `${tail(line.text, 14)}⏎${next ? head(next.ownText, 10) : ""}`,
          message: `a line ends with '${end}'`,
        });
      }
    });
  }
  return findings;
}

const ascii = (ch: string) => ch < "\u0080";

/** Whether the break between two lines falls inside a web address. */
function breaksUrl(before: Line | undefined, after: Line | undefined): boolean {
  if (!before || !after) return false;
  const word = `${/\S*$/.exec(before.ownText)?.[0] ?? ""}${/^\S*/.exec(after.ownText)?.[0] ?? ""}`;
  return URL.test(word);
}

function firstPiece(line: Line) {
  return line.pieces.find((p) => p.text.replace(INVISIBLE, "") !== "");
}
