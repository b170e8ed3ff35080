/**
 * The code paiban runs in the page, next to Paged.js: one Paged.js handler a concern, as
 * Paged.js organizes its own (node_modules/pagedjs/src/modules). This is the one list of
 * them, in the order their hooks run when several share one (`beforeParsed`: the alignment
 * spacers are in place before every element gets its ref; the fonts load once both are).
 * Bundled for the page by src/render/bundle.ts; what Node may call once the pages are laid
 * out is declared in contract.ts.
 */
import { paged } from "./paged.ts";
import { Alignment } from "./handlers/alignment.ts";
import { StableRefs } from "./handlers/stable-refs.ts";
import { FontReadiness } from "./handlers/font-readiness.ts";
import { PageSides } from "./handlers/page-sides.ts";
import { LayoutReadout } from "./handlers/layout-readout.ts";
import { FlowReadoutHandler } from "./handlers/flow-readout.ts";
import { Fill } from "./handlers/fill.ts";
import { Relocate } from "./handlers/relocate.ts";
import { FigurePlacement } from "./handlers/figure-placement.ts";
import { TableBreaks } from "./handlers/table-breaks.ts";
import { WholeWords } from "./handlers/whole-words.ts";
import { RunningHeads } from "./handlers/running-heads.ts";
import { BreakTokens } from "./handlers/break-tokens.ts";

paged().registerHandlers(
  BreakTokens,
  Alignment,
  StableRefs,
  FontReadiness,
  PageSides,
  WholeWords,
  FigurePlacement,
  TableBreaks,
  RunningHeads,
  LayoutReadout,
  FlowReadoutHandler,
  Fill,
  Relocate,
);
