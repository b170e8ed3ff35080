/**
 * npm run bundle (and npm's `prepare`, after `npm ci` or `npm install`): bundles the
 * TypeScript that runs in the page into lib/in-page/, so that paiban transpiles nothing for
 * the page when it runs. See src/render/bundle.ts.
 */
import path from "node:path";
import { PROJECT_ROOT } from "../src/config/paths.ts";
import { PREVIEW_RELOAD } from "../src/preview/assets.ts";
import { bundle, PAGE_HANDLERS } from "../src/render/bundle.ts";

for (const script of [PAGE_HANDLERS, PREVIEW_RELOAD]) {
  const file = await bundle(script);
  process.stderr.write(`paiban: bundled ${path.relative(PROJECT_ROOT, script.entry)} into ${path.relative(PROJECT_ROOT, file)}\n`);
}
