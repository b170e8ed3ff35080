import type { Browser } from "puppeteer";
import { launchBrowser } from "./browser.ts";
import { prepareLayout } from "./paged.ts";

/**
 * The build's one browser: launched when the first layout asks for it, or ahead (`start`),
 * while Node loads the typesetter and composes the first document. Chromium takes about
 * half a second to come up, on the other core; launched only when the first layout asked,
 * that was half a second the build waited with nothing to do.
 */
export class BrowserLauncher {
  #browser?: Promise<Browser>;
  #closed?: Promise<void>;

  /**
   * Launches now, and opens the window the first document will be laid out in. A failure
   * to launch is given to whoever asks for the browser: a build whose layouts are all
   * cached never does.
   */
  start(): this {
    this.get().then(prepareLayout, () => undefined);
    return this;
  }

  get(): Promise<Browser> {
    if (this.#closed) return Promise.reject(new Error("paiban: a layout was asked for after the browser was closed"));
    this.#browser ??= launchBrowser();
    return this.#browser;
  }

  /** Closes the browser, if it was launched; once, however often it is asked (the build may close it early). */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      const browser = await this.#browser?.catch(() => undefined);
      await browser?.close();
    })();
    return this.#closed;
  }
}
