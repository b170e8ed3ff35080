import { parentPort } from "node:worker_threads";
import { readPdfText } from "../pdf.ts";
import type { ReadReply, ReadRequest } from "./thread.ts";

/**
 * The reading thread (./thread.ts): reads each PDF it is sent back (readPdfText), one
 * after the other, in the order they came, and replies with its text. Read at once, they
 * would all be done only when the last is: a long article's parts behind the issue's
 * contents, which came later. pdf.js loads here only if a page needs it.
 */
const port = parentPort;
if (!port) throw new Error("paiban: the preflight's reading thread was started outside a worker");

let queue: Promise<unknown> = Promise.resolve();

port.on("message", (request: ReadRequest) => {
  // After the reading before it, however that ended: each read reports its own failure.
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
