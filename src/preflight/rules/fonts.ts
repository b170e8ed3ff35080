import type { PreflightFinding } from "../finding.ts";
import type { PdfTextPage } from "../pdf.ts";
import { head } from "../text.ts";
import { PACKAGED_FONT_NAMES } from "../../fonts/library.ts";
import type { PageRule } from "../rule.ts";

/** Our packaged fonts, by PostScript name: Noto Serif SC for Chinese, Noto Serif for Latin text, Source Han Serif CN for the ideographs the first lacks. */
export const DEFAULT_FONTS: RegExp[] = PACKAGED_FONT_NAMES;

/** Characters a text layer shows for a glyph it could not read: the replacement character, or NUL for .notdef. */
const UNREADABLE = /[\ufffd\u0000]/gu;

export const fontsRule: PageRule = {
  reports: ["font-type3", "font-unembedded", "missing-glyph"],
  check: ({ pdfPages, fonts }) => checkFonts(pdfPages, fonts),
};

/**
 * Every font embedded and none a Type 3 (Chromium writes synthesised bold as Type 3);
 * every glyph found: no .notdef or replacement character, and every font one of ours
 * (any other means the browser fell back to a system font for a character ours lack).
 * One finding per page and font name (a font is often split into several subsets).
 */
export function checkFonts(pages: PdfTextPage[], allowed: RegExp[]): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  for (const page of pages) {
    const textIn = (keys: string[]) =>
      head(
        page.items
          .filter((i) => keys.includes(i.font))
          .map((i) => i.text)
          .join("")
          .replace(UNREADABLE, "□"),
        20,
      );
    const byName = new Map<string, { keys: string[]; type3: boolean; embedded: boolean }>();
    for (const [key, font] of page.fonts) {
      const name = font.name.replace(/^[A-Z]{6}\+/, "");
      const group = byName.get(`${name}/${font.type3}`) ?? { keys: [], type3: font.type3, embedded: true };
      group.keys.push(key);
      group.embedded &&= font.embedded;
      byName.set(`${name}/${font.type3}`, group);
    }
    for (const [id, group] of byName) {
      const label = id.replace(/\/(true|false)$/, "");
      const text = textIn(group.keys);
      const ours = allowed.some((pattern) => pattern.test(label));
      if (group.type3 && (ours || label === "")) {
        findings.push({
          rule: "font-type3",
          page: page.number,
          text,
          message: `a Type 3 font (${label || "unnamed"}): the browser synthesised a face the page asked for`,
        });
      } else if (!ours) {
        // Chromium names the font it fell back to, also when it writes it as a Type 3 (a CFF font).
        findings.push({
          rule: "missing-glyph",
          page: page.number,
          text,
          message: `set in ${label || "a font with no name"}, not one of our fonts: the browser fell back to this machine's font for glyphs ours lack${group.type3 ? " (and wrote it as a Type 3 font)" : ""}`,
        });
      }
      if (!group.embedded) {
        findings.push({ rule: "font-unembedded", page: page.number, text, message: `the font ${label} is not embedded` });
      }
    }

    // Glyphs: the text layer's replacement characters, and .notdef glyphs, one finding a line.
    const lines = new Set<number>();
    const fontsReported = new Set<string>();
    for (const item of page.items) {
      if (!/[\ufffd\u0000]/u.test(item.text)) continue;
      const notdef = page.notdef.some((g) => g.font === item.font);
      // NUL without a .notdef glyph behind it is a glyph with no text (the text comparison sees to that).
      if (!item.text.includes("\ufffd") && !notdef) continue;
      fontsReported.add(item.font);
      if (lines.has(Math.round(item.top))) continue;
      lines.add(Math.round(item.top));
      const around = page.items.filter((i) => Math.abs(i.top - item.top) < 1 && Math.abs(i.x - item.x) < 20 * Math.max(item.size, 1));
      findings.push({
        rule: "missing-glyph",
        page: page.number,
        text: head(
          around
            .map((i) => i.text)
            .join("")
            .replace(UNREADABLE, "□"),
          30,
        ),
        message: notdef ? "a character printed as .notdef (a blank box): no font had a glyph for it" : "a character printed as U+FFFD",
      });
    }
    for (const glyph of page.notdef) {
      if (fontsReported.has(glyph.font)) continue;
      fontsReported.add(glyph.font);
      findings.push({
        rule: "missing-glyph",
        page: page.number,
        text: head(glyph.text, 30),
        message: "a character printed as .notdef (a blank box): no font had a glyph for it",
      });
    }
  }
  return findings;
}
