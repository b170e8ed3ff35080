/**
 * The code paiban runs in the page, next to Paged.js: one Paged.js handler a concern, as
 * Paged.js organizes its own (node_modules/pagedjs/src/modules). This is the one list of
 * them, in the order their hooks run when several share one (`beforeParsed`: the alignment
 * spacers are in place before every element gets its ref; the fonts load once both are).
 * Bundled for the page by src/render/bundle.ts; what Node may call once the pages are laid
 * out is declared in contract.ts.
 */
import { paged, replaceHandler } from "./paged.ts";
import { Alignment } from "./handlers/alignment.ts";
import { StableRefs } from "./handlers/stable-refs.ts";
import { FontReadiness } from "./handlers/font-readiness.ts";
import { PageSides } from "./handlers/page-sides.ts";
import { Continuation } from "./handlers/continuation.ts";
import { Folios } from "./handlers/folios.ts";
import { LayoutReadout } from "./handlers/layout-readout.ts";
import { FlowReadoutHandler } from "./handlers/flow-readout.ts";
import { Fill } from "./handlers/fill.ts";
import { Relocate } from "./handlers/relocate.ts";
import { FigurePlacement } from "./handlers/figure-placement.ts";
import { TableBreaks } from "./handlers/table-breaks.ts";
import { WholeWords } from "./handlers/whole-words.ts";
import { RunningHeads } from "./handlers/running-heads.ts";
import { BreakTokens } from "./handlers/break-tokens.ts";
import { KeepWithNext } from "./handlers/keep-with-next.ts";
import { NoteSplitting, PagedFootnotes } from "./handlers/note-splitting.ts";

// Paged.js's own footnote handler gives way to NoteSplitting, which extends it.
replaceHandler(PagedFootnotes, NoteSplitting);
// KeepWithNext after TableBreaks: where both move a page break (a heading over a table), the
// last one's break is taken, and it is the earlier of the two.
paged().registerHandlers(
  BreakTokens,
  Alignment,
  StableRefs,
  FontReadiness,
  PageSides,
  Continuation,
  Folios,
  WholeWords,
  FigurePlacement,
  TableBreaks,
  KeepWithNext,
  RunningHeads,
  LayoutReadout,
  FlowReadoutHandler,
  Fill,
  Relocate,
);
