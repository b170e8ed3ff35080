import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { findBrowser, launchBrowser } from "../../src/render/browser.ts";
import { startChromium } from "../../src/render/chromium.ts";
import { isolatedFontEnvironment } from "../../src/render/fontconfig.ts";

/**
 * The browser's process, which paiban starts itself: a build that ends, however it ends,
 * leaves no browser running and no profile folder behind.
 */

const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Waits until the process is gone (a killed process may linger for a moment before it is reaped). */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && running(pid); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return !running(pid);
}

/** A Node process that starts a browser, prints its pid and profile, then does `then`. */
function nodeWithBrowser(then: string) {
  const script = `
    import { startChromium } from ${JSON.stringify(new URL("../../src/render/chromium.ts", import.meta.url).href)};
    import { findBrowser } from ${JSON.stringify(new URL("../../src/render/browser.ts", import.meta.url).href)};
    import { isolatedFontEnvironment } from ${JSON.stringify(new URL("../../src/render/fontconfig.ts", import.meta.url).href)};
    const chromium = await startChromium(await findBrowser(), await isolatedFontEnvironment());
    console.log(JSON.stringify({ pid: chromium.pid, profile: chromium.profile }));
    ${then}
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const started = new Promise<{ pid: number; profile: string }>((resolve) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve(JSON.parse(out.split("\n")[0] as string));
    });
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, started, ended };
}

describe("the browser's process", () => {
  const saved = process.env.PAIBAN_CHROME;
  afterEach(() => {
    if (saved === undefined) delete process.env.PAIBAN_CHROME;
    else process.env.PAIBAN_CHROME = saved;
  });

  it("ends with its profile folder when the browser is closed", async () => {
    const chromium = await startChromium(await findBrowser(), await isolatedFontEnvironment());
    const { default: puppeteer } = await import("puppeteer");
    const browser = await puppeteer.connect({ transport: chromium.transport });
    expect(existsSync(chromium.profile)).toBe(true);
    await browser.close();
    await chromium.ended;
    expect(await gone(chromium.pid as number)).toBe(true);
    expect(existsSync(chromium.profile)).toBe(false);
  });

  it("refuses at once what is asked of it once closed: nothing waits for an answer that cannot come", async () => {
    const browser = await launchBrowser();
    await browser.close();
    const started = Date.now();
    // A window asked for as a build ends (the one opened ahead, when the build failed before any layout).
    await expect(browser.newPage()).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("ends when Node exits without closing it", async () => {
    const node = nodeWithBrowser("process.exit(3);");
    const { pid, profile } = await node.started;
    expect((await node.ended).code).toBe(3);
    expect(await gone(pid)).toBe(true);
    expect(existsSync(profile)).toBe(false);
  });

  it("ends when Node is stopped by a signal, and Node ends by that signal", async () => {
    const node = nodeWithBrowser("setInterval(() => undefined, 1000);");
    const { pid, profile } = await node.started;
    expect(running(pid)).toBe(true);
    node.child.kill("SIGTERM");
    expect((await node.ended).signal).toBe("SIGTERM");
    expect(await gone(pid)).toBe(true);
    expect(existsSync(profile)).toBe(false);
  });

  it("that ends before it can be used is said to have, with why", async () => {
    process.env.PAIBAN_CHROME = "/bin/false";
    await expect(launchBrowser()).rejects.toThrow(/the browser ended before it could be used: \/bin\/false ended \(exit code 1\)/);
  });
});
