import { watch, type FSWatcher } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { STYLES_DIR, TEMPLATES_DIR } from "../config/paths.ts";
import { JOURNAL_FILE } from "../content/load.ts";
import { isDirectory, isFile } from "../files/exists.ts";
import { createRebuilds } from "./rebuilds.ts";
import { createRoutes } from "./routes.ts";

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

/** Saving a file fires several events; one rebuild after they settle. */
const SETTLE_MS = 120;

/**
 * A local server (127.0.0.1 only) showing the articles under `target` paginated by Paged.js
 * in the browser. It rebuilds when a source, template or style changes and tells the open
 * pages (server-sent events) to reload; a fault in the sources shows as an error page.
 */
export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const rebuilds = createRebuilds(options.target, options.report);
  await rebuilds.rebuild();
  const route = createRoutes(rebuilds);
  const server = http.createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      response.end(String(error instanceof Error ? error.message : error));
    });
  });
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
    timer = setTimeout(() => void rebuilds.rebuild(), SETTLE_MS);
  };
  const watching = await watchedFolders(options.target);
  const watchers = watching.map((dir): FSWatcher => watch(dir, { recursive: true }, changed));

  return {
    url: `http://127.0.0.1:${port}/`,
    watching,
    rebuild: rebuilds.rebuild,
    close: async () => {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      rebuilds.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
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
