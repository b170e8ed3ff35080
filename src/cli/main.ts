import { MissingFontError } from "../compose/assets.ts";
import { formatProblem, SourceError } from "../content/errors.ts";
import { GhostscriptError, ProfileError } from "../output/press/errors.ts";
import { BrowserNotFoundError } from "../render/browser.ts";
import { BrowserEndedError, FontLoadError } from "../render/errors.ts";
import { PreflightFailed } from "../typeset/errors.ts";
import { VERSION } from "./version.ts";

const USAGE = `paiban ${VERSION}: typesets a Chinese journal's Markdown sources into print-ready PDFs

Usage:
  paiban build [path] [--out dir]   typeset the articles under path (default: content)
  paiban check [path]               check the sources without typesetting (--format json)
  paiban preview [path] [--port n]  show the pages in a browser, reloading on every change
  paiban export jats [path]         write JATS 1.3 XML of each article (--out dir)
  paiban --help | --version

Run 'paiban <command> --help' for a command's options.`;

/** Runs the CLI; returns the exit code (0 only on success). */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      // Each command is loaded when run: `check`, or a build with nothing to do, should not
      // wait for the typesetter (browser, PDF libraries) to load.
      case "build":
        return await (await import("./build-command.ts")).buildCommand(rest);
      case "check":
        return await (await import("./check-command.ts")).checkCommand(rest);
      case "preview":
        return await (await import("./preview-command.ts")).previewCommand(rest);
      case "export":
        return await (await import("./export-command.ts")).exportCommand(rest);
      case "--version":
      case "-v":
        process.stdout.write(`${VERSION}\n`);
        return 0;
      case undefined:
      case "--help":
      case "-h":
      case "help":
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        process.stderr.write(`paiban: unknown command '${command}'\n\n${USAGE}\n`);
        return 2;
    }
  } catch (error) {
    return reportFailure(error);
  }
}

function reportFailure(error: unknown): number {
  if (error instanceof SourceError) {
    const errors = error.problems.filter((p) => p.severity === "error").length;
    process.stderr.write(`${error.problems.map(formatProblem).join("\n")}\n`);
    process.stderr.write(`paiban: ${errors} error${errors === 1 ? "" : "s"} in the sources; nothing was written\n`);
    return 1;
  }
  // Failures with a message that says what to do: no stack.
  const explained = [
    BrowserNotFoundError,
    BrowserEndedError,
    PreflightFailed,
    ProfileError,
    GhostscriptError,
    MissingFontError,
    FontLoadError,
  ];
  if (error instanceof Error && explained.some((kind) => error instanceof kind)) {
    process.stderr.write(`paiban: ${error.message}\n`);
    return 1;
  }
  // Invalid options from parseArgs are the user's to fix, not a crash.
  if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
    process.stderr.write(`paiban: ${error.message}\nRun 'paiban --help' for usage.\n`);
    return 2;
  }
  process.stderr.write(`paiban: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
