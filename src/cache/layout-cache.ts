import { readFile } from "node:fs/promises";
import path from "node:path";
import { NODE_MODULES_DIR } from "../config/paths.ts";
import { readJson, writeAtomically } from "../files/write.ts";
import type { PreflightFinding } from "../preflight/index.ts";
import type { PagedResult } from "../render/paged.ts";

/**
 * A content-addressed cache of laid-out documents. A layout depends only on the composed
 * HTML and on what shapes it in the browser: the styles, the scripts paiban runs in the
 * page, the installed packages (fonts, Paged.js) and the browser. Those make the key, so a
 * change to any of them misses; a change to how the HTML is composed shows in the HTML.
 */
export interface LayoutCache {
  layout(key: string): Promise<PagedResult | undefined>;
  saveLayout(key: string, result: PagedResult): Promise<void>;
  /** A document printed in parts (a long article's Chinese and English parts): each part's PDF as printed, and the whole's layout. */
  placed(key: string): Promise<PrintedParts | undefined>;
  savePlaced(key: string, printed: PrintedParts): Promise<void>;
  findings(key: string): Promise<PreflightFinding[] | undefined>;
  saveFindings(key: string, findings: PreflightFinding[]): Promise<void>;
  /** Any JSON record (e.g. what a whole issue build wrote), by name. */
  record<T>(name: string): Promise<T | undefined>;
  saveRecord(name: string, value: unknown): Promise<void>;
}

export interface PrintedParts {
  parts: Uint8Array[];
  layout: PagedResult["layout"];
}

/** Inside node_modules: removed with the packages, and ignored by git and the tools. */
export const DEFAULT_CACHE_DIR = path.join(NODE_MODULES_DIR, ".cache", "paiban");

/** The cache in `dir`; none (every lookup misses, nothing is kept) when `dir` is undefined. */
export function openCache(dir: string | undefined): LayoutCache {
  if (!dir) {
    return {
      layout: async () => undefined,
      saveLayout: async () => undefined,
      placed: async () => undefined,
      savePlaced: async () => undefined,
      findings: async () => undefined,
      saveFindings: async () => undefined,
      record: async () => undefined,
      saveRecord: async () => undefined,
    };
  }
  const file = (key: string, ext: string) => path.join(dir, key.slice(0, 2), `${key}${ext}`);
  // Written then renamed: a build stopped halfway leaves no half entry for the next one to trust.
  const put = writeAtomically;
  return {
    async layout(key) {
      const layout = await readJson<PagedResult["layout"]>(file(key, ".layout.json"));
      if (!layout) return undefined;
      const pdf = await readFile(file(key, ".pdf")).catch(() => undefined);
      return pdf ? { pdf: new Uint8Array(pdf), layout } : undefined;
    },
    async saveLayout(key, result) {
      await put(file(key, ".pdf"), result.pdf);
      await put(file(key, ".layout.json"), JSON.stringify(result.layout));
    },
    async placed(key) {
      const entry = await readJson<{ parts: number; layout: PagedResult["layout"] }>(file(key, ".placed.json"));
      if (!entry) return undefined;
      const parts = await Promise.all(
        Array.from({ length: entry.parts }, (_, i) => readFile(file(key, `.part${i + 1}.pdf`)).catch(() => undefined)),
      );
      if (parts.some((part) => part === undefined)) return undefined;
      return { parts: parts.map((part) => new Uint8Array(part as Buffer)), layout: entry.layout };
    },
    async savePlaced(key, { parts, layout }) {
      // The parts first: the record, written last, says they are all there.
      await Promise.all(parts.map((part, i) => put(file(key, `.part${i + 1}.pdf`), part)));
      await put(file(key, ".placed.json"), JSON.stringify({ parts: parts.length, layout }));
    },
    findings: (key) => readJson<PreflightFinding[]>(file(key, ".findings.json")),
    saveFindings: (key, findings) => put(file(key, ".findings.json"), JSON.stringify(findings)),
    record: (name) => readJson(path.join(dir, "records", `${name}.json`)),
    saveRecord: (name, value) => put(path.join(dir, "records", `${name}.json`), JSON.stringify(value)),
  };
}
