import path from "node:path";
import { DEFAULT_CACHE_DIR } from "../cache/layout-cache.ts";
import { pageAssets } from "../compose/assets.ts";
import { BUNDLE_DIR, packageDir, packageFile, PROJECT_ROOT, SOURCES_DIR, splitSpecifier } from "../config/paths.ts";
import { PAGE_HANDLERS, scriptFile, type PageScript } from "../render/bundle.ts";

/** Where the page's own files are served: the project's folders, at the same relative places. */
export const ASSETS_PATH = "/assets/";

/** Paged.js's previewer: lays out the document in the browser window, as pagedjs-cli does for the build. */
export const PAGED_POLYFILL = packageFile("pagedjs/dist/paged.polyfill.js");

/** Reloads an open page when the server has rebuilt it (in-page/reload.ts). */
export const PREVIEW_RELOAD: PageScript = {
  name: "preview",
  entry: path.join(SOURCES_DIR, "preview", "in-page", "reload.ts"),
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

let served: Promise<string[]> | undefined;

/** Folders a request may read from: styles, fonts, Paged.js, the bundled page scripts. Packages stay where they are while serving. */
function servedRoots(): Promise<string[]> {
  served ??= pageAssets(assetUrl).then(
    ({ readableRoots }) => [...readableRoots, path.dirname(PAGED_POLYFILL), BUNDLE_DIR, PREVIEW_FONTS_DIR],
    (error: unknown) => {
      served = undefined;
      throw error;
    },
  );
  return served;
}

const PACKAGES = "node_modules";
/** The fallback faces' folder, under a name of its own: it is neither paiban's nor a package's. */
const FALLBACK_FONTS = "fallback-fonts";

/**
 * The URL of a file the page loads: paiban's own files by their place in it
 * (`/assets/styles/page.css`), a package's by the package's name
 * (`/assets/node_modules/pagedjs/dist/paged.polyfill.js`), wherever npm put it. A
 * stylesheet's relative url()s then name files of the same package, as from the file.
 */
export function assetUrl(file: string): string {
  if (isInside(file, PREVIEW_FONTS_DIR)) return ASSETS_PATH + [FALLBACK_FONTS, path.relative(PREVIEW_FONTS_DIR, file)].join("/");
  let relative = path.relative(PROJECT_ROOT, file);
  const own = !relative.startsWith("..") && !path.isAbsolute(relative) && !relative.split(path.sep).includes(PACKAGES);
  if (!own) {
    const packages = `${path.sep}${PACKAGES}${path.sep}`;
    const at = file.lastIndexOf(packages);
    if (at < 0) throw new Error(`${file} is neither paiban's nor a package's: it cannot be served`);
    relative = path.join(PACKAGES, file.slice(at + packages.length));
  }
  return ASSETS_PATH + relative.split(path.sep).map(encodeURIComponent).join("/");
}

/** The file an asset URL path names, if it is one the page may read. */
export async function assetFile(urlPath: string): Promise<string | undefined> {
  if (!urlPath.startsWith(ASSETS_PATH)) return undefined;
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath.slice(ASSETS_PATH.length));
  } catch {
    return undefined;
  }
  const file = relative.startsWith(`${PACKAGES}/`)
    ? packagePath(relative.slice(PACKAGES.length + 1))
    : relative.startsWith(`${FALLBACK_FONTS}/`)
      ? path.resolve(PREVIEW_FONTS_DIR, relative.slice(FALLBACK_FONTS.length + 1))
      : path.resolve(PROJECT_ROOT, relative);
  if (!file) return undefined;
  return (await servedRoots()).some((root) => isInside(file, root)) ? file : undefined;
}

/** `@scope/name/file` in the package's folder, as Node finds it; undefined when no such package is installed. */
function packagePath(specifier: string): string | undefined {
  const { name, subpath } = splitSpecifier(specifier);
  try {
    return path.resolve(packageDir(name), subpath);
  } catch {
    return undefined;
  }
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
