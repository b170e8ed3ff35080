import { writeFile } from "node:fs/promises";
import path from "node:path";
import { renderWithPagedJs, type PagedResult } from "../render/paged.ts";
import type { BuildContext } from "./context.ts";

/**
 * Lays out one composed document (written to the work folder as `<name>.html`) when the
 * pool has room, reporting its pages as Paged.js lays them out.
 */
export async function renderDocument(context: BuildContext, name: string, html: string): Promise<PagedResult> {
  const htmlFile = path.join(context.workDir, `${name}.html`);
  await writeFile(htmlFile, html);
  return context.pool(async () => {
    context.progress(name, 0);
    try {
      return await renderWithPagedJs(context.browser, htmlFile, {
        readableRoots: context.assets.readableRoots,
        onPage: (pages) => context.progress(name, pages),
      });
    } finally {
      context.progress(name, undefined);
    }
  });
}
