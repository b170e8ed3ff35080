import { parentPort } from "node:worker_threads";
import { checkText, joinTexts } from "../check.ts";
import { type PdfText, readPdfText } from "../pdf.ts";
import type { Reply, Request } from "./thread.ts";

/**
 * The reading thread (./thread.ts): reads each PDF it is sent back (readPdfText) and checks
 * documents' pages (checkText), one request after the other, in the order they came.
 * Done at once, they would all be done only when the last is: a long article's parts
 * behind the issue's contents, which came later. pdf.js loads here only if a page needs it.
 */
const port = parentPort;
if (!port) throw new Error("paiban: the preflight's reading thread was started outside a worker");

/** Readings kept to be checked, by the number of the request that read them (or why they could not be read). */
const kept = new Map<number, PdfText | Error>();
let queue: Promise<unknown> = Promise.resolve();

port.on("message", (request: Request) => {
  // After the request before it, however that ended: each reports its own failure.
  queue = queue
    .catch(() => undefined)
    .then(() => handle(request))
    .then((reply) => port.postMessage(reply));
});

async function handle(request: Request): Promise<Reply> {
  try {
    switch (request.kind) {
      case "read": {
        const text = await readPdfText(request.pdf, request.options).catch((error: unknown) => {
          if (!request.keep) throw error;
          return error instanceof Error ? error : new Error(String(error));
        });
        if (!request.keep) return { id: request.id, text: text as PdfText };
        kept.set(request.id, text);
        return { id: request.id };
      }
      case "check": {
        const texts = request.parts.map((part) => {
          const text = kept.get(part);
          kept.delete(part);
          if (text === undefined) throw new Error(`paiban: reading ${part} was not kept to be checked`);
          if (text instanceof Error) throw text;
          return text;
        });
        return { id: request.id, findings: checkText(joinTexts(texts), request.input) };
      }
      case "drop":
        for (const part of request.parts) kept.delete(part);
        return { id: request.id };
    }
  } catch (error) {
    return { id: request.id, error: error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) } };
  }
}
