import { readFile } from "node:fs/promises";
import path from "node:path";
import Handlebars from "handlebars";
import { TEMPLATES_DIR } from "../../config/paths.ts";
import type { JatsView } from "./view.ts";

/** templates/jats.hbs, compiled. Handlebars escapes text as XML needs (&, <, >, quotes as character references). */
export async function loadJatsTemplate(dir = TEMPLATES_DIR): Promise<(view: JatsView) => string> {
  const template = Handlebars.create().compile<JatsView>(await readFile(path.join(dir, "jats.hbs"), "utf8"), { strict: false });
  // The XML declaration must open the file; the template's partial definitions come before it.
  return (view) => template(view).trimStart();
}
