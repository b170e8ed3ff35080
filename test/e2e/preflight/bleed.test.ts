import { describe, expect, it } from "vitest";
import { formatFinding, preflight } from "../../../src/preflight/index.ts";
import { buildArticle } from "../../support/render.ts";

describe("preflight on a PDF with bleed and crop marks", () => {
  it("places the text area on the sheet by the trim box, and finds nothing wrong", async () => {
    const sample = await buildArticle(undefined, { bleed: "3mm", marks: ["crop"] });
    expect((await preflight(sample)).map(formatFinding)).toEqual([]);
  }, 180_000);
});
