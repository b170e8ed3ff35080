import type { RunningHeadFit } from "../../layout.ts";
import { paged } from "../paged.ts";

/**
 * A running head is one line. A title too long for the head's box (between the folio boxes)
 * is shortened on the pages where it wraps: to its main title (the part before a colon), as
 * journals do, else cut at a word (or, in Chinese, a character) with an ellipsis. The front
 * matter's `runningHead` chooses the head instead; the readout reports each shortened head.
 *
 * The heads are Paged.js's string-set values, which it keeps on each page as custom
 * properties (`--pagedjs-string-first-recto-head`); the margin boxes' size never depends on
 * them, so changing one moves no line of the text.
 */
export class RunningHeads extends paged().Handler {
  afterRendered(): void {
    fitRunningHeads();
  }
}

/** The heads shortened so far, for the layout readout. */
export const shortenedHeads: RunningHeadFit[] = [];

/** Fits every page's running head to one line; again after the pages change sides (relocate). */
export function fitRunningHeads(): void {
  shortenedHeads.length = 0;
  for (const page of document.querySelectorAll<HTMLElement>(".pagedjs_page")) {
    const box = page.querySelector<HTMLElement>(".pagedjs_margin-top-center > .pagedjs_margin-content");
    if (!box || !wraps(box)) continue;
    const name = `--pagedjs-string-first-${page.classList.contains("pagedjs_left_page") ? "verso" : "recto"}-head`;
    const full = unquoted(page.style.getPropertyValue(name));
    for (const candidate of shorterHeads(full)) {
      page.style.setProperty(name, `"${candidate.replace(/["\\]/g, "\\$&")}"`);
      if (wraps(box)) continue;
      shortenedHeads.push({ page: Number(page.dataset.pageNumber), full, printed: candidate, cut: candidate.endsWith("…") });
      break;
    }
  }
}

/** Whether the box's one line of text took more than one line. */
function wraps(box: HTMLElement): boolean {
  const style = getComputedStyle(box);
  const line = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.2;
  return box.getBoundingClientRect().height > line * 1.5;
}

/** The property's string as Paged.js stores it (quoted, sometimes on one side only). */
function unquoted(value: string): string {
  return value
    .trim()
    .replace(/^"|"$/g, "")
    .replace(/\\(["\\])/g, "$1");
}

/** Shorter heads, longest first: the main title, then the title cut at each word or character, with an ellipsis. */
function* shorterHeads(full: string): Generator<string> {
  const main = full.split(/\s*[:：]\s*/)[0]?.trim();
  if (main && main !== full) yield main;
  const chars = [...(main || full)];
  const cjk = chars.some((c) => /[\u3400-\u9fff]/.test(c));
  for (let cut = chars.length - 1; cut > 0; cut--) {
    // English is cut between words; Chinese between any two characters.
    if (!cjk && !/\s/.test(chars[cut] ?? "")) continue;
    const head = chars
      .slice(0, cut)
      .join("")
      .replace(/[\s,;:，、；：—–-]+$/u, "");
    if (head) yield `${head}…`;
  }
}
