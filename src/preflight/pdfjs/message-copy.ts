/**
 * pdf.js's two halves, run in one thread (its "fake worker"), pass every message through a
 * port that copies it with `structuredClone`: the text of every page, item by item. Copied
 * it must be (the worker half reuses the arrays it sends), but Node's structured clone
 * serialises and parses each of the many small objects: a fifth of reading a long
 * document back. Plain objects and arrays are copied here directly; anything else (typed
 * arrays, maps, class instances, a message with buffers to transfer) still goes through
 * `structuredClone`.
 */

/** Deeper than any message of pdf.js's: a deeper one (or a cycle) is left to structuredClone whole. */
const MAX_DEPTH = 64;

class TooDeep extends Error {}

function copy(value: unknown, depth: number): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (depth > MAX_DEPTH) throw new TooDeep();
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    // A hole stays a hole.
    for (let i = 0; i < value.length; i++) if (i in value) out[i] = copy(value[i], depth + 1);
    return out;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const copied = copy((value as Record<string, unknown>)[key], depth + 1);
    // A key "__proto__" (a PDF's dictionary may have one) is a property, as structuredClone makes it, not the prototype.
    if (key === "__proto__") Object.defineProperty(out, key, { value: copied, enumerable: true, writable: true, configurable: true });
    else out[key] = copied;
  }
  return out;
}

/** A copy of a message, as `structuredClone` would give it for the data pdf.js sends. */
export function copyMessage(message: unknown): unknown {
  try {
    return copy(message, 0);
  } catch (error) {
    if (error instanceof TooDeep) return structuredClone(message);
    throw error;
  }
}

interface Port {
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

/**
 * Makes the fake worker's port (pdf.js's `LoopbackPort`, not exported: found on a worker
 * made for the purpose) copy messages with `copyMessage`. Its `postMessage` keeps its own
 * delivery; only the copy it makes is replaced, for the duration of the call.
 */
export async function copyMessagesDirectly(PDFWorker: new () => { promise: Promise<void>; port: Port; destroy(): void }): Promise<void> {
  const worker = new PDFWorker();
  await worker.promise;
  const prototype = Object.getPrototypeOf(worker.port) as Port;
  worker.destroy();
  const post = prototype.postMessage;
  prototype.postMessage = function (this: Port, message: unknown, transfer?: Transferable[]) {
    if (transfer?.length) return post.call(this, message, transfer);
    const copied = copyMessage(message);
    const clone = globalThis.structuredClone;
    // Already a copy: the port's own clone passes it on as it is.
    globalThis.structuredClone = <T>(value: T) => value;
    try {
      post.call(this, copied);
    } finally {
      globalThis.structuredClone = clone;
    }
  };
}
