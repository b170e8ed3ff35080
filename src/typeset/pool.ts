import os from "node:os";

/**
 * Runs at most `size` tasks at once; the rest wait their turn. Layout is CPU-bound in the
 * browser, so more documents in flight than cores only makes each slower.
 */
export function createPool(size = Math.max(1, Math.min(os.availableParallelism(), 4))) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

export type Pool = ReturnType<typeof createPool>;
