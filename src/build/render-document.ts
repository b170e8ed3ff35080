import { writeFile } from "node:fs/promises";
import path from "node:path";
import { preflight, type PreflightFinding, type PreflightInput } from "../preflight/index.ts";
import { renderWithPagedJs, type PagedResult } from "../render/paged.ts";
import { hash } from "./cache.ts";
import type { BuildContext } from "./context.ts";

/** A laid-out document, and the key its layout is cached under. */
export interface RenderedDocument extends PagedResult {
  key: string;
}

/**
 * Lays out one composed document when the pool has room (written to the work folder as
 * `<name>.html`), reporting its pages as Paged.js lays them out; or takes the layout
 * from the cache when the same HTML was laid out by the same code before.
 */
export async function renderDocument(
  context: BuildContext,
  name: string,
  html: string,
  options: {
    print?: boolean;
    report?: string;
    /** Text filled in after layout (see renderWithPagedJs), and what it is made from besides the layout. */
    fill?: { values: (layout: PagedResult["layout"]) => Record<string, string>; from: string };
  } = {},
): Promise<RenderedDocument> {
  const print = options.print ?? true;
  const htmlFile = path.join(context.workDir, `${name}.html`);
  await writeFile(htmlFile, html);
  const key = hash(context.code, html, print ? "pdf" : "layout", options.fill?.from ?? "");
  const cached = await context.cache.layout(key);
  if (cached) return { ...cached, key };
  if (options.report) context.report(options.report);
  const result = await context.pool(async () => {
    context.progress(name, 0);
    try {
      return await renderWithPagedJs(await context.browser(), htmlFile, {
        readableRoots: context.assets.readableRoots,
        onPage: (pages) => context.progress(name, pages),
        print,
        fill: options.fill?.values,
      });
    } finally {
      context.progress(name, undefined);
    }
  });
  await context.cache.saveLayout(key, result);
  return { ...result, key };
}

/**
 * The preflight of a finished document, or its findings from the cache: they follow from
 * the layout (its key), the print boxes and the texts it is checked against.
 */
export async function checkPages(context: BuildContext, document: RenderedDocument, input: PreflightInput): Promise<PreflightFinding[]> {
  const key = hash(document.key, JSON.stringify(input.expected), JSON.stringify(context.journal.trim), context.press.bleed ?? "");
  const cached = await context.cache.findings(key);
  if (cached) return cached;
  const findings = await preflight(input);
  await context.cache.saveFindings(key, findings);
  return findings;
}
