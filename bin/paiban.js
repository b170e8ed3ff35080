#!/usr/bin/env node
// paiban runs as JavaScript compiled ahead of time into lib/ (npm run compile, which npm runs
// after `npm ci` in a checkout and before packing): nothing is transpiled when it runs. In a
// checkout, where src/ is, lib/ is compiled again first if the sources changed since.
import { existsSync } from "node:fs";

if (existsSync(new URL("../src/", import.meta.url))) {
  const { isCompiled } = await import("../scripts/sources.js");
  if (!isCompiled()) {
    process.stderr.write("paiban: src/ changed since lib/ was compiled: compiling it again\n");
    const { tsImport } = await import("tsx/esm/api");
    const { compile } = await tsImport("../scripts/compile.ts", import.meta.url);
    await compile();
  }
}
const { main } = await import("../lib/cli/main.js");
process.exitCode = await main(process.argv.slice(2));
