import type { PageRule } from "../rule.ts";
import { areaRule } from "./area.ts";
import { completenessRule } from "./completeness.ts";
import { figuresRule } from "./figures.ts";
import { fontsRule } from "./fonts.ts";
import { headingsRule } from "./headings.ts";
import { lineBreaksRule } from "./line-breaks.ts";
import { noteShareRule } from "./note-share.ts";
import { notesRule } from "./notes.ts";
import { runningHeadsRule } from "./running-heads.ts";

/** The rules of the preflight, one a file, in the order their findings are listed within a page. A new rule goes here. */
export const PAGE_RULES: readonly PageRule[] = [
  notesRule,
  noteShareRule,
  lineBreaksRule,
  areaRule,
  fontsRule,
  headingsRule,
  completenessRule,
  figuresRule,
  runningHeadsRule,
];
