import path from "node:path";
import type { MarkdownIt, Token } from "markdown-it";
import { loadImage, type RasterImage } from "../../content/images.ts";
import { splitAttributes } from "../attributes.ts";
import { childLine, envOf, floatOf, type FloatEntry, type MarkdownEnv } from "../env.ts";
import { floatId, floatLabel } from "../float-labels.ts";

/** A width the source may ask for: a percentage of the text width, or a length. */
const WIDTH = /^\d+(\.\d+)?(%|cm|mm|in|pt|px)$/;

/**
 * Pandoc's implicit figures: an image alone in its paragraph is a figure, its alt text
 * the caption, numbered in order (图1, 图2… / Fig. 1…) and set below it. An attribute
 * block after the image labels it for cross-references and sets its width or an
 * English caption line: `![上合组织成员国](map.png){#fig:map width=80% en="SCO member states"}`.
 * The image is read from the article's folder now (see content/images.ts), so a refused
 * file is reported wherever the Markdown is rendered.
 */
export function figures(md: MarkdownIt): void {
  md.core.ruler.after("inline", "figures", (state) => {
    const env = envOf(state.env);
    const tokens = state.tokens;
    for (let i = 0; i + 2 < tokens.length; i++) {
      const [open, inline, close] = [tokens[i], tokens[i + 1], tokens[i + 2]];
      if (open?.type !== "paragraph_open" || inline?.type !== "inline" || close?.type !== "paragraph_close") continue;
      const parts = figureParts(inline.children ?? []);
      if (!parts) continue;
      const line = open.map?.[0];
      const entry = makeEntry(env, parts, line);
      const figureOpen = new state.Token("figure_open", "figure", 1);
      figureOpen.map = open.map;
      // An alignment anchor written after the figure starts a unit here, as after a paragraph.
      for (const [name, value] of open.attrs ?? []) figureOpen.attrSet(name, value);
      figureOpen.attrJoin("class", "figure");
      if (entry.label) figureOpen.attrSet("id", floatId(env.idPrefix, entry.label));
      figureOpen.attrSet("data-line", String((env.bodyLine ?? 1) + (line ?? 0)));
      figureOpen.meta = { entry };
      const image = new state.Token("figure_image", "", 0);
      image.meta = { entry };
      const captionOpen = new state.Token("figure_caption_open", "figcaption", 1);
      captionOpen.meta = { entry };
      const caption = new state.Token("inline", "", 0);
      caption.content = parts.image.content;
      caption.children = parts.image.children ?? [];
      caption.map = inline.map;
      const captionClose = new state.Token("figure_caption_close", "figcaption", -1);
      captionClose.meta = { entry };
      const figureClose = new state.Token("figure_close", "figure", -1);
      tokens.splice(i, 3, figureOpen, image, captionOpen, caption, captionClose, figureClose);
      i += 5;
    }
    // What is left is an image among text (or in a note), which a printed page has no place for.
    for (const [i, token] of tokens.entries()) {
      if (token.type !== "inline" || tokens[i - 1]?.type === "figure_caption_open") continue;
      for (const [index, child] of (token.children ?? []).entries()) {
        if (child.type !== "image") continue;
        env.problems.push({
          line: childLine(token, index),
          message: `the image '${String(child.attrGet("src") ?? "")}' stands among text`,
          hint: "a figure is an image alone in its paragraph: put a blank line before and after it",
        });
      }
    }
  });

  md.renderer.rules.figure_image = (tokens, idx) => graphicHtml(floatOf(tokens[idx]));
  md.renderer.rules.figure_caption_open = (tokens, idx, _options, rawEnv) => {
    const entry = floatOf(tokens[idx]);
    return `<figcaption><span class="float-label">${floatLabel("figure", entry.number, envOf(rawEnv).idPrefix)}</span>`;
  };
  md.renderer.rules.figure_caption_close = (tokens, idx, _options, rawEnv) => {
    const entry = floatOf(tokens[idx]);
    const en = envOf(rawEnv).idPrefix !== "en" && entry.captionEn ? englishLine(md, entry) : "";
    return `${en}</figcaption>\n`;
  };
}

