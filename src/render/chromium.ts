import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import { PipeTransport } from "./pipe-transport.ts";

/**
 * The browser's process, started by paiban itself rather than by puppeteer: loading puppeteer
 * takes 0.2-0.3 s of the build's one thread, and Chromium needs as long again to come up on
 * the other core. Started first, it comes up while Node loads puppeteer and the typesetter
 * and composes the first document; puppeteer then connects to it through its pipe.
 */
export interface ChromiumProcess {
  pid: number | undefined;
  /** The profile folder the browser keeps its state in while it runs. */
  profile: string;
  /** The DevTools protocol, for `puppeteer.connect({ transport })`. */
  transport: PipeTransport;
  /** Resolves when the process has ended and its profile folder is gone; never rejects. */
  ended: Promise<void>;
  /** Why the process ended, if it did: its exit code or signal and the last of what it wrote to stderr. */
  endedBecause(): string | undefined;
  /** Ends the process now (SIGKILL), for a build that stops before it closes the browser. */
  kill(): void;
}

/** How much of the browser's stderr is kept, to say why it ended when it should not have. */
const STDERR_KEPT = 4096;

/**
 * The browser's flags. Chrome's for automation, as puppeteer passes them when it launches a
 * browser (a window in the background is not slowed down, nothing is reported home), and a
 * headless window's; then an unattended build's: root in CI needs --no-sandbox, and on a
 * closed network the browser must not try to phone home (it would retry for the whole build).
 */
const CHROMIUM_ARGS = [
  "--allow-pre-commit-input",
  "--disable-background-networking",
  "--disable-background-timer-throttling",
  "--disable-backgrounding-occluded-windows",
  "--disable-breakpad",
  "--disable-client-side-phishing-detection",
  "--disable-component-extensions-with-background-pages",
  "--disable-component-update",
  "--disable-default-apps",
  "--disable-dev-shm-usage",
  "--disable-extensions",
  "--disable-hang-monitor",
  "--disable-ipc-flooding-protection",
  "--disable-popup-blocking",
  "--disable-prompt-on-repost",
  "--disable-renderer-backgrounding",
  "--disable-sync",
  "--enable-automation",
  "--enable-blink-features=IdleDetection",
  "--enable-features=NetworkServiceInProcess2",
  "--export-tagged-pdf",
  "--force-color-profile=srgb",
  "--metrics-recording-only",
  "--no-first-run",
  "--password-store=basic",
  "--use-mock-keychain",
  "--headless=new",
  "--hide-scrollbars",
  "--mute-audio",
  "--no-sandbox",
  "--disable-gpu",
  "--no-default-browser-check",
  "--disable-quic",
  "--allow-file-access-from-files",
  "--font-render-hinting=none",
  // puppeteer's five, then ours. Every window of a recent Chromium, headless too, prepares its
  // address bar's suggestion pop-ups as web pages, each in a renderer of its own: 0.6-0.9 s of
  // CPU and 150 MB a window, for nothing a build draws. Nor does a build need the renderer
  // Chromium keeps started for the next navigation (75 MB): its windows are opened ahead of
  // the documents.
  "--disable-features=Translate,BackForwardCache,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup,SpareRendererForSitePerProcess",
  // No first tab (about:blank, a renderer of 110 MB that no document uses): every document
  // has a window of its own (render/windows.ts).
  "--no-startup-window",
  // DevTools on the pipe of fds 3 and 4 (./pipe-transport.ts), not on a port.
  "--remote-debugging-pipe",
];

/**
 * Starts the browser: headless, in a profile folder of its own (removed when it ends), in
 * this environment. It ends when Node does, however Node ends: a browser left running would
 * hold the build's memory.
 */
export async function startChromium(executable: string, environment: Record<string, string>): Promise<ChromiumProcess> {
  const profile = await mkdtemp(path.join(os.tmpdir(), "paiban-browser-"));
  const child = spawn(executable, [...CHROMIUM_ARGS, `--user-data-dir=${profile}`], {
    env: environment,
    // stdin, stdout, stderr, then the pipe's two ends: fd 3 to the browser, fd 4 from it.
    stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"],
    // A group of its own, so that its helpers (zygote, renderers) end with it when it is killed.
    detached: process.platform !== "win32",
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-STDERR_KEPT);
  });
  const kill = () => killGroup(child);
  // Node ending without closing the browser (an error, a signal) ends the browser too.
  const forget = whenNodeEnds(() => {
    kill();
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // the browser's last writes raced the removal: a folder left in the temporary directory
    }
  });
  let because: string | undefined;
  const ended = new Promise<void>((resolve) => {
    const end = (why: string) => {
      because ??= `${why}${stderr.trim() ? `:\n${stderr.trim()}` : ""}`;
      forget();
      rm(profile, { recursive: true, force: true, maxRetries: 2 }).then(resolve, () => resolve());
    };
    child.once("error", (error) => end(`${executable} could not be started (${error.message})`));
    child.once("exit", (code, signal) => end(`${executable} ended (${signal ?? `exit code ${code}`})`));
  });
  const [, , , toBrowser, fromBrowser] = child.stdio as [null, null, Readable, Writable, Readable];
  return { pid: child.pid, profile, transport: new PipeTransport(toBrowser, fromBrowser), ended, endedBecause: () => because, kill };
}

/** What is to be done however Node ends, one entry a browser still running. */
const atEnd = new Set<() => void>();

/** The signals that end Node by default: the browsers are ended first, then Node as the signal would have. */
const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

function endAll(): void {
  const tasks = [...atEnd];
  atEnd.clear();
  uninstall();
  for (const task of tasks) task();
}

function onSignal(signal: NodeJS.Signals): void {
  // Ours was the only handler (a build): Node ends as it would have without it.
  const alone = process.listenerCount(signal) === 1;
  endAll();
  if (alone) process.kill(process.pid, signal);
}

function uninstall(): void {
  process.off("exit", endAll);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** Runs `task` when Node ends (exit or signal), unless forgotten first; returns how to forget it. */
function whenNodeEnds(task: () => void): () => void {
  if (atEnd.size === 0) {
    process.on("exit", endAll);
    for (const signal of SIGNALS) process.on(signal, onSignal);
  }
  atEnd.add(task);
  return () => {
    if (atEnd.delete(task) && atEnd.size === 0) uninstall();
  };
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (process.platform === "win32") child.kill("SIGKILL");
    else process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}
