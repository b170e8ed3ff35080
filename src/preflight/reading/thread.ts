import path from "node:path";
import { Worker } from "node:worker_threads";
import type { CheckInput } from "../check.ts";
import type { PreflightFinding } from "../finding.ts";
import type { PdfText, ReadOptions } from "../pdf.ts";

/**
 * Reading a PDF back and checking its pages, the preflight's largest share of work in
 * Node, on a thread of its own (./worker.ts): the build's own thread meanwhile finishes,
 * joins and checks other documents, and answers the browser. One thread for the build,
 * started on first use (or ahead, with `startReader`), doing one thing after another in the
 * order asked; it does not keep the process alive while it has nothing to do.
 *
 * A reading the preflight will check stays on the thread (`readAndKeep`) until it is
 * checked (`checkApart`, which names the readings of a document's parts) or let go
 * (`dropReadings`): its text, a hundred thousand items for a long article, never crosses
 * back, only the findings.
 */

export type Request =
  | { id: number; kind: "read"; pdf: Uint8Array; options: ReadOptions; keep: boolean }
  | { id: number; kind: "check"; parts: number[]; input: CheckInput }
  | { id: number; kind: "drop"; parts: number[] }
  | { id: number; kind: "warm-up" };

export type Reply = {
  id: number;
  text?: PdfText;
  findings?: PreflightFinding[];
  /** Of a warm-up: the text items it read. */
  items?: number;
  error?: { message: string; stack?: string };
};

/** A request as sent, before the thread's number is given it. */
type Unnumbered<R> = R extends unknown ? Omit<R, "id"> : never;

interface Reader {
  worker: Worker;
  pending: Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>;
}

let reader: Reader | undefined;
let nextId = 0;

/** Sends the thread a request, and gives its reply. The process waits for the reply, unless for a warm-up. */
function ask(request: Unnumbered<Request>): { id: number; reply: Promise<Reply> } {
  const { worker, pending } = startReader();
  const id = nextId++;
  const reply = new Promise<Reply>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    if (request.kind !== "warm-up") worker.ref();
    worker.postMessage({ ...request, id } as Request);
  });
  return { id, reply };
}

async function answer(reply: Promise<Reply>): Promise<Reply> {
  const got = await reply;
  if (got.error) {
    const error = new Error(got.error.message);
    if (got.error.stack) error.stack = got.error.stack;
    throw error;
  }
  return got;
}

/** Reads a PDF's text back on the reading thread (see readPdfText), and gives it. */
export async function readPdfTextApart(pdf: Uint8Array, options: ReadOptions = {}): Promise<PdfText> {
  const { text } = await answer(ask({ kind: "read", pdf, options, keep: false }).reply);
  if (!text) throw new Error("paiban: the reading thread gave no text");
  return text;
}

/**
 * Reads a PDF back on the reading thread, and keeps the reading there: its number, for
 * `checkApart`. A PDF that cannot be read is reported by the check that names it.
 */
export function readAndKeep(pdf: Uint8Array, options: ReadOptions = {}): number {
  const { id, reply } = ask({ kind: "read", pdf, options, keep: true });
  reply.catch(() => undefined);
  return id;
}

/** Checks the kept readings `parts`, one document's pages in order, on the reading thread, which then lets them go. */
export async function checkApart(parts: number[], input: CheckInput): Promise<PreflightFinding[]> {
  const { findings } = await answer(ask({ kind: "check", parts, input }).reply);
  if (!findings) throw new Error("paiban: the reading thread gave no findings");
  return findings;
}

/** Lets kept readings go unchecked. */
export function dropReadings(parts: number[]): void {
  if (parts.length > 0) ask({ kind: "drop", parts }).reply.catch(() => undefined);
}

/**
 * Has the reading thread read pages of its own (./warm-up.ts) while it has nothing else to
 * do, so that its code is compiled before the first PDF comes: cold, the sample article's
 * 13 pages took twice as long to read, and that reading ends a one-article build. It stops
 * at the first request that comes. Gives the text items it read.
 */
export async function warmUpReader(): Promise<number> {
  const { items } = await answer(ask({ kind: "warm-up" }).reply);
  return items ?? 0;
}

/**
 * Starts the reading thread now (it loads pdf-lib, the reader and the rules, a fifth of a
 * second), if it is not running. `warmUp`: started ahead of the first PDF, with time to
 * spare, it then warms up (`warmUpReader`).
 */
export function startReader(options: { warmUp?: boolean } = {}): Reader {
  if (reader) return reader;
  const pending: Reader["pending"] = new Map();
  const worker = new Worker(ENTRY, { eval: true, workerData: entryData() });
  const started: Reader = { worker, pending };
  reader = started;
  worker.on("message", (reply: Reply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    waiting?.resolve(reply);
  });
  // A thread that failed takes what it was reading with it; the next read starts another.
  const fail = (error: Error) => {
    if (reader === started) reader = undefined;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`paiban: the preflight's reading thread stopped (exit code ${code})`)));
  // After the listeners: adding one to a worker holds the process open again.
  worker.unref();
  if (options.warmUp) warmUpReader().catch(() => undefined);
  return started;
}

/**
 * The thread's entry: the reading module, compiled (lib/) or, run from the sources (tests,
 * development), through tsx, which a worker does not inherit from the thread that starts it.
 * Evaluated as a script or as a module (a worker takes the process's --input-type): it
 * imports, and requires nothing.
 */
const ENTRY = `
(async () => {
  const { workerData } = await import("node:worker_threads");
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.module);
})();
`;

function entryData(): { module: string; tsx?: string } {
  const module = new URL(`./worker${path.extname(import.meta.url)}`, import.meta.url).href;
  if (!module.endsWith(".ts")) return { module };
  // tsx's ES module API: its CommonJS twin registers nothing in a worker.
  return { module, tsx: import.meta.resolve("tsx/esm/api") };
}
