import type { ServerResponse } from "node:http";
import { displayPath } from "../content/display-path.ts";
import { formatProblem, SourceError, type SourceProblem } from "../content/errors.ts";
import { composeSite, type PreviewSite } from "./site.ts";
import { loadPreviewTemplates, type PreviewTemplates } from "./templates.ts";

/** What the preview shows now: the articles composed (or the fault that stopped them), and its version. */
export interface PreviewState {
  /** Goes up with every rebuild; an open page of another version reloads. */
  version: number;
  site?: PreviewSite;
  templates?: PreviewTemplates;
  /** Why the last rebuild composed nothing. */
  error?: unknown;
}

export interface Rebuilds {
  readonly state: PreviewState;
  /** Composes the articles again and tells the open pages; resolves once they are told. */
  rebuild(): Promise<void>;
  /** An open page that wants to hear of new versions (server-sent events). */
  listen(response: ServerResponse): void;
  /** Ends every open page's event stream. */
  close(): void;
}

/**
 * The preview's rebuilds: the articles under `target` composed afresh (sources, templates,
 * styles read again), one rebuild at a time; changes during one make one more.
 */
export function createRebuilds(target: string, report: (line: string) => void): Rebuilds {
  const state: PreviewState = { version: 0 };
  const listeners = new Set<ServerResponse>();

  const compose = async () => {
    const started = performance.now();
    const version = state.version + 1;
    try {
      const templates = await loadPreviewTemplates();
      state.templates = templates;
      state.site = await composeSite(target, templates, version);
      state.error = undefined;
      report(`composed ${count(state.site.articles.length, "article")} (${((performance.now() - started) / 1000).toFixed(2)} s)`);
    } catch (error) {
      state.site = undefined;
      state.error = error;
      report(describeProblems(error).map(shownProblem).join("\n"));
    }
    state.version = version;
    for (const listener of listeners) sendVersion(listener, version);
  };

  let running: Promise<void> | undefined;
  let again = false;
  const rebuild = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await compose();
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    state,
    rebuild,
    listen(response) {
      sendVersion(response, state.version);
      listeners.add(response);
      response.on("close", () => listeners.delete(response));
    },
    close() {
      for (const listener of listeners) listener.end();
      listeners.clear();
    },
  };
}

function sendVersion(response: ServerResponse, version: number): void {
  response.write(`event: version\ndata: ${version}\n\n`);
}

/** Problems to show: a SourceError's own, else the error's message as one problem. */
export function describeProblems(error: unknown): SourceProblem[] {
  if (error instanceof SourceError) return error.problems;
  const message = error instanceof Error ? error.message : String(error);
  return [{ file: "paiban", message, severity: "error" }];
}

/** A problem as `paiban check` prints it, its file as the person at the terminal named it. */
export function shownProblem(p: SourceProblem): string {
  return formatProblem({ ...p, file: displayPath(p.file) });
}

export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
