import { watch, type FSWatcher } from "node:fs";
import { readFile } from "node:fs/promises";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { STYLES_DIR, TEMPLATES_DIR } from "../config/paths.ts";
import { displayPath } from "../content/display-path.ts";
import { formatProblem, SourceError, type SourceProblem } from "../content/errors.ts";
import { JOURNAL_FILE } from "../content/load.ts";
import { isDirectory, isFile } from "../files/exists.ts";
import { assetFile, contentType, isInside, reloadScript } from "./assets.ts";
import { composeSite, type PreviewSite } from "./site.ts";
import { loadPreviewTemplates, type PreviewTemplates } from "./templates.ts";

export interface PreviewOptions {
  /** What to show: the content folder, an issue folder or an article folder. */
  target: string;
  /** 0 for any free port. */
  port: number;
  /** A line for the terminal: what was rebuilt, what is wrong. */
  report: (line: string) => void;
}

export interface PreviewServer {
  /** http://127.0.0.1:<port>/ */
  url: string;
  /** The folders whose changes rebuild: the content folder, the templates, the styles. */
  watching: string[];
  /** Rebuilds now (as a change to the sources does) and resolves once the pages are told. */
  rebuild(): Promise<void>;
  close(): Promise<void>;
}

/** Only this server's own files: nothing leaves the page, as in the build. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'";

/** Saving a file fires several events; one rebuild after they settle. */
const SETTLE_MS = 120;

/**
 * A local server (127.0.0.1 only) showing the articles under `target` paginated by Paged.js
 * in the browser. It rebuilds when a source, template or style changes and tells the open
 * pages (server-sent events) to reload; a fault in the sources shows as an error page.
 */
export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const state: { version: number; site?: PreviewSite; templates?: PreviewTemplates; error?: unknown } = { version: 0 };
  const listeners = new Set<ServerResponse>();

  const compose = async () => {
    const started = performance.now();
    const version = state.version + 1;
    try {
      const templates = await loadPreviewTemplates();
      state.templates = templates;
      state.site = await composeSite(options.target, templates, version);
      state.error = undefined;
      options.report(`composed ${count(state.site.articles.length, "article")} (${((performance.now() - started) / 1000).toFixed(2)} s)`);
    } catch (error) {
      state.site = undefined;
      state.error = error;
      options.report(describe(error).join("\n"));
    }
    state.version = version;
    for (const listener of listeners) sendVersion(listener, version);
  };

  // One rebuild at a time; changes during one make one more.
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

  await rebuild();

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      response.end(String(error instanceof Error ? error.message : error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/events") {
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
      response.write("retry: 1000\n\n");
      sendVersion(response, state.version);
      listeners.add(response);
      request.on("close", () => listeners.delete(response));
      return;
    }
    // Browsers ask for it unprompted; there is none.
    if (url.pathname === "/favicon.ico") {
      response.writeHead(204).end();
      return;
    }
    const asset = assetFile(url.pathname);
    if (asset) return sendFile(response, asset);

    const { site, templates } = state;
    if (!site || !templates) return sendPage(response, 500, await errorPage(state.error));
    if (url.pathname === "/") {
      // One article: nothing to choose.
      const only = site.articles.length === 1 ? site.articles[0] : undefined;
      if (only) {
        response.writeHead(302, { location: only.route }).end();
        return;
      }
      const issues = site.issues.map((issue) => ({
        name: issue.name,
        articles: issue.articles.map((a) => ({ href: a.route, title: { zh: a.article.meta.title.zh, en: a.article.meta.title.en } })),
      }));
      return sendPage(response, 200, templates.index({ version: state.version, issues, reloadScript: await reloadScript() }));
    }
    const page = site.articles.find((a) => a.route === url.pathname || a.route === `${url.pathname}/`);
    if (page) return sendPage(response, 200, page.html);
    // A file beside the article (an image its Markdown links to).
    const owner = site.articles.find((a) => url.pathname.startsWith(a.route));
    if (owner) {
      const file = path.resolve(owner.article.dir, decodeURIComponent(url.pathname.slice(owner.route.length)));
      if (isInside(file, owner.article.dir) && (await isFile(file))) return sendFile(response, file);
    }
    response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end(`paiban preview: nothing at ${url.pathname}\n`);
  }

  async function errorPage(error: unknown): Promise<{ type: "text/html" | "text/plain"; body: string }> {
    const problems = describeProblems(error);
    const errors = problems.filter((p) => p.severity === "error").length;
    const title = error instanceof SourceError ? `${count(errors, "error")} in the sources` : "the pages could not be composed";
    const shown = problems.map((p) => ({ severity: p.severity, text: formatProblem({ ...p, file: displayPath(p.file) }) }));
    // The preview's own templates never loaded: the problems as plain text, all the same.
    if (!state.templates) return { type: "text/plain", body: `paiban preview: ${title}\n\n${shown.map((p) => p.text).join("\n")}\n` };
    return {
      type: "text/html",
      body: state.templates.error({ version: state.version, title, problems: shown, reloadScript: await reloadScript() }),
    };
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  // Only once the port is ours: a watcher would keep the process alive after a failed start.
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void rebuild(), SETTLE_MS);
  };
  const watching = await watchedFolders(options.target);
  const watchers = watching.map((dir): FSWatcher => watch(dir, { recursive: true }, changed));

  return {
    url: `http://127.0.0.1:${port}/`,
    watching,
    rebuild,
    close: async () => {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      for (const listener of listeners) listener.end();
      listeners.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function sendVersion(response: ServerResponse, version: number): void {
  response.write(`event: version\ndata: ${version}\n\n`);
}

function sendPage(response: ServerResponse, status: number, page: string | { type: string; body: string }): void {
  const { type, body } = typeof page === "string" ? { type: "text/html", body: page } : page;
  response.writeHead(status, {
    "content-type": `${type}; charset=utf-8`,
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  response.end(body);
}

async function sendFile(response: ServerResponse, file: string): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
    return;
  }
  // Styles change while previewing; fonts and Paged.js do not, but are local and cheap.
  response.writeHead(200, { "content-type": contentType(file), "cache-control": "no-cache", "x-content-type-options": "nosniff" });
  response.end(bytes);
}

/** Problems to show: a SourceError's own, else the error's message as one problem. */
function describeProblems(error: unknown): SourceProblem[] {
  if (error instanceof SourceError) return error.problems;
  const message = error instanceof Error ? error.message : String(error);
  return [{ file: "paiban", message, severity: "error" }];
}

function describe(error: unknown): string[] {
  return describeProblems(error).map((p) => formatProblem({ ...p, file: displayPath(p.file) }));
}

/** The content folder (journal.yaml) around `target`, the templates and the styles. */
async function watchedFolders(target: string): Promise<string[]> {
  let dir = path.resolve(target);
  for (let up = dir; ; up = path.dirname(up)) {
    if (await isFile(path.join(up, JOURNAL_FILE))) {
      dir = up;
      break;
    }
    if (path.dirname(up) === up) break;
  }
  const existing: string[] = [];
  for (const folder of [dir, TEMPLATES_DIR, STYLES_DIR]) if (await isDirectory(folder)) existing.push(folder);
  return existing;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
