import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { SourceError } from "../content/errors.ts";
import { isFile } from "../files/exists.ts";
import { assetFile, contentType, isInside, reloadScript } from "./assets.ts";
import { count, describeProblems, shownProblem, type Rebuilds } from "./rebuilds.ts";

/** Only this server's own files: nothing leaves the page, as in the build. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'";

/**
 * What the preview serves, by path: `/events` (the version stream), the project's assets
 * (styles, fonts, Paged.js, the page scripts), `/` (the list of articles, or the one
 * article), each article's page and the files beside it; the error page while the
 * sources are faulty.
 */
export function createRoutes(rebuilds: Rebuilds): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return async function route(request, response) {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/events") {
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
      response.write("retry: 1000\n\n");
      rebuilds.listen(response);
      return;
    }
    // Browsers ask for it unprompted; there is none.
    if (url.pathname === "/favicon.ico") {
      response.writeHead(204).end();
      return;
    }
    const asset = await assetFile(url.pathname);
    if (asset) return sendFile(response, asset);

    const { site, templates, version, error } = rebuilds.state;
    if (!site || !templates) return sendPage(response, 500, await errorPage(rebuilds, error));
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
      return sendPage(response, 200, templates.index({ version, issues, reloadScript: await reloadScript() }));
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
  };
}

/** The page shown while the sources are faulty: the problems as `paiban check` prints them. */
async function errorPage(rebuilds: Rebuilds, error: unknown): Promise<{ type: "text/html" | "text/plain"; body: string }> {
  const problems = describeProblems(error);
  const errors = problems.filter((p) => p.severity === "error").length;
  const title = error instanceof SourceError ? `${count(errors, "error")} in the sources` : "the pages could not be composed";
  const shown = problems.map((p) => ({ severity: p.severity, text: shownProblem(p) }));
  const { templates, version } = rebuilds.state;
  // The preview's own templates never loaded: the problems as plain text, all the same.
  if (!templates) return { type: "text/plain", body: `paiban preview: ${title}\n\n${shown.map((p) => p.text).join("\n")}\n` };
  return { type: "text/html", body: templates.error({ version, title, problems: shown, reloadScript: await reloadScript() }) };
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
