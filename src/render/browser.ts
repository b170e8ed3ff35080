import { access, constants, stat } from "node:fs/promises";
import type { Browser, PuppeteerLaunchOptions } from "puppeteer";
import { isolatedFontEnvironment } from "./fontconfig.ts";

/** Where a Chrome or Chromium is usually installed; the first that exists is used. */
const SYSTEM_BROWSERS = [
  "/usr/lib/chromium/chromium", // Debian's binary, without the wrapper script's shell noise
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
];

export class BrowserNotFoundError extends Error {
  constructor(detail: string) {
    super(
      `${detail}\n` +
        "paiban needs Chrome or Chromium (version 123 or newer) to lay out pages.\n" +
        "  Debian/Ubuntu: apt-get install -y chromium\n" +
        "  or point PAIBAN_CHROME (or CHROME_PATH) at the browser's executable.",
    );
    this.name = "BrowserNotFoundError";
  }
}

/** PAIBAN_CHROME, then CHROME_PATH, then a system Chrome/Chromium. */
export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  for (const variable of ["PAIBAN_CHROME", "CHROME_PATH"] as const) {
    const value = env[variable];
    if (!value) continue;
    if (await isExecutable(value)) return value;
    throw new BrowserNotFoundError(`${variable} is set to ${value}, which is not an executable file.`);
  }
  for (const candidate of SYSTEM_BROWSERS) {
    if (await isExecutable(candidate)) return candidate;
  }
  throw new BrowserNotFoundError("No Chrome or Chromium was found.");
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** Which browser lays the pages out: its file, size and date (none found: empty). A new browser may break lines otherwise. */
export async function browserIdentity(): Promise<string> {
  try {
    const file = await findBrowser();
    const { size, mtimeMs } = await stat(file);
    return `${file} ${size} ${mtimeMs}`;
  } catch {
    return "";
  }
}

/**
 * Flags for an unattended build: root in CI needs --no-sandbox; on a closed network the
 * browser must not try to phone home (it would retry for the whole build).
 */
export const BROWSER_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-extensions",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-quic",
  "--export-tagged-pdf",
  "--allow-file-access-from-files",
  "--font-render-hinting=none",
  // Every window of a recent Chromium, headless too, prepares its address bar's suggestion
  // pop-ups as web pages, each in a renderer of its own: 0.6-0.9 s of CPU and 150 MB a
  // window, for nothing a build draws. (One --disable-features counts, the last: puppeteer's
  // own list is repeated here.) Nor does a build need the renderer Chromium keeps started
  // for the next navigation (75 MB): its windows are opened ahead of the documents.
  "--disable-features=Translate,BackForwardCache,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup,SpareRendererForSitePerProcess",
  // No first tab (about:blank, a renderer of 110 MB that no document uses): every document
  // has a window of its own (render/windows.ts).
  "--no-startup-window",
];

/** How a build launches the browser: headless, with our flags, not waiting for a first tab it does not open. */
export function launchOptions(executablePath: string, env: Record<string, string | undefined>): PuppeteerLaunchOptions {
  return { executablePath, headless: "new", args: BROWSER_ARGS, env, waitForInitialPage: false };
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = await findBrowser();
  // puppeteer is imported here so a missing browser is reported before it loads. The
  // machine's fonts stay out of the page: only the fonts the stylesheets load can print.
  const [{ default: puppeteer }, env] = await Promise.all([import("puppeteer"), isolatedFontEnvironment()]);
  return puppeteer.launch(launchOptions(executablePath, env));
}
