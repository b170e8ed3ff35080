import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, SAMPLE } from "../support/build.ts";

// paiban as a journal uses it: packed, installed as a dependency of a project that holds only
// its sources (content/), run with npx. npm puts the packages where it likes (the fonts are
// hoisted next to paiban, not under it); the PDFs must be those this repository makes, byte
// for byte. One install for the whole file: it takes a while.

const run = promisify(execFile);
const EPOCH = "1617580800";
const MINUTES = 60_000;

let work: string;
/** The journal's project: content/ and, once installed, node_modules/. */
let journal: string;
let installed: string;
/** The PDFs of the build in this repository and of the installed paiban, by path under the output folder. */
let fromRepository: Map<string, Buffer>;
let fromInstalled: Map<string, Buffer>;

/** The environment of a command run as a user would run it: no npm settings inherited from the test runner. */
function userEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && name !== "INIT_CWD"));
  return { ...env, SOURCE_DATE_EPOCH: EPOCH, ...extra };
}

async function pdfsIn(dir: string): Promise<Map<string, Buffer>> {
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith(".pdf")).sort();
  return new Map(await Promise.all(files.map(async (f) => [f, await readFile(path.join(dir, f))] as const)));
}

/**
 * The journal's package.json before paiban is installed, with paiban's dependencies pinned to the
 * versions this repository's lock holds: the comparison is of paiban, not of a release of a
 * dependency published since (a journal's own lock pins them the same way).
 */
