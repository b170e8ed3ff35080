/** A strict build whose pages did not pass the preflight: nothing of it was written. */
export class PreflightFailed extends Error {
  constructor(what: string, count: number) {
    super(`${what}: ${count} preflight finding${count === 1 ? "" : "s"} (strict mode); nothing was written`);
    this.name = "PreflightFailed";
  }
}
