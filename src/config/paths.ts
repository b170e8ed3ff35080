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
/** paiban's TypeScript sources. */
export const SOURCES_DIR = path.join(PROJECT_ROOT, "src");
/** The scripts that run in the page, bundled from their TypeScript sources (made by `npm run bundle`; not in git). */
export const BUNDLE_DIR = path.join(PROJECT_ROOT, "lib", "in-page");
/** What the installed packages are: part of every fingerprint of paiban's code. */
export const PACKAGE_FILES = [path.join(PROJECT_ROOT, "package.json"), path.join(PROJECT_ROOT, "package-lock.json")];

const require = createRequire(import.meta.url);

/** A file of an installed package (`@fontsource/noto-serif-sc/400.css`), found as Node finds it. */
export function packageFile(specifier: string): string {
  return require.resolve(specifier);
}
