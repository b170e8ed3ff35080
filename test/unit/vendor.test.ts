import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { NODE_MODULES_DIR } from "../../src/config/paths.ts";

const run = promisify(execFile);

describe("the packages bundled when paiban is compiled (scripts/vendor.ts)", () => {
  it("are bundled from any folder (bin/paiban.js compiles again wherever it is run) and export what the packages do", async () => {
    // Inside the project, as lib/ is: the bundled Printer finds pagedjs-cli in node_modules when it runs.
    await mkdir(path.join(NODE_MODULES_DIR, ".cache"), { recursive: true });
    const lib = await mkdtemp(path.join(NODE_MODULES_DIR, ".cache", "paiban-vendor-"));
    try {
      const vendor = pathToFileURL(path.resolve("scripts/vendor.ts")).href;
      // Run from the temporary folder, where no node_modules is to be found.
      const script = `process.chdir(${JSON.stringify(os.tmpdir())}); const { bundleVendors } = await import(${JSON.stringify(vendor)}); await bundleVendors(${JSON.stringify(lib)});`;
      await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: path.resolve(".") });
      const dir = path.join(lib, "vendor");
      const { default: puppeteer } = (await import(pathToFileURL(path.join(dir, "puppeteer.js")).href)) as {
        default: { connect: unknown };
      };
      const { default: Printer } = (await import(pathToFileURL(path.join(dir, "pagedjs-cli.js")).href)) as { default: unknown };
      const pdfLib = (await import(pathToFileURL(path.join(dir, "pdf-lib.js")).href)) as Record<string, unknown>;
      expect(typeof puppeteer.connect).toBe("function");
      expect(typeof Printer).toBe("function");
      expect(Object.keys(pdfLib)).toEqual(expect.arrayContaining(["PDFDocument", "PDFName", "PDFDict", "PDFRef", "PDFHexString"]));
    } finally {
      await rm(lib, { recursive: true, force: true });
    }
  }, 120_000);
});
