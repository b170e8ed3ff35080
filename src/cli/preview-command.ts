import { parseArgs } from "node:util";
import { startPreview } from "../preview/server.ts";

const HELP = `Usage: paiban preview [path] [options]

Shows the articles under path paginated in a browser, as they will print: the
content folder (journal.yaml; every issue), an issue folder (issue.yaml) or an
article folder (zh.md). Default path: content.

It serves http://127.0.0.1:<port>/ (this machine only): open it in Chrome or
Chromium 123 or newer. Each article is composed with the build's templates,
styles and fonts and laid out by Paged.js in the window. When a source, a
template or a style is saved, the pages are composed again and the open pages
reload, keeping their place; a fault in the sources shows as an error page
(file:line: message) until it is put right.

Folios start on the page the declared 文章编号 gives (else the issue's first
page), and the 文章编号 shown is the declared one: 'paiban build' computes both
from the real pages.

Options:
  --port <n>    the port to listen on (default: 4321; 0: any free port)
  -h, --help    show this help

Stop it with Ctrl-C.`;

export async function previewCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: "string", default: "4321" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) {
    process.stderr.write(`paiban preview: --port must be a number from 0 to 65535, not '${values.port}'\n`);
    return 2;
  }
  if (positionals.length > 1) {
    process.stderr.write(`paiban preview: one path at most, got ${positionals.length}\n\n${HELP}\n`);
    return 2;
  }
  const report = (line: string) => process.stderr.write(`paiban: ${line}\n`);
  let preview: Awaited<ReturnType<typeof startPreview>>;
  try {
    preview = await startPreview({ target: positionals[0] ?? "content", port, report });
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "EADDRINUSE") {
      process.stderr.write(`paiban preview: port ${port} is in use; choose another with --port\n`);
      return 1;
    }
    throw error;
  }
  report(`previewing at ${preview.url} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await preview.close();
  return 0;
}
