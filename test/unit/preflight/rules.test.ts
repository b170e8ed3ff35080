import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PAGE_RULES } from "../../../src/preflight/rules/index.ts";

const RULES_DIR = path.join(import.meta.dirname, "../../../src/preflight/rules");

describe("the preflight's rules", () => {
  it("are all in the one list, a rule a file", async () => {
    const files = (await readdir(RULES_DIR)).filter((f) => f.endsWith(".ts") && f !== "index.ts");
    expect(PAGE_RULES.length).toBe(files.length);
  });

  it("each report kinds of finding of their own", () => {
    const kinds = PAGE_RULES.flatMap((rule) => rule.reports);
    expect(kinds.length).toBeGreaterThan(PAGE_RULES.length);
    expect(new Set(kinds).size).toBe(kinds.length);
  });
});
