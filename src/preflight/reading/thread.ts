import path from "node:path";
import { Worker } from "node:worker_threads";
import type { PdfText, ReadOptions } from "../pdf.ts";

/**
 * Reading a PDF back, the preflight's largest share of work in Node, on a thread of its own
 * (./worker.ts): the build's own thread meanwhile finishes, joins and checks other
 * documents, and answers the browser. One thread for the build, started on first use (or
 * ahead, with `startReader`), reading one PDF after another; it does not keep the process
 * alive while it has nothing to read.
 */

export interface ReadRequest {
  id: number;
  pdf: Uint8Array;
  options: ReadOptions;
}

export type ReadReply = { id: number; text: PdfText } | { id: number; error: { message: string; stack?: string } };

interface Reader {
  worker: Worker;
  pending: Map<number, { resolve: (text: PdfText) => void; reject: (error: Error) => void }>;
}

let reader: Reader | undefined;
let nextId = 0;

/** Reads a PDF's text back on the reading thread (see readPdfText). */
export function readPdfTextApart(pdf: Uint8Array, options: ReadOptions = {}): Promise<PdfText> {
  const { worker, pending } = startReader();
  const id = nextId++;
  return new Promise<PdfText>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.ref();
    worker.postMessage({ id, pdf, options } satisfies ReadRequest);
  });
}

/** Starts the reading thread now (it loads pdf-lib and the reader, a fifth of a second), if it is not running. */
export function startReader(): Reader {
  if (reader) return reader;
  const pending: Reader["pending"] = new Map();
  const worker = new Worker(ENTRY, { eval: true, workerData: entryData() });
  const started: Reader = { worker, pending };
  reader = started;
  worker.on("message", (reply: ReadReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (!waiting) return;
    if ("text" in reply) return waiting.resolve(reply.text);
    const error = new Error(reply.error.message);
    if (reply.error.stack) error.stack = reply.error.stack;
    waiting.reject(error);
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