export function englishLine(md: MarkdownIt, entry: FloatEntry): string {
  const label = floatLabel(entry.kind, entry.number, "en");
  return `<span class="caption-en" lang="en"><span class="float-label">${label}</span>${md.utils.escapeHtml(entry.captionEn ?? "")}</span>`;
}

/** The image alone in the paragraph, and the attribute block after it, if any. */
function figureParts(children: Token[]): { image: Token; attributes: string } | undefined {
  const significant = children.filter((c) => !(c.type === "softbreak" || (c.type === "text" && c.content.trim() === "")));
  const [image, ...rest] = significant;
  if (image?.type !== "image" || rest.some((c) => c.type !== "text")) return undefined;
  const attributes = rest.map((c) => c.content).join("");
  if (attributes.trim() !== "" && !splitAttributes(attributes)) return undefined;
  return { image, attributes };
}

function makeEntry(env: MarkdownEnv, parts: { image: Token; attributes: string }, line: number | undefined): FloatEntry {
  const number = env.floats.filter((f) => f.kind === "figure").length + 1;
  const entry: FloatEntry = { kind: "figure", number, line };
  env.floats.push(entry);
  const report = (message: string, hint: string) => env.problems.push({ line, message, hint });
  const attributes = splitAttributes(parts.attributes)?.attributes;
  if (attributes?.id !== undefined) {
    if (/^fig:./.test(attributes.id)) entry.label = attributes.id;
    else report(`the figure's label '#${attributes.id}' does not start with 'fig:'`, "label a figure {#fig:name} and cite it as @fig:name");
  }
  for (const [key, value] of Object.entries(attributes?.values ?? {})) {
    if (key === "width" && WIDTH.test(value)) entry.width = value;
    else if (key === "width")
      report(`the figure's width '${value}' is not a width`, "give a percentage of the text width (width=60%) or a length (width=8cm)");
    else if (key === "en") entry.captionEn = value;
    else report(`a figure takes no attribute '${key}'`, 'a figure takes {#fig:name width=60% en="English caption"}');
  }
  const src = String(parts.image.attrGet("src") ?? "");
  const loaded = loadImage(env.baseDir ?? path.resolve("."), src);
  if ("refusal" in loaded) report(loaded.refusal.message, loaded.refusal.hint);
  else entry.image = loaded.image;
  return entry;
}

/**
 * The picture: a raster embedded as it is (a data: URL, so the page needs no file and the
 * PDF gets the file's own pixels), a drawing set inline. Its size: the width the source
 * asks for, else its natural size (styles/figures.css), never wider than the text.
 */
function graphicHtml(entry: FloatEntry): string {
  const { image } = entry;
  if (!image) return "";
  const style = entry.width ? ` style="width: ${entry.width}"` : "";
  if (image.format === "svg") {
    const natural = image.hasSize ? ` style="--natural-width: ${image.width}px"` : "";
    return `<div class="figure-graphic figure-drawing"${style || natural}>${image.markup}</div>`;
  }
  const data = dataUrl(image);
  const pixels = entry.width ? style : ` style="--pixels: ${image.width}"`;
  // No alt text: the caption below says what it shows.
  return (
    `<div class="figure-graphic figure-raster"${pixels}>` +
    `<img src="${data}" width="${image.width}" height="${image.height}" alt="" data-pixels="${image.width}x${image.height}"></div>`
  );
}

/** A picture's data: URL, made once per decoded file (content/images.ts keeps those). */
const dataUrls = new WeakMap<RasterImage, string>();

function dataUrl(image: RasterImage): string {
  let url = dataUrls.get(image);
  if (!url) {
    url = `data:image/${image.format};base64,${image.bytes.toString("base64")}`;
    dataUrls.set(image, url);
  }
  return url;
}
