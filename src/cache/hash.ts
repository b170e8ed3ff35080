import { createHash } from "node:crypto";

/** SHA-256 of the parts, each ended by a NUL so that ("ab", "c") and ("a", "bc") differ. */
export function hash(...parts: (string | Uint8Array)[]): string {
  const h = createHash("sha256");
  for (const part of parts) h.update(part).update("\0");
  return h.digest("hex");
}
