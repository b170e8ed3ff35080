import { paged } from "../paged.ts";

/** Where a page's text starts or stops (chunker/breaktoken.js): a node, and an offset in a text node. */
interface BreakToken {
  node?: Node;
  offset?: number;
  equals(other: BreakToken | undefined): boolean;
}

/**
 * A page that breaks inside the text node it started at the very beginning of keeps the
 * rest of that text for the next page.
 *
 * Paged.js compares a page's break with where the page started, to stop a layout that
 * makes no progress. `BreakToken.equals` ignores an offset of 0 (it tests offsets for
 * truth), so "offset 513 of a text node" equals "offset 0 of the same node". Paged.js then
 * takes the text for unlayoutable and goes on after the node: everything from the page's
 * foot to the end of the text node was lost. A page starts at a text node's beginning after
 * a run-in heading (`**（二）…**` then the paragraph) and the node runs on past the page when
 * the paragraph is longer than a page, which a narrow column makes likely.
 *
 * The hook runs before that comparison: the first token seen mends the comparison for all.
 */
export class BreakTokens extends paged().Handler {
  onBreakToken(token: BreakToken | undefined): undefined {
    if (token) mend(Object.getPrototypeOf(token) as BreakToken);
    return undefined;
  }
}

function mend(prototype: BreakToken): void {
  if (prototype.equals === equals) return;
  prototype.equals = equals;
}

/** The same node (where both name one, as Paged.js has it) at the same offset; no offset is the node's start. */
function equals(this: BreakToken, other: BreakToken | undefined): boolean {
  if (!other) return false;
  if (this.node && other.node && this.node !== other.node) return false;
  return (this.offset ?? 0) === (other.offset ?? 0);
}
