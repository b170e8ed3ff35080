import { describe, expect, it } from "vitest";
import { createPool } from "../../src/typeset/pool.ts";

/** A task that waits until released, recording when it ran. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe("the pool bounding the layouts in flight", () => {
  it("runs at most `size` tasks at once, and the next as soon as one ends, in the order asked", async () => {
    const run = createPool(2);
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    let inFlight = 0;
    let most = 0;
    const results = gates.map((g, i) =>
      run(async () => {
        started.push(i);
        most = Math.max(most, ++inFlight);
        await g.opened;
        inFlight--;
        return i * 10;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1]?.open();
    await results[1];
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(results)).toEqual([0, 10, 20, 30]);
    expect(started).toEqual([0, 1, 2, 3]);
    expect(most).toBe(2);
  });

  it("frees the place of a task that fails, and passes its error on", async () => {
    const run = createPool(1);
    const failed = run(async () => {
      throw new Error("layout failed");
    });
    const next = run(async () => "next");
    await expect(failed).rejects.toThrow("layout failed");
    expect(await next).toBe("next");
  });
});
