#!/usr/bin/env node
// paiban's sources are TypeScript; tsx runs them directly, so there is no compile step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
