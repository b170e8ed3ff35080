import type { Token } from "markdown-it";

/**
 * The text tokens of an inline token's children that are plain prose: not inside a link
 * (an autolink's text is its URL) and not code. Rules that rewrite prose work on these.
 */
export function proseRuns(children: Token[]): Token[] {
  const runs: Token[] = [];
  let inLink = 0;
  for (const child of children) {
    if (child.type === "link_open") inLink++;
    else if (child.type === "link_close") inLink--;
    else if (child.type === "text" && inLink === 0) runs.push(child);
  }
  return runs;
}

/**
 * Rewrites the prose runs of an inline token's children as one text, so that a mark sees
 * its neighbours across runs (`"**bold**"`): `rewrite` maps each character to its
 * replacement ("" drops it), and each run gets its part back.
 */
export function rewriteProse(children: Token[], rewrite: (chars: string[]) => string[]): void {
  const runs = proseRuns(children);
  const out = rewrite([...runs.map((t) => t.content).join("")]);
  let offset = 0;
  for (const run of runs) {
    const length = [...run.content].length;
    run.content = out.slice(offset, offset + length).join("");
    offset += length;
  }
}
