import type { Readable, Writable } from "node:stream";
import type { ConnectionTransport } from "puppeteer";

/**
 * The DevTools protocol over the pipe Chromium opens with --remote-debugging-pipe: messages
 * are JSON, each ended by a NUL byte, written to the browser on its fd 3 and read from its
 * fd 4. puppeteer speaks it when it launches the browser itself; paiban launches it before
 * puppeteer is loaded (./chromium.ts) and hands the pipe to `puppeteer.connect`.
 */
export class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  readonly #toBrowser: Writable;
  /** Bytes of a message not yet ended: a message may come in several chunks, a character split between two. */
  #partial: Buffer[] = [];
  #closed = false;

  constructor(toBrowser: Writable, fromBrowser: Readable) {
    this.#toBrowser = toBrowser;
    fromBrowser.on("data", (chunk: Buffer) => this.#received(chunk));
    fromBrowser.on("close", () => {
      if (!this.#closed) this.onclose?.();
      this.#closed = true;
    });
    // A browser that went away is told by "close".
    fromBrowser.on("error", () => undefined);
    toBrowser.on("error", () => undefined);
  }

  send(message: string): void {
    // puppeteer gives up on a message it could not send (a window asked for as the build ends):
    // dropped, it would wait for an answer the 180 s of its timeout, and Node with it.
    if (this.#closed) throw new Error("the browser's pipe is closed");
    this.#toBrowser.write(`${message}\0`);
  }

  close(): void {
    this.#closed = true;
  }

  #received(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
      const message = Buffer.concat([...this.#partial, chunk.subarray(start, end)]).toString("utf8");
      this.#partial = [];
      start = end + 1;
      if (!this.#closed) this.onmessage?.(message);
    }
    if (start < chunk.length) this.#partial.push(chunk.subarray(start));
  }
}
