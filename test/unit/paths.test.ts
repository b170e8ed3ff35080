import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { packageDir, packageFile, packageFiles, PROJECT_ROOT, splitSpecifier } from "../../src/config/paths.ts";

// paiban's packages may be in its own node_modules (a checkout) or hoisted into the journal's
// (an installed paiban): they are found as Node finds them, never by a path of our own making.

describe("finding installed packages", () => {
  it("finds a package's file as Node resolves it, and one its exports leave out in the package's folder", () => {
    expect(packageFile("@fontsource/noto-serif-sc/400.css")).toBe(path.join(packageDir("@fontsource/noto-serif-sc"), "400.css"));
    // pagedjs's exports name no file of dist/.
    expect(packageFile("pagedjs/dist/paged.polyfill.js")).toBe(path.join(packageDir("pagedjs"), "dist", "paged.polyfill.js"));
    expect(() => packageDir("no-such-package")).toThrow(/Cannot find package 'no-such-package'/);
  });

  it("splits a specifier into the package's name and the path inside it", () => {
    expect(splitSpecifier("@fontsource/noto-serif-sc/files/a.woff2")).toEqual({
      name: "@fontsource/noto-serif-sc",
      subpath: "files/a.woff2",
    });
    expect(splitSpecifier("pagedjs/dist/paged.polyfill.js")).toEqual({ name: "pagedjs", subpath: "dist/paged.polyfill.js" });
  });

  it("fingerprints the installed version of every dependency, wherever it is", () => {
    const files = packageFiles();
    const { dependencies } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    for (const name of Object.keys(dependencies)) expect(files, name).toContain(path.join(packageDir(name), "package.json"));
    expect(files).toContain(path.join(PROJECT_ROOT, "package.json"));
  });
});
