import { paged } from "../paged.ts";

/**
 * Paged.js tags every element with a random data-ref, and note ids (which become the PDF's
 * link destinations) are made from it: numbering them in document order keeps the bytes of
 * two builds of the same sources identical. Paged.js keeps refs that are already there.
 */
export class StableRefs extends paged().Handler {
  beforeParsed(content: DocumentFragment): void {
    let n = 0;
    for (const el of content.querySelectorAll("*")) {
      if (!el.hasAttribute("data-ref")) el.setAttribute("data-ref", `r${(n++).toString(36)}`);
    }
  }
}
