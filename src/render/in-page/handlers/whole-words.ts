import { paged } from "../paged.ts";

/** Letters of an alphabetic script, digits, and what joins them inside a word (soft hyphens, apostrophes). */
const IN_WORD = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}\u00ad’']/u;
const LETTER = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}]/u;

/**
 * A page never ends inside an English word: where Paged.js would cut one (at a soft
 * hyphen, or wherever the word's letters straddle the page's foot), the page breaks before
 * it and the whole word goes to the next page.
 *
 * Paged.js marks a word it cuts with a hyphen glyph it appends to the page's last line;
 * that line, made wider, wraps again, and the line or two it pushes below the page's foot
 * are lost (pagedjs#87: the English text lost everything from the page's last line to the
 * next soft hyphen). A page ending on a hyphen is also what typesetters avoid.
 */
export class WholeWords extends paged().Handler {
  onOverflow(overflow: Range | undefined): Range | undefined {
    const node = overflow?.startContainer;
    if (!overflow || !node || node.nodeType !== Node.TEXT_NODE) return undefined;
    const text = node.textContent ?? "";
    const at = overflow.startOffset;
    if (!(LETTER.test(text.charAt(at)) || text.charAt(at) === "\u00ad") || !IN_WORD.test(text.charAt(at - 1))) return undefined;
    let start = at;
    while (start > 0 && IN_WORD.test(text.charAt(start - 1))) start--;
    // A word that began before this text node (after an element): leave the cut where it is.
    if (start === 0) return undefined;
    // A range of its own: the handlers after this one (tables) see Paged.js's, and theirs wins.
    const moved = overflow.cloneRange();
    moved.setStart(node, start);
    return moved;
  }
}
