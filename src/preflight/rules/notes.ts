import type { DocumentLayout } from "../../render/layout.ts";
import type { PreflightFinding } from "../finding.ts";
import type { Call, Note, PageModel } from "../page.ts";
import { head, tail } from "../text.ts";
import { noteMark } from "../note-mark.ts";
import type { PageRule } from "../rule.ts";

export const notesRule: PageRule = { reports: ["note-page", "note-numbering"], check: ({ pages, layout }) => checkNotes(pages, layout) };

/**
 * Notes sit at the foot of the page that calls them, numbered [1]…[k] afresh on every
 * page, one call for each. Calls and notes are matched in reading order over the whole
 * document (the i-th call is the i-th note), so a note that slipped to the next page is
 * named even where the numbers on both pages still look right. The layout read from
 * the page (the page of each note's call) is checked as well.
 */
export function checkNotes(pages: PageModel[], layout: DocumentLayout): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  const reported = new Set<string>();
  const report = (page: number, number: number, text: string, message: string) => {
    const key = `${page}:${number}`;
    if (reported.has(key)) return;
    reported.add(key);
    findings.push({ rule: "note-page", page, text, message });
  };

  const calls = pages.flatMap((page) => page.calls.map((call) => ({ page: page.number, call })));
  const notes = pages.flatMap((page) => page.notes.map((note) => ({ page: page.number, note })));
  const displaced = new Set<number>();
  if (calls.length === notes.length) {
    calls.forEach(({ page: callPage, call }, i) => {
      const { page: notePage, note } = notes[i] as { page: number; note: Note };
      if (callPage === notePage) return;
      displaced.add(callPage).add(notePage);
      report(
        notePage,
        note.number,
        head(note.text),
        `note [${note.number}] is on page ${notePage}, its call ${callText(call)} on page ${callPage}`,
      );
    });
  }
  for (const page of layout.pages) {
    for (const note of page.notes) {
      if (note.callPage === 0 || note.callPage === page.index) continue;
      displaced.add(note.callPage).add(page.index);
      report(page.index, note.number, head(note.text), `note [${note.number}] is on page ${page.index}, its call on page ${note.callPage}`);
    }
  }

  for (const page of pages) {
    const numbers = page.notes.map((n) => n.number);
    const expected = numbers.map((_, i) => i + 1);
    if (numbers.join() !== expected.join()) {
      const wrong = page.notes.find((n, i) => n.number !== i + 1) as Note;
      findings.push({
        rule: "note-numbering",
        page: page.number,
        text: head(wrong.text),
        message: `the notes are numbered ${brackets(numbers)}, not ${brackets(expected)}`,
      });
      continue;
    }
    const called = page.calls.map((c) => c.number);
    // A page a displaced note left or reached: already reported as such.
    if (called.join() === numbers.join() || displaced.has(page.number)) continue;
    const call = page.calls.find((c, i) => c.number !== numbers[i]);
    findings.push({
      rule: "note-numbering",
      page: page.number,
      text: call ? callText(call) : head(page.notes[called.length]?.text ?? ""),
      message: `the calls are ${brackets(called) || "none"} but the notes ${brackets(numbers) || "none"}`,
    });
  }
  if (calls.length !== notes.length && findings.length === 0) {
    findings.push({
      rule: "note-numbering",
      text: "",
      message: `the document has ${calls.length} note calls but ${notes.length} notes`,
    });
  }
  return findings;
}

const brackets = (numbers: number[]) => numbers.map(noteMark).join("");

/** The call with the text just before it: `…上合组织[3]`. */
function callText(call: Call): string {
  const before = call.line.pieces
    .slice(0, call.piece)
    .filter((p) => !p.raised)
    .map((p) => p.text)
    .join("");
  return `${tail(before, 12)}[${call.number}]`;
}
