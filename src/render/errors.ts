/**
 * A font face of ours did not load in the page (a file missing, unreadable or not a font):
 * its text would have been set in another face, breaking lines differently, so nothing is
 * laid out. Kept apart from the renderer so that the command line can name it without
 * loading the browser's libraries.
 */
export class FontLoadError extends Error {
  constructor(document: string, faces: string) {
    super(
      `fonts did not load in ${document}, so nothing was written:\n${faces.replace(/^/gm, "  ")}\n` +
        "  paiban's fonts come from npm packages: install paiban's dependencies again (npm ci)",
    );
    this.name = "FontLoadError";
  }
}

/** The browser started but ended before a layout could use it (a broken install, a missing library): why, as it said. */
export class BrowserEndedError extends Error {
  constructor(why: string) {
    super(
      `the browser ended before it could be used: ${why}\n` +
        "  check that it starts on this machine, or point PAIBAN_CHROME (or CHROME_PATH) at another Chrome or Chromium",
    );
    this.name = "BrowserEndedError";
  }
}
