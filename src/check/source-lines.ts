import type { MarkdownSource } from "../content/load.ts";

/** 1-based column of the first of `texts` found on a line of the file; undefined when none is. */
export function columnOf(source: MarkdownSource, fileLine: number | undefined, ...texts: string[]): number | undefined {
  if (fileLine === undefined) return undefined;
  const line = lineText(source, fileLine);
  for (const text of texts) {
    const index = line.indexOf(text);
    if (index >= 0) return index + 1;
  }
  return undefined;
}

/** The text of a line of the file (empty when the line is not in the body). */
export function lineText(source: MarkdownSource, fileLine: number | undefined): string {
  return fileLine === undefined ? "" : (source.body.split(/\r?\n/)[fileLine - source.bodyLine] ?? "");
}
