import { access, constants, stat } from "node:fs/promises";
import type { Browser } from "puppeteer";
import { startChromium } from "./chromium.ts";
import { BrowserEndedError } from "./errors.ts";
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

/** How long a browser whose connection closed is given to end, so that its exit code and stderr can be told. */
const ENDING_MS = 2000;

/**
 * Launches the browser (./chromium.ts) and connects puppeteer to it. `env`: the browser's
 * environment, the machine's fonts kept out unless it is given. A browser that ends before it
 * is connected is said to have, with what it wrote to stderr; `close()` waits for it to end.
 */
export async function launchBrowser(env?: Record<string, string>): Promise<Browser> {
  // Before puppeteer is loaded, so that the browser comes up meanwhile; a missing browser is
  // reported before it loads.
  const [executable, environment] = await Promise.all([findBrowser(), env ?? isolatedFontEnvironment()]);
  const chromium = await startChromium(executable, environment);
  try {
    const { default: puppeteer } = await import("puppeteer");
    const browser = await puppeteer.connect({ transport: chromium.transport, defaultViewport: { width: 800, height: 600 } });
    // Nothing of the browser is kept once its documents are printed: it is ended at once, not
    // asked to shut down (which took 0.2 s of a core while the last PDF was finished and read
    // back), and the build goes on once it has ended and its profile folder is removed.
    browser.close = async () => {
      browser.disconnect();
      chromium.kill();
      await chromium.ended;
    };
    return browser;
  } catch (error) {
    // A browser that ended on its own shows as a closed connection: say why it ended.
    await Promise.race([chromium.ended, new Promise((resolve) => setTimeout(resolve, ENDING_MS))]);
    const why = chromium.endedBecause();
    chromium.kill();
    await chromium.ended;
    throw why ? new BrowserEndedError(why) : error;
  }
}
