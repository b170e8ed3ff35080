import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PROJECT_ROOT, readableRoots } from "../compose/assets.ts";

/** Where the page's own files are served: the project's folders, at the same relative places. */
export const ASSETS_PATH = "/assets/";

const require = createRequire(import.meta.url);
/** The pagedjs package's folder (its exports name no file of dist/). */
const PAGEDJS_DIR = path.resolve(path.dirname(require.resolve("pagedjs")), "..");

/** Paged.js's previewer: lays out the document in the browser window, as pagedjs-cli does for the build. */
export const PAGED_POLYFILL = path.join(PAGEDJS_DIR, "dist", "paged.polyfill.js");

/** The build's own in-page scripts (page sides, fonts loaded before layout), and the preview's. */
const RENDER_IN_PAGE = path.join(PROJECT_ROOT, "src", "render", "in-page");
const PREVIEW_IN_PAGE = path.join(path.dirname(fileURLToPath(import.meta.url)), "in-page");

/** Reloads an open page when the server has rebuilt it. */
export const RELOAD_SCRIPT = path.join(PREVIEW_IN_PAGE, "reload.js");

/**
 * The scripts of a preview page, in order: those that set window.PagedConfig before
 * Paged.js reads it, Paged.js, then the handlers that need its global.
 */
export function previewScripts(): string[] {
  return [
    path.join(RENDER_IN_PAGE, "prepare.js"),
    path.join(RENDER_IN_PAGE, "align.js"),
    RELOAD_SCRIPT,
    PAGED_POLYFILL,
    path.join(RENDER_IN_PAGE, "facing.js"),
  ].map(assetUrl);
}

/** Folders a request may read from: styles, fonts, Paged.js, the in-page scripts. */
function servedRoots(): string[] {
  const pagedjs = [path.dirname(PAGED_POLYFILL), path.join(PROJECT_ROOT, "node_modules", "pagedjs", "dist")];
  return [...readableRoots(), ...pagedjs, RENDER_IN_PAGE, PREVIEW_IN_PAGE];
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
