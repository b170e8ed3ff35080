import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page, Protocol } from "puppeteer";

/**
 * What a window may fetch, asked of Node request by request: nothing from the network, and
 * from this machine only files under the folders the document may read. The page's own
 * Content-Security-Policy refuses the network too; this is the second guard, and the only
 * one that knows the folders.
 *
 * Fonts, stylesheets and scripts read from files are let through without asking. A document
 * loads some sixty of them, from the folders it may read, and each would wait on Node; none
 * can bring a file's content into the print (a picture or a fetched text can: those are
 * asked for). From the network, every kind of request is refused.
 */
export interface RequestFilter {
  /** The folders the next document may read. */
  allow(roots: string[]): void;
}

/**
 * The kinds of request asked for even from a file: all but fonts, stylesheets and scripts
 * (the kinds Chromium's fetch filter knows; web sockets it cannot hold, and the policy's
 * connect-src refuses them).
 */
const ASKED: Protocol.Network.ResourceType[] = [
  "Document",
  "Image",
  "Media",
  "XHR",
  "Fetch",
  "EventSource",
  "Ping",
  "CSPViolationReport",
  "Other",
];

/** Schemes that reach the network, asked for whatever the kind of request (and always refused). */
const NETWORK = ["http*"];

export async function filterRequests(page: Page): Promise<RequestFilter> {
  let roots: string[] = [];
  const session = await page.target().createCDPSession();
  session.on("Fetch.requestPaused", (event: Protocol.Fetch.RequestPausedEvent) => {
    const { requestId } = event;
    const answer = readable(event.request.url, roots)
      ? session.send("Fetch.continueRequest", { requestId })
      : session.send("Fetch.failRequest", { requestId, errorReason: "BlockedByClient" });
    // A request the page dropped meanwhile (its document closed) cannot be answered: nothing to do.
    answer.catch(() => undefined);
  });
  await session.send("Fetch.enable", {
    patterns: [...ASKED.map((resourceType) => ({ urlPattern: "*", resourceType })), ...NETWORK.map((urlPattern) => ({ urlPattern }))],
  });
  return {
    allow(folders) {
      roots = folders;
    },
  };
}

/** A file under one of `roots` (data: and about: URLs carry nothing from outside). */
function readable(url: string, roots: string[]): boolean {
  if (url.startsWith("data:") || url === "about:blank") return true;
  if (!url.startsWith("file:")) return false;
  const file = fileURLToPath(url);
  return roots.some((root) => {
    const relative = path.relative(root, file);
    return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
  });
}
