/** A colour profile the press or archive standard needs is missing or of the wrong kind: the message says what to install or give. */
export class ProfileError extends Error {}

/** Ghostscript (for PDF/X-1a) is missing or failed: the message says which, and how to install it. */
export class GhostscriptError extends Error {}
