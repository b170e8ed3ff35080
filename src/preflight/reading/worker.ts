import { parentPort } from "node:worker_threads";
import { checkText, joinTexts } from "../check.ts";
import { type PdfText, readPdfText } from "../pdf.ts";
import type { Reply, Request } from "./thread.ts";
import { readWarmUpPages } from "./warm-up.ts";

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
/** Requests come that are not a warm-up: one under way stops after its round. */
let waiting = 0;

port.on("message", (request: Request) => {
  if (request.kind !== "warm-up") waiting++;
  // After the request before it, however that ended: each reports its own failure.
  queue = queue
    .catch(() => undefined)
    .then(() => handle(request))
    .then((reply) => {
      if (request.kind !== "warm-up") waiting--;
      port.postMessage(reply);
    });
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
      case "warm-up":
        return { id: request.id, items: await warmUp() };
    }
  } catch (error) {
    return { id: request.id, error: error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) } };
  }
}

/** Rounds of warm-up pages: a request that comes waits for the round under way (some 50 ms), not for the rest. */
const WARM_UP_ROUNDS = 4;

async function warmUp(): Promise<number> {
  let items = 0;
  for (let round = 0; round < WARM_UP_ROUNDS && waiting === 0; round++) {
    items += await readWarmUpPages();
    // Lets a request that came meanwhile be counted before the next round.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return items;
}