async function pinnedProject(): Promise<Record<string, unknown>> {
  const own = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  const lock = JSON.parse(await readFile(path.join(ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, { version?: string }>;
  };
  const overrides = Object.fromEntries(
    Object.keys(own.dependencies).map((name) => {
      const version = lock.packages[`node_modules/${name}`]?.version;
      if (!version) throw new Error(`package-lock.json has no version of ${name}: run npm install`);
      return [name, version];
    }),
  );
  return { name: "journal", private: true, overrides };
}

/** `npx paiban …` in the journal's project; resolves with its exit code and what it wrote. */
async function paiban(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run("npx", ["--no", "--", "paiban", ...args], { cwd: journal, env: userEnvironment(), maxBuffer: 1 << 26 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof error.code === "number" ? error.code : -1,
      stdout: error.stdout ?? "",
      stderr: error.stderr ?? "",
    }),
  );
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "paiban-installed-"));
  journal = path.join(work, "journal");
  installed = path.join(journal, "node_modules", "paiban");
  await cp(SAMPLE, path.join(journal, "content"), { recursive: true });
  // npm runs `prepare` (npm run compile) before packing.
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", work], {
    cwd: ROOT,
    env: userEnvironment(),
    maxBuffer: 1 << 26,
  });
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  if (!packed) throw new Error("npm pack made nothing");
  await writeFile(path.join(journal, "package.json"), `${JSON.stringify(await pinnedProject(), null, 2)}\n`);
  // As the README tells a journal: Chromium comes from the system, puppeteer downloads none.
  // Packages `npm ci` put in npm's cache are taken from there: no registry needed for them.
  const install = run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", path.join(work, packed.filename)], {
    cwd: journal,
    env: userEnvironment({ PUPPETEER_SKIP_DOWNLOAD: "true" }),
    maxBuffer: 1 << 26,
  });
  const build = run(process.execPath, ["bin/paiban.js", "build", "content", "--out", path.join(work, "repository"), "--no-cache"], {
    cwd: ROOT,
    env: userEnvironment(),
    maxBuffer: 1 << 26,
  });
  await install;
  const installedBuild = await paiban("build", "content", "--out", "out", "--no-cache");
  if (installedBuild.code !== 0) throw new Error(`the installed paiban failed to build:\n${installedBuild.stderr}`);
  await build;
  fromRepository = await pdfsIn(path.join(work, "repository"));
  fromInstalled = await pdfsIn(path.join(journal, "out"));
}, 40 * MINUTES);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe("paiban installed as a journal's dependency", () => {
  it("is JavaScript compiled ahead: no TypeScript, tests, content or tools to transpile with", async () => {
    const files = await readdir(installed, { recursive: true });
    expect(files).toContain(path.join("lib", "cli", "main.js"));
    expect(files).toContain(path.join("lib", "in-page", "page.js"));
    expect(files.filter((f) => f.endsWith(".ts"))).toEqual([]);
    for (const absent of ["src", "test", "content", "scripts"]) expect(files, absent).not.toContain(absent);
    // Neither a TypeScript runner nor a bundler is installed: nothing could be transpiled at run time.
    for (const tool of ["tsx", "esbuild", "typescript", "vitest"]) {
      expect(existsSync(path.join(journal, "node_modules", tool)), tool).toBe(false);
    }
  });

  it("finds its fonts where npm put them: beside paiban, not under it", () => {
    expect(existsSync(path.join(journal, "node_modules", "@fontsource", "noto-serif-sc", "package.json"))).toBe(true);
    expect(existsSync(path.join(installed, "node_modules", "@fontsource"))).toBe(false);
  });

  it("typesets the sources byte for byte as this repository does", () => {
    expect([...fromInstalled.keys()]).toEqual([...fromRepository.keys()]);
    expect(fromInstalled.size).toBeGreaterThanOrEqual(4);
    for (const [file, bytes] of fromRepository) {
      expect(fromInstalled.get(file)?.equals(bytes), file).toBe(true);
    }
  });

  describe("with a font file of its packages missing or damaged", () => {
    const PUNCTUATION = "~@fontsource/noto-serif-sc/files/noto-serif-sc-chinese-simplified-400-normal.woff2";
    /** The file the page loads for the full-width marks in 400: the cut of that package file packed with paiban (lib/fonts/cuts). */
    const punctuation = async () => {
      const cuts = path.join(installed, "lib", "fonts", "cuts");
      const record = JSON.parse(await readFile(path.join(cuts, "cuts.json"), "utf8")) as { cuts: Record<string, { file: string }> };
      const [, cut] = Object.entries(record.cuts).find(([key]) => key.startsWith(`${PUNCTUATION} `)) ?? [];
      if (!cut) throw new Error(`no cut of ${PUNCTUATION} in ${cuts}`);
      return path.join(cuts, cut.file);
    };
    const pdfsNow = async () => new Map([...(await pdfsIn(path.join(journal, "out")))].map(([f, b]) => [f, b.toString("base64")]));

    it("stops before laying anything out, naming the stylesheet and the file, and writes nothing", async () => {
      const previous = await pdfsNow();
      const file = await punctuation();
      await rename(file, `${file}.away`);
      try {
        const result = await paiban("build", "content", "--out", "out", "--no-cache");
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(
          `paiban: the font stylesheet ${path.join(installed, "styles", "punctuation-font.css")} names ${PUNCTUATION}, but there is no ${file}`,
        );
        expect(result.stderr).toContain("nothing was written");
        expect(result.stderr).not.toMatch(/laying out/);
      } finally {
        await rename(`${file}.away`, file);
      }
      expect(await pdfsNow()).toEqual(previous);
    });

    it("stops when a face does not load in the page, naming it, and leaves the last build's PDFs as they were", async () => {
      const previous = await pdfsNow();
      const file = await punctuation();
      const original = await readFile(file);
      await writeFile(file, "not a font");
      try {
        const result = await paiban("build", "content", "--out", "out", "--no-cache");
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(
          /paiban: fonts did not load in [^\n]+, so nothing was written:\n {2}"Noto Serif SC" 400 normal \(U\+2018/,
        );
        expect(result.stderr).toContain(path.basename(file));
      } finally {
        await writeFile(file, original);
      }
      expect(await pdfsNow()).toEqual(previous);
    });
  });
});
