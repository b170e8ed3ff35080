import path from "node:path";
import { ZodArray, ZodDefault, ZodObject, ZodOptional, type z } from "zod";
import { problem, SourceError, type SourceProblem } from "./errors.ts";
import type { YamlSource } from "./yaml-source.ts";

/**
 * A YAML file's data checked against its schema (schema.ts), and each complaint of zod's
 * turned into a problem as a compiler would give it: the file, the field's line, what is
 * wrong, and how to put it right (the field meant, when a name is mistyped; an example of
 * the value, when the schema gives one).
 */
export function validate<T extends z.ZodType>(yaml: YamlSource, schema: T): z.output<T> {
  const result = schema.safeParse(yaml.data ?? {});
  if (result.success) return result.data;
  throw new SourceError(result.error.issues.flatMap((issue) => describeIssue(issue, yaml, schema)));
}

/** A schema complaint as problems at the field's line, each with a hint how to put it right. */
function describeIssue(issue: z.core.$ZodIssue, yaml: YamlSource, schema: z.ZodType): SourceProblem[] {
  if (issue.code === "unrecognized_keys") return unknownFields(issue.keys, issue.path, yaml, schema);
  if (issue.code === "invalid_type" && valueAt(yaml.data, issue.path) === undefined) return [missingField(issue.path, yaml)];
  return [wrongValue(issue, yaml, schema)];
}

/** Fields the schema does not know: the one most likely meant, else those allowed there. */
function unknownFields(keys: string[], at: readonly PropertyKey[], yaml: YamlSource, schema: z.ZodType): SourceProblem[] {
  const allowed = fieldsAt(schema, at);
  return keys.map((key) => {
    const near = closest(key, allowed);
    return problem(yaml.file, "is not a known field", {
      line: yaml.lineOf([...at, key]),
      field: fieldName([...at, key]),
      hint: near ? `did you mean '${near}'?` : `the fields allowed here are: ${allowed.join(", ")}`,
    });
  });
}

/** A required field left out: where to add it. */
function missingField(at: readonly PropertyKey[], yaml: YamlSource): SourceProblem {
  const file = path.basename(yaml.file);
  const key = String(at[at.length - 1] ?? "");
  const parent = fieldName(at.slice(0, -1));
  return problem(yaml.file, "is required but missing", {
    line: yaml.lineOf(at),
    field: fieldName(at),
    hint: parent ? `add '${key}:' under '${parent}:' in ${file}` : `add '${key}:' to ${file} (see README: front matter)`,
  });
}

/** A value of the wrong type or form: the schema's example of a right one, else what type to write. */
function wrongValue(issue: z.core.$ZodIssue, yaml: YamlSource, schema: z.ZodType): SourceProblem {
  const field = fieldName(issue.path);
  const example = exampleAt(schema, issue.path);
  const key = String(issue.path[issue.path.length - 1] ?? "");
  const hint =
    example !== undefined
      ? `write it like this: ${key}: ${String(example)}`
      : issue.code === "invalid_type"
        ? (TYPE_HINTS[issue.expected] ?? `write a ${issue.expected}`)
        : `correct the value of '${field}'`;
  return problem(yaml.file, issue.message, { line: yaml.lineOf(issue.path), field: field || undefined, hint });
}

const TYPE_HINTS: Record<string, string> = {
  string: "put the value in quotes so YAML reads it as text",
  number: "write a number, without quotes",
  array: "write a list: [a, b], or one '- item' a line below it",
  object: "write its fields on the lines below it, indented",
};

function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`))
    .join("")
    .replace(/^\./, "");
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The schema of the value at `path`, with the wrappers met on the way (they may carry metadata). */
function schemasAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType[] {
  const unwrap = (s: z.ZodType): z.ZodType[] =>
    s instanceof ZodOptional || s instanceof ZodDefault ? [s, ...unwrap(s.unwrap() as z.ZodType)] : [s];
  let chain = unwrap(schema);
  for (const key of path) {
    const inner = chain[chain.length - 1];
    const next =
      inner instanceof ZodObject
        ? (inner.shape as Record<string, z.ZodType | undefined>)[String(key)]
        : inner instanceof ZodArray
          ? (inner.element as z.ZodType)
          : undefined;
    if (!next) return [];
    chain = unwrap(next);
  }
  return chain;
}

function fieldsAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const inner = schemasAt(schema, path).at(-1);
  return inner instanceof ZodObject ? Object.keys(inner.shape) : [];
}

function exampleAt(schema: z.ZodType, path: readonly PropertyKey[]): unknown {
  for (const s of schemasAt(schema, path)) {
    const examples = s.meta()?.examples;
    if (Array.isArray(examples) && examples.length > 0) return examples[0];
  }
  return undefined;
}

/** The known field a typo most likely meant: two edits away at most (one for short names). */
function closest(key: string, known: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(key.toLowerCase(), name.toLowerCase());
    if (distance <= (key.length <= 3 ? 1 : 2) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + cost);
    }
    row = next;
  }
  return row[b.length] ?? 0;
}
