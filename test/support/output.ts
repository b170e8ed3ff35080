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
