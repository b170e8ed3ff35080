import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { SourceError, type SourceProblem } from "../../src/content/errors.ts";
import { SAMPLE } from "./build.ts";

/** The sample article's folder, relative to a content folder. */
export const ARTICLE = path.join("2021-03", "xu-tao-sco-security");
export const ZH = path.join(ARTICLE, "zh.md");
export const EN = path.join(ARTICLE, "en.md");
export const ISSUE = path.join("2021-03", "issue.yaml");
export const JOURNAL = "journal.yaml";

/** Throwaway copies of the sample content; `removeCopies` deletes them. */
const copies: string[] = [];

export async function copySample(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "paiban-content-"));
  copies.push(dir);
  await cp(SAMPLE, dir, { recursive: true });
  return dir;
}

export async function removeCopies(): Promise<void> {
  await Promise.all(copies.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Replaces `from` by `to` in a file of `dir`; fails if `from` is not there (the test would prove nothing). */
export async function edit(dir: string, file: string, from: string, to: string): Promise<void> {
  const full = path.join(dir, file);
  const text = await readFile(full, "utf8");
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  await writeFile(full, text.replace(from, to));
}

/** 1-based line of the first line of `file` that starts with `prefix` (indentation ignored). */
export async function lineStarting(file: string, prefix: string): Promise<number> {
  const lines = (await readFile(file, "utf8")).split(/\r?\n/);
  const index = lines.findIndex((line) => line.trimStart().startsWith(prefix));
  if (index < 0) throw new Error(`${file} has no line starting with ${JSON.stringify(prefix)}`);
  return index + 1;
}

/** The SourceError `promise` rejects with (fails the test if it resolves or throws anything else). */
export async function sourceError(promise: Promise<unknown>): Promise<SourceError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

/** The one problem about `field` (fails if there is none or several). */
export function problemAbout(error: SourceError, field: string): SourceProblem {
  const found = error.problems.filter((p) => p.field === field);
  expect(found, `problems about ${field}: ${error.message}`).toHaveLength(1);
  return found[0] as SourceProblem;
}
