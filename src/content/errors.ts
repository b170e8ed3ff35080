/**
 * An error in the sources: where it is (file, line, field), what is wrong and how to fix it.
 * Every stage that reads user input reports through this type so the CLI can print them alike.
 */
export interface SourceProblem {
  file: string;
  line?: number;
  column?: number;
  field?: string;
  message: string;
  hint?: string;
  severity: "error" | "warning";
}

export class SourceError extends Error {
  readonly problems: SourceProblem[];

  constructor(problems: SourceProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "SourceError";
    this.problems = problems;
  }
}

export function problem(file: string, message: string, extra: Partial<Omit<SourceProblem, "file" | "message">> = {}): SourceProblem {
  return { file, message, severity: "error", ...extra };
}

/** `file:line:col: error: field: message` then the hint on its own line, as compilers print. */
export function formatProblem(p: SourceProblem): string {
  const where = [p.file, p.line, p.line !== undefined ? p.column : undefined].filter((part) => part !== undefined).join(":");
  const field = p.field ? `${p.field}: ` : "";
  const hint = p.hint ? `\n  ${p.hint}` : "";
  return `${where}: ${p.severity}: ${field}${p.message}${hint}`;
}
