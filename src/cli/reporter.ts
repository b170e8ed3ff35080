/**
 * What a build tells the person or the CI log watching it. Off a terminal (CI logs, pipes):
 * one plain line per step. On a terminal, the same lines, with a live status line below
 * them: each document being laid out and the pages laid out so far.
 */
export interface Reporter {
  line(text: string): void;
  /** `pages` laid out so far of `document`; undefined when it is done. */
  progress(document: string, pages: number | undefined): void;
  /** Clears the status line. */
  close(): void;
}

export function createReporter(stream: NodeJS.WriteStream = process.stderr): Reporter {
  const write = (text: string) => stream.write(text);
  if (!stream.isTTY) {
    return { line: (text) => write(`paiban: ${text}\n`), progress: () => undefined, close: () => undefined };
  }
  const inFlight = new Map<string, number>();
  let drawn = false;
  const status = () =>
    // Kept to one line of the terminal (80 columns when it does not say).
    [...inFlight]
      .map(([document, pages]) => `${document} ${pages} p.`)
      .join(" · ")
      .slice(0, Math.max(20, (stream.columns || 80) - 13));
  const clear = () => {
    if (drawn) write("\r\x1b[K");
    drawn = false;
  };
  const draw = () => {
    clear();
    if (inFlight.size === 0) return;
    write(`laying out: ${status()}`);
    drawn = true;
  };
  return {
    line(text) {
      clear();
      write(`paiban: ${text}\n`);
      draw();
    },
    progress(document, pages) {
      if (pages === undefined) inFlight.delete(document);
      else inFlight.set(document, pages);
      draw();
    },
    close: clear,
  };
}
