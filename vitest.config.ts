import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // End-to-end tests lay out pages in a real browser; on 2 cores that takes seconds.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
