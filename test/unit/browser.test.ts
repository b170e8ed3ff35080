import { describe, expect, it } from "vitest";
import { BrowserNotFoundError, findBrowser } from "../../src/render/browser.ts";

describe("finding the browser", () => {
  it("takes PAIBAN_CHROME first, then CHROME_PATH", async () => {
    expect(await findBrowser({ PAIBAN_CHROME: "/bin/sh", CHROME_PATH: "/bin/ls" })).toBe("/bin/sh");
    expect(await findBrowser({ CHROME_PATH: "/bin/ls" })).toBe("/bin/ls");
  });

  it("says which variable is wrong and how to install a browser", async () => {
    const error = await findBrowser({ PAIBAN_CHROME: "/nonexistent/chrome" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserNotFoundError);
    expect(String((error as Error).message)).toMatch(/PAIBAN_CHROME is set to \/nonexistent\/chrome/);
    expect(String((error as Error).message)).toMatch(/apt-get install -y chromium/);
  });

  it("finds a system Chrome or Chromium when no variable is set", async () => {
    // CI installs Debian's chromium; an end-to-end build needs one anyway.
    expect(await findBrowser({})).toMatch(/chrom/i);
  });
});
