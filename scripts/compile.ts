/**
 * npm run compile (npm runs it as `prepare`: after `npm ci` in a checkout, and before
 * `npm pack` and `npm publish`): compiles paiban's TypeScript ahead of time into lib/, so
 * that paiban transpiles nothing when it runs.
 *
 * - Every module file by file, each where it is in src/ (src/cli/main.ts → lib/cli/main.js),
 *   its imports kept as imports: a command still loads only the modules it needs, and a
 *   module's place (which some use to find their folder) is the same. The page's modules
 *   are among them: Node shares the page's contract (src/render/in-page/contract.ts).
 * - The code that runs in the page, one bundle a script (lib/in-page/, src/render/bundle.ts).
 * - The packages a build loads before its first layout (puppeteer, pagedjs-cli, pdf-lib), each
 *   bundled into one file (lib/vendor/, ./vendor.ts), which the compiled modules import.
 * - What the packaged fonts cover, read from their cmaps (lib/fonts/packaged-coverage.json,
 *   src/fonts/packaged-coverage.ts), and the package files our own @font-face rules take a few
 *   characters from, cut to those (lib/fonts/cuts/, src/fonts/face-cuts.ts): a build checks
 *   both were made from the fonts installed.
 *
 * bin/paiban.js runs lib/. In a checkout, it compiles again first when src/ changed since
 * (scripts/sources.js); an installed paiban ships lib/ and no sources.
 */
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";
import { BUNDLE_DIR, LIB_DIR, PROJECT_ROOT, SOURCES_DIR } from "../src/config/paths.ts";
import { writeAtomically } from "../src/files/write.ts";
import { localFaceSources } from "../src/compose/assets.ts";
import { cutFaces } from "../src/fonts/face-cuts.ts";
import { recordPackagedCoverage } from "../src/fonts/packaged-coverage.ts";
import { PREVIEW_RELOAD } from "../src/preview/assets.ts";
import { bundle, PAGE_HANDLERS } from "../src/render/bundle.ts";
import { recordCompiled, sourcesDigest } from "./sources.js";
import { bundleVendors, VENDOR_DIR, VENDORED } from "./vendor.ts";

/** Where the page scripts' bundles go, in lib/: made by their own step. */
const BUNDLES = path.relative(LIB_DIR, BUNDLE_DIR);

export async function compile(report: (line: string) => void = () => undefined): Promise<void> {
  const digest = sourcesDigest();
  const written = await compileNodeCode();
  report(`compiled ${written.length} modules of src/ into lib/`);
  await bundleVendors(LIB_DIR);
  report(`bundled ${Object.keys(VENDORED).join(", ")} into ${path.relative(PROJECT_ROOT, path.join(LIB_DIR, VENDOR_DIR))}/`);
  for (const script of [PAGE_HANDLERS, PREVIEW_RELOAD]) {
    const file = await bundle(script);
    report(`bundled ${path.relative(PROJECT_ROOT, script.entry)} into ${path.relative(PROJECT_ROOT, file)}`);
  }
  // Read from the fonts at every build, this held up the first document by 0.1-0.2 s.
  await recordPackagedCoverage();
  report("recorded what the packaged fonts cover");
  // Loaded whole, these files made up a third of the sample's font loading in the page.
  const cut = await localFaceSources();
  await cutFaces(cut);
  report(`cut ${cut.length} font files to the characters our own @font-face rules take from them`);
  recordCompiled(digest);
}

/**
 * Every import left as it is written, for Node to resolve when the module runs: a relative
 * one names the compiled module beside this one (.ts becomes .js), a package is found in
 * node_modules.
 */
const importsAsCompiled: Plugin = {
  name: "imports-as-compiled",
  setup(esbuild) {
    esbuild.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === "entry-point") return undefined;
      const vendored = VENDORED[args.path];
      if (vendored) {
        // A package bundled into lib/vendor/ (./vendor.ts): named by its place from this module's.
        const compiled = path.join(LIB_DIR, path.relative(SOURCES_DIR, args.importer));
        const bundle = path
          .relative(path.dirname(compiled), path.join(LIB_DIR, VENDOR_DIR, vendored))
          .split(path.sep)
          .join("/");
        return { path: bundle.startsWith(".") ? bundle : `./${bundle}`, external: true };
      }
      return { path: args.path.replace(/\.ts$/, ".js"), external: true };
    });
  },
};

/** Compiles every module of src/ into lib/ and removes what an earlier compile left of modules since gone. */
async function compileNodeCode(): Promise<string[]> {
  const entries = (await readdir(SOURCES_DIR, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  const result = await build({
    entryPoints: entries,
    outbase: SOURCES_DIR,
    outdir: LIB_DIR,
    bundle: true,
    plugins: [importsAsCompiled],
    format: "esm",
    platform: "node",
    target: "node20",
    charset: "utf8",
    write: false,
    logLevel: "silent",
  });
  const written = result.outputFiles.map((output) => output.path);
  await Promise.all(result.outputFiles.map((output) => writeAtomically(output.path, output.contents)));
  const kept = new Set(written);
  const previous = (await readdir(LIB_DIR, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.endsWith(".js"))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => ![BUNDLES, VENDOR_DIR].includes(path.relative(LIB_DIR, file).split(path.sep)[0] as string) && !kept.has(file));
  await Promise.all(previous.map((file) => rm(file, { force: true })));
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await compile((line) => process.stderr.write(`paiban: ${line}\n`));
}
