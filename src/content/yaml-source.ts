import { LineCounter, parseDocument, isMap, isNode, isScalar, type Document } from "yaml";
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
  // prettyErrors fills in each error's linePos (its message's location suffix is cut below).
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
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
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  /** A field's key line (a block value starts below its key), else the value's line. */
  const lineOfNode = (path: readonly PropertyKey[]): number | undefined => {
    const parent = path.length > 0 ? doc.getIn(path.slice(0, -1) as unknown[], true) : undefined;
    if (isMap(parent)) {
      const name = String(path[path.length - 1]);
      const pair = parent.items.find((item) => String(isScalar(item.key) ? item.key.value : item.key) === name);
      if (isNode(pair?.key) && pair.key.range) return lineAt(pair.key.range[0]);
    }
    const node = doc.getIn(path as unknown[], true);
    return isNode(node) && node.range ? lineAt(node.range[0]) : undefined;
  };
  const lineOf = (path: readonly PropertyKey[]): number => {
    for (let n = path.length; n >= 0; n--) {
      const line = lineOfNode(path.slice(0, n));
      if (line !== undefined) return line;
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
