import { LineCounter, parseDocument, isNode, type Document } from "yaml";
import { problem, SourceError } from "./errors.ts";

/**
 * A parsed YAML text that still knows where each value came from, so a schema error
 * can name the line of the offending field.
 */
export interface YamlSource {
  file: string;
  data: unknown;
  /** Line (1-based, in the file) of the value at `path`, or of its nearest parent. */
  lineOf(path: readonly PropertyKey[]): number;
}

export function parseYaml(text: string, file: string, firstLine = 1): YamlSource {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new SourceError(
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        return problem(file, `invalid YAML: ${firstSentence(e.message)}`, {
          line: pos ? pos.line + firstLine - 1 : firstLine,
          column: pos?.col,
          hint: "check indentation, and quote values that contain ': ' or start with a special character",
        });
      }),
    );
  }
  const lineOf = (path: readonly PropertyKey[]): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) {
        return lineCounter.linePos(node.range[0]).line + firstLine - 1;
      }
    }
    return firstLine;
  };
  return { file, data: doc.toJS(), lineOf };
}

function firstSentence(message: string): string {
  return message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? message;
}

export interface FrontMatterSplit {
  yaml: YamlSource;
  body: string;
  /** Line in the file on which the Markdown body starts (1-based). */
  bodyLine: number;
}

/** Splits `---`-fenced YAML front matter from a Markdown file. */
export function splitFrontMatter(text: string, file: string): FrontMatterSplit {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines[0]?.trim() !== "---") {
    throw new SourceError([
      problem(file, "the file has no YAML front matter", {
        line: 1,
        hint: "start the file with a line '---', the metadata fields, and another '---'",
      }),
    ]);
  }
  const end = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (end < 0) {
    throw new SourceError([
      problem(file, "the front matter is never closed", {
        line: 1,
        hint: "end the metadata with a line '---' before the article text",
      }),
    ]);
  }
  return {
    yaml: parseYaml(lines.slice(1, end).join("\n"), file, 2),
    body: lines.slice(end + 1).join("\n"),
    bodyLine: end + 2,
  };
}
