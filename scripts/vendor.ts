/**
 * The packages a build loads before its first layout, each bundled into one file of lib/vendor/
 * by `npm run compile` (scripts/compile.ts): puppeteer and pagedjs-cli are some 700 modules,
 * pdf-lib 300 more, and Node 20 took 0.45-0.55 s of the build's one thread to resolve and load
 * them as modules, against 0.2 s as two files. paiban's compiled modules import them from here;
 * the tests, running src/, import the packages themselves.
 *
 * - `pdf-lib.js`: pdf-lib, from its ES modules (so that its names are exported as they are);
 * - `browser-stack.js`: puppeteer and pagedjs-cli (which imports puppeteer and pdf-lib: the
 *   same pdf-lib.js), with `puppeteer.js` and `pagedjs-cli.js` giving each its default export.
 *
 * The packages stay dependencies: pagedjs-cli's Printer finds Paged.js's script beside itself
 * in node_modules when it runs, and puppeteer reads its configuration as it always does.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { build, type BuildOptions, type Plugin } from "esbuild";
import { PROJECT_ROOT } from "../src/config/paths.ts";
import { writeAtomically } from "../src/files/write.ts";

/** The packages bundled, as paiban's modules import them, and the file of lib/vendor/ each is imported from instead. */
export const VENDORED: Record<string, string> = {
  "pdf-lib": "pdf-lib.js",
  puppeteer: "puppeteer.js",
  "pagedjs-cli": "pagedjs-cli.js",
};

/** Where the bundles go, in lib/. */
export const VENDOR_DIR = "vendor";

const COMMON: BuildOptions = {
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  charset: "utf8",
  logLevel: "warning",
  // A package's ES modules where it has them: an ES module's names are known as it is bundled.
  mainFields: ["module", "main"],
  // The packages' CommonJS modules call require() for Node's own modules and optional packages,
  // and some ask for their own file or folder (puppeteer's configuration loader, yargs).
  banner: {
    js: [
      'import { createRequire as __vendorRequire } from "node:module";',
      'import { fileURLToPath as __vendorPathOf } from "node:url";',
      "const require = __vendorRequire(import.meta.url);",
      "const __filename = __vendorPathOf(import.meta.url);",
      'const __dirname = __vendorPathOf(new URL(".", import.meta.url));',
    ].join("\n"),
  },
};

/** A bundle's entry, written here rather than as a file. */
function entry(contents: string): Plugin {
  return {
    name: "vendor-entry",
    setup(esbuild) {
      esbuild.onResolve({ filter: /^vendor-entry$/ }, () => ({ path: "entry", namespace: "vendor-entry" }));
      // The packages are found from paiban's own folder, wherever the compile is run from.
      esbuild.onLoad({ filter: /.*/, namespace: "vendor-entry" }, () => ({ contents, resolveDir: PROJECT_ROOT, loader: "js" }));
    },
  };
}

/**
 * pagedjs-cli's Printer finds Paged.js's script by its own module's URL: in the bundle, the
 * URL is that of its file in node_modules, found when it runs (wherever npm put it).
 */
const printerInPlace: Plugin = {
  name: "pagedjs-cli-printer-in-place",
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]pagedjs-cli[\\/]src[\\/]printer\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const here = [
        'import { createRequire as __printerRequire } from "node:module";',
        'import { pathToFileURL as __printerUrlOf } from "node:url";',
        'const __printerUrl = new URL("printer.js", __printerUrlOf(__printerRequire(import.meta.url).resolve("pagedjs-cli"))).href;',
      ].join("\n");
      return { contents: `${here}\n${source.replaceAll("import.meta.url", "__printerUrl")}`, loader: "js" };
    });
  },
};

/** Writes the bundles into `libDir`/vendor. */
export async function bundleVendors(libDir: string): Promise<void> {
  const dir = path.join(libDir, VENDOR_DIR);
  const pdfLib = path.join(dir, "pdf-lib.js");
  const stack = path.join(dir, "browser-stack.js");
  await build({ ...COMMON, entryPoints: ["vendor-entry"], outfile: pdfLib, plugins: [entry('export * from "pdf-lib";')] });
  await build({
    ...COMMON,
    entryPoints: ["vendor-entry"],
    outfile: stack,
    // ws's optional native helpers: ws goes without them.
    external: ["bufferutil", "utf-8-validate"],
    plugins: [
      entry('export { default as puppeteer } from "puppeteer";\nexport { default as Printer } from "pagedjs-cli";'),
      printerInPlace,
      {
        name: "one-pdf-lib",
        setup: (esbuild) => void esbuild.onResolve({ filter: /^pdf-lib$/ }, () => ({ path: "./pdf-lib.js", external: true })),
      },
    ],
  });
  const facades = {
    "puppeteer.js": 'export { puppeteer as default } from "./browser-stack.js";\n',
    "pagedjs-cli.js": 'export { Printer as default } from "./browser-stack.js";\n',
  };
  for (const [name, contents] of Object.entries(facades)) await writeAtomically(path.join(dir, name), contents);
}
