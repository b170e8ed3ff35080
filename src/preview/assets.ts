import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_CACHE_DIR } from "../cache/layout-cache.ts";
import { readableRoots } from "../compose/assets.ts";
import { BUNDLE_DIR, packageFile, PROJECT_ROOT } from "../config/paths.ts";
import { PAGE_HANDLERS, scriptFile, type PageScript } from "../render/bundle.ts";

/** Where the page's own files are served: the project's folders, at the same relative places. */
export const ASSETS_PATH = "/assets/";

/**
 * Paged.js's previewer: lays out the document in the browser window, as pagedjs-cli does
 * for the build. Found from the package's main file: its exports name no file of dist/.
 */
export const PAGED_POLYFILL = path.resolve(path.dirname(packageFile("pagedjs")), "..", "dist", "paged.polyfill.js");

/** Reloads an open page when the server has rebuilt it (in-page/reload.ts). */
export const PREVIEW_RELOAD: PageScript = {
  name: "preview",
  entry: path.join(path.dirname(fileURLToPath(import.meta.url)), "in-page", "reload.ts"),
};

/**
 * The scripts of an article's page, in order: Paged.js, the build's page handlers (which
 * need its global), then the preview's own.
 */
export async function previewScripts(): Promise<string[]> {
  return [PAGED_POLYFILL, await scriptFile(PAGE_HANDLERS), await scriptFile(PREVIEW_RELOAD)].map(assetUrl);
}

/** The script of the pages without Paged.js (the list of articles, the error page). */
export async function reloadScript(): Promise<string> {
  return assetUrl(await scriptFile(PREVIEW_RELOAD));
}

/** Where the preview keeps the subsets of fonts for characters the styles' faces lack (served with the rest). */
export const PREVIEW_FONTS_DIR = path.join(DEFAULT_CACHE_DIR, "fonts");

/** Folders a request may read from: styles, fonts, Paged.js, the bundled page scripts. */
function servedRoots(): string[] {
  const pagedjs = [path.dirname(PAGED_POLYFILL), path.join(PROJECT_ROOT, "node_modules", "pagedjs", "dist")];
  return [...readableRoots(), ...pagedjs, BUNDLE_DIR, PREVIEW_FONTS_DIR];
}

/**
 * The URL of a project file. Paths stay relative to the project, so that a stylesheet's
 * relative url(../node_modules/…) finds its font as it does from the file.
 */
export function assetUrl(file: string): string {
  let relative = path.relative(PROJECT_ROOT, file);
  if (relative.startsWith("..") || path.isAbsolute(relative)) {
    // A symlinked node_modules: a package resolves to its real place; the project names it node_modules/<package>.
    const packages = `${path.sep}node_modules${path.sep}`;
    const at = file.lastIndexOf(packages);
    if (at < 0) throw new Error(`${file} is outside ${PROJECT_ROOT}: it cannot be served`);
    relative = path.join("node_modules", file.slice(at + packages.length));
  }
  return ASSETS_PATH + relative.split(path.sep).map(encodeURIComponent).join("/");
}

/** The file an asset URL path names, if it is one the page may read. */
export function assetFile(urlPath: string): string | undefined {
  if (!urlPath.startsWith(ASSETS_PATH)) return undefined;
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath.slice(ASSETS_PATH.length));
  } catch {
    return undefined;
  }
  const file = path.resolve(PROJECT_ROOT, relative);
  return servedRoots().some((root) => isInside(file, root)) ? file : undefined;
}

export function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

const CONTENT_TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".svg": "image/svg+xml",
  ".webp": "image/webp",
  ".pdf": "application/pdf",
};

export function contentType(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}
