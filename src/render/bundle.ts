import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { hash } from "../cache/hash.ts";
import { BUNDLE_DIR, PROJECT_ROOT, SOURCES_DIR } from "../config/paths.ts";

/** A script for the page: its TypeScript entry (bundled with every module it imports) and the bundle's name. */
export interface PageScript {
  name: string;
  entry: string;
}

/** The build's page handlers (in-page/index.ts): the preview loads them too. */
export const PAGE_HANDLERS: PageScript = {
  name: "page",
  entry: path.join(SOURCES_DIR, "render", "in-page", "index.ts"),
};

/** The sources a bundle was made from, with their SHA-256: a change to any of them makes it again. */
interface Manifest {
  inputs: Record<string, string>;
}

const made = new Map<string, Promise<string>>();

/**
 * The file of a page script's bundle (lib/in-page/<name>.js). Bundles are made ahead of
 * time, by `npm run compile` (npm runs it as `prepare`: after `npm ci` in a checkout, and
 * before packing, so an installed paiban has them and no sources), so paiban transpiles
 * nothing when it runs. A bundle is made here only in a checkout, when it is missing or
 * older than its sources (they were edited since): checking that costs a hash of a few
 * small files.
 */
export function scriptFile(script: PageScript): Promise<string> {
  let file = made.get(script.name);
  if (!file) {
    file = ensureBundle(script);
    made.set(script.name, file);
  }
  return file;
}

async function ensureBundle(script: PageScript): Promise<string> {
  const file = path.join(BUNDLE_DIR, `${script.name}.js`);
  const manifest = await readJson<Manifest>(manifestFile(script));
  if (manifest && (await exists(file)) && (await isCurrent(manifest))) return file;
  await bundle(script);
  return file;
}

/** Makes a page script's bundle, and the manifest of what it was made from. */
export async function bundle(script: PageScript): Promise<string> {
  // Loaded only when bundling: a run with current bundles never loads the bundler.
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [script.entry],
    bundle: true,
    // A classic script: pagedjs-cli adds it with a <script> tag after Paged.js, as the preview does.
    format: "iife",
    platform: "browser",
    target: "es2022",
    charset: "utf8",
    legalComments: "none",
    // Paths in the bundle's comments relative to the project: the same bundle from any checkout.
    absWorkingDir: PROJECT_ROOT,
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`bundling ${script.entry} gave no output`);
  const inputs: Manifest["inputs"] = {};
  for (const input of Object.keys(result.metafile.inputs).sort()) {
    inputs[input] = hash(new Uint8Array(await readFile(path.join(PROJECT_ROOT, input))));
  }
  const file = path.join(BUNDLE_DIR, `${script.name}.js`);
  await writeReplacing(file, output.contents);
  await writeReplacing(manifestFile(script), `${JSON.stringify({ inputs } satisfies Manifest, null, 2)}\n`);
  return file;
}

/**
 * Whether the sources are as the bundle was made from. An installed paiban whose
 * sources were left out has only the bundle: it is current by definition.
 */
async function isCurrent(manifest: Manifest): Promise<boolean> {
  const inputs = Object.entries(manifest.inputs);
  const present = await Promise.all(inputs.map(([input]) => readFile(path.join(PROJECT_ROOT, input)).catch(() => undefined)));
  if (present.every((bytes) => bytes === undefined)) return true;
  return inputs.every(([, sha256], i) => {
    const bytes = present[i];
    return bytes !== undefined && hash(new Uint8Array(bytes)) === sha256;
  });
}

function manifestFile(script: PageScript): string {
  return path.join(BUNDLE_DIR, `${script.name}.json`);
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  return readFile(file).then(
    () => true,
    () => false,
  );
}

/** Written then renamed: builds running side by side (test files) never read half a bundle. */
async function writeReplacing(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}
