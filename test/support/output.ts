import { vi } from "vitest";

/** Sends what the CLI writes to stdout and stderr to the given collectors instead (undone by vi.restoreAllMocks). */
export function spyOnOutput(onStdout: (text: string) => void, onStderr: (text: string) => void): void {
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    onStdout(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    onStderr(String(chunk));
    return true;
  });
}

/** Runs the CLI in-process, catching what it writes: its exit code, its stdout and its stderr. */
export async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { main } = await import("../../src/cli/main.ts");
  let stdout = "";
  let stderr = "";
  spyOnOutput(
    (text) => (stdout += text),
    (text) => (stderr += text),
  );
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}
