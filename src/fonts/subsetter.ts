/** subset-font (harfbuzz's WebAssembly), loaded when a subset is first cut: most builds cut none. */
export async function subsetter(): Promise<typeof import("subset-font").default> {
  return (await import("subset-font")).default;
}
