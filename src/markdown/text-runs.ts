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
