// Types of scripts/sources.js, plain JavaScript so that bin/paiban.js can run it before anything is compiled.

/** A digest of every file under src/, names and contents, in a stable order. */
export function sourcesDigest(): string;
/** Whether lib/ holds what src/ compiles to now. */
export function isCompiled(): boolean;
/** Records that lib/ was compiled from sources with this digest. */
export function recordCompiled(digest: string): void;
