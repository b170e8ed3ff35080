import { parentPort } from "node:worker_threads";
import { loadPdfReader, readPdfText } from "../pdf.ts";
import type { ReadReply, ReadRequest } from "./thread.ts";

/**
 * The reading thread (./thread.ts): reads each PDF it is sent back with pdf.js and pdf-lib,
 * one after the other, in the order they came, and replies with its text. Read at once,
 * they would all be done only when the last is: a long article's parts behind the issue's
 * contents, which came later. pdf.js loads here once, when the thread starts.
 */
const port = parentPort;
if (!port) throw new Error("paiban: the preflight's reading thread was started outside a worker");

let queue: Promise<unknown> = loadPdfReader();

port.on("message", (request: ReadRequest) => {
  // After the reading before it, however that ended: had pdf.js failed to load, each read
  // reports that failure (readPdfText awaits the same load) rather than waiting for ever.
  queue = queue
    .catch(() => undefined)
    .then(() => read(request))
    .then((reply) => port.postMessage(reply));
});

async function read({ id, pdf, options }: ReadRequest): Promise<ReadReply> {
  try {
    return { id, text: await readPdfText(pdf, options) };
  } catch (error) {
    return { id, error: error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) } };
  }
}
