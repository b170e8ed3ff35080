import type { SourceTexts } from "../../markdown/plugins/source-text.ts";
import type { DocumentLayout } from "../../render/layout.ts";
import type { PreflightFinding } from "../finding.ts";
import type { PageModel } from "../page.ts";
import { TextStream } from "../reading.ts";
import { head, normalise } from "../text.ts";
import type { PageRule } from "../rule.ts";

/** A prefix this long, found, means the text is there but damaged further on; a shorter one could be chance. */
const MIN_PREFIX = 8;

export const completenessRule: PageRule = {
  reports: ["text-missing"],
  check: ({ pages, expected, layout }) => checkCompleteness(pages, expected, layout),
};

/**
 * Every paragraph, heading and note of the sources is printed, whole and in order:
 * each is looked for in the body text (every page's body lines, in order) or the notes
 * (in order, a cut note with the parts it goes on in), after the one before it. Text the templates add around them (title,
 * metadata block, closing lines) is not in the sources and is skipped over.
 *
 * Captions and table cells are looked for in the text as the PDF draws it, page by page:
 * there a cell's lines come one after the other (in the body's lines, the cells of a row
 * share each line), and a figure moved to the next page does not cut the text it passed.
 * Figures in their order, tables in theirs (a figure may move past a table).
 */
export function checkCompleteness(pages: PageModel[], expected: SourceTexts[], layout: DocumentLayout): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  const body = TextStream.ofBody(pages);
  const notes = TextStream.ofNotes(pages, layout);
  const blocks = expected.flatMap((e) => e.blocks.map((b) => ({ kind: b.kind as string, text: b.text })));
  findings.push(...findInOrder(body, blocks));
  findings.push(
    ...findInOrder(
      notes,
      expected.flatMap((e) => e.notes.map((text) => ({ kind: "note", text }))),
    ),
  );
  const drawn = new TextStream(pages.map((page) => ({ page: page.number, text: normalise(page.items.map((i) => i.text).join("")) })));
  for (const kind of ["figure", "table"] as const) {
    const floats = expected.flatMap((e) => e.floats.filter((f) => f.kind === kind));
    findings.push(
      ...findInOrder(
        drawn,
        floats.flatMap((f) => [{ kind: `${kind} caption`, text: f.caption }, ...f.cells.map((text) => ({ kind: "table cell", text }))]),
      ),
    );
  }
  return findings;
}

function findInOrder(stream: TextStream, texts: { kind: string; text: string }[]): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  let cursor = 0;
  for (const { kind, text } of texts) {
    const target = normalise(text);
    if (target === "") continue;
    const at = stream.text.indexOf(target, cursor);
    if (at >= 0) {
      cursor = at + target.length;
      continue;
    }
    const what = `${kind} '${head(text, 12)}'`;
    const prefix = longestPrefix(stream.text, target, cursor);
    // Its start is there, and either long enough not to be chance or its end follows close behind.
    const ending = target.slice(prefix.length).slice(-3);
    const nearby = stream.text.slice(prefix.at + prefix.length, prefix.at + target.length + 8);
    if (prefix.length >= MIN_PREFIX || (prefix.length >= 2 && ending !== "" && nearby.includes(ending))) {
      const differs = prefix.at + prefix.length;
      findings.push({
        rule: "text-missing",
        page: stream.pageAt(differs),
        text: head(text),
        message:
          `the ${what} is damaged after '${tailOf(target.slice(0, prefix.length))}': ` +
          `the PDF has '${head(stream.text.slice(differs), 10) || "nothing more"}' where the source has '${head(target.slice(prefix.length), 10)}'`,
      });
      cursor = differs;
      continue;
    }
    const earlier = stream.text.indexOf(target);
    findings.push({
      rule: "text-missing",
      page: stream.pageAt(earlier >= 0 ? earlier : cursor),
      text: head(text),
      message:
        earlier >= 0
          ? `the ${what} is printed out of order, before the text that comes before it in the source`
          : `the ${what} is missing from the PDF`,
    });
  }
  return findings;
}

/** The longest start of `target` found in `text` from `from` on, and where. */
function longestPrefix(text: string, target: string, from: number): { at: number; length: number } {
  let low = 0;
  let high = target.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (text.indexOf(target.slice(0, mid), from) >= 0) low = mid;
    else high = mid - 1;
  }
  return { at: text.indexOf(target.slice(0, low), from), length: low };
}

const tailOf = (text: string) => {
  const chars = [...text];
  return chars.length > 10 ? `…${chars.slice(-10).join("")}` : text;
};
