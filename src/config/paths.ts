import { existsSync, readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where paiban finds its own files, wherever it is run from: every other module asks here
 * rather than working a path out from its own place.
 */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const TEMPLATES_DIR = path.join(PROJECT_ROOT, "templates");
export const STYLES_DIR = path.join(PROJECT_ROOT, "styles");
/** paiban's TypeScript sources: in a checkout, not in an installed paiban. */
export const SOURCES_DIR = path.join(PROJECT_ROOT, "src");
/**
 * The code running now: lib/, compiled ahead of time from src/ (`npm run compile`), or src/
 * itself where TypeScript runs directly (the tests).
 */
export const CODE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** What `npm run compile` makes from src/ and the packages (not in git): the code paiban runs, and records beside it. */
export const LIB_DIR = path.join(PROJECT_ROOT, "lib");
/** The scripts that run in the page, bundled from their TypeScript sources (made by `npm run compile`; not in git). */
export const BUNDLE_DIR = path.join(LIB_DIR, "in-page");
/**
 * The node_modules folder paiban is installed in (that of the journal's project), or its own
 * in a checkout: where tools keep their caches (`node_modules/.cache/<tool>`).
 */
export const NODE_MODULES_DIR =
  path.basename(path.dirname(PROJECT_ROOT)) === "node_modules" ? path.dirname(PROJECT_ROOT) : path.join(PROJECT_ROOT, "node_modules");

const require = createRequire(import.meta.url);

/**
 * A file of an installed package (`@fontsource/noto-serif-sc/400.css`), found as Node finds
 * it from paiban's own place: in paiban's node_modules, or hoisted into the node_modules of
 * the project that installed paiban, wherever npm put it.
 */
export function packageFile(specifier: string): string {
  try {
    return require.resolve(specifier);
  } catch (error) {
    // A file the package's `exports` do not list (pagedjs/dist/…): taken from its folder.
    if ((error as NodeJS.ErrnoException).code !== "ERR_PACKAGE_PATH_NOT_EXPORTED") throw error;
    const { name, subpath } = splitSpecifier(specifier);
    return path.join(packageDir(name), subpath);
  }
}

/** The folder of an installed package, looked for in the node_modules folders Node would search. */
export function packageDir(name: string): string {
  for (const folder of require.resolve.paths(name) ?? []) {
    const dir = path.join(folder, name);
    if (existsSync(path.join(dir, "package.json"))) return realpathSync(dir);
  }
  throw Object.assign(new Error(`Cannot find package '${name}' from ${PROJECT_ROOT}`), { code: "MODULE_NOT_FOUND" });
}

/** The version of an installed package, as its package.json says. */
export function installedVersion(name: string): string {
  const { version } = JSON.parse(readFileSync(path.join(packageDir(name), "package.json"), "utf8")) as { version: string };
  return version;
}

let packageFilesFound: string[] | undefined;

/**
 * What the installed packages are, part of every fingerprint of paiban's code: paiban's
 * package.json and lock, and the package.json of each of its dependencies as installed.
 * An installed paiban has no lock of its own, and the journal may upgrade a font package
 * without upgrading paiban: its version, wherever npm put it, keeps old layouts from being
 * taken for new ones.
 */
export function packageFiles(): string[] {
  packageFilesFound ??= (() => {
    const own = path.join(PROJECT_ROOT, "package.json");
    const { dependencies = {} } = JSON.parse(readFileSync(own, "utf8")) as { dependencies?: Record<string, string> };
    const installed = Object.keys(dependencies).flatMap((name) => {
      try {
        return [path.join(packageDir(name), "package.json")];
      } catch {
        return []; // not installed: the code that needs it will say so
      }
    });
    return [own, path.join(PROJECT_ROOT, "package-lock.json"), ...installed.sort()];
  })();
  return packageFilesFound;
}

/** `@scope/name/sub/path` as the package's name and the path inside it. */
export function splitSpecifier(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split("/");
  const length = specifier.startsWith("@") ? 2 : 1;
  return { name: parts.slice(0, length).join("/"), subpath: parts.slice(length).join("/") };
}
