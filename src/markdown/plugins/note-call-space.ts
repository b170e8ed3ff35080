import type { MarkdownIt, Token } from "markdown-it";

/**
 * A note call belongs to the word or mark before it: a space or line break typed before
 * it (`Sun Tzŭ: [^1]`, common in converted texts) is dropped, so the call never stands
 * apart from its word nor starts a line.
 */
export function noteCallSpace(md: MarkdownIt): void {
  md.core.ruler.before("text_join", "note_call_space", (state) => {
    for (const token of state.tokens) {
      if (token.type === "inline" && token.children) dropSpaceBeforeCalls(token.children);
    }
  });
}

function dropSpaceBeforeCalls(children: Token[]): void {
  for (let i = children.length - 1; i > 0; i--) {
    if (children[i]?.type !== "footnote_ref") continue;
    // Back over the spaces and line breaks before the call, whatever tokens they are in.
    for (let k = i - 1; k >= 0; k--) {
      const before = children[k] as Token;
      if (before.type === "softbreak") {
        children.splice(k, 1);
        i--;
        continue;
      }
      if (before.type !== "text") break;
      before.content = before.content.replace(/[ \t]+$/, "");
      if (before.content !== "") break;
      children.splice(k, 1);
      i--;
    }
  }
}
