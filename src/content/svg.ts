import { createRequire } from "node:module";

// fast-xml-parser (40 ms to load) is loaded when a drawing is first read, not by every build.
const require = createRequire(import.meta.url);
const xml = () => require("fast-xml-parser") as typeof import("fast-xml-parser");

/**
 * An SVG drawing made safe to set inside the page. It is set inline, not as an <img>:
 * a drawing in an <img> cannot use the page's fonts, so its text would come out in a
 * system font (or as boxes on a machine without CJK fonts). Inline, it could run
 * scripts, load files, restyle the page and clash with another drawing's ids: scripts,
 * foreign content and event handlers are dropped, a reference to another file is
 * refused, its style sheet is scoped to the drawing and its ids are made unique.
 */
export interface SafeSvg {
  /** Natural size in CSS px. */
  width: number;
  height: number;
  /** Its size was given (width or height); else only its proportions are known (a viewBox), and it fills the text width. */
  hasSize: boolean;
  markup: string;
}

type XmlNode = Record<string, unknown> & { ":@"?: Record<string, string> };

const DROPPED = new Set(["script", "foreignObject", "iframe", "object", "embed", "audio", "video", "metadata", "title"]);
const UNITS: Record<string, number> = { px: 1, pt: 4 / 3, pc: 16, mm: 96 / 25.4, cm: 96 / 2.54, in: 96, "": 1 };
const INTERNAL = /^#/;
const EMBEDDED_RASTER = /^data:image\/(png|jpeg);base64,/i;

export function readSvg(text: string, prefix: string): SafeSvg {
  const { XMLBuilder, XMLParser, XMLValidator } = xml();
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`it is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  const options = {
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    suppressEmptyNode: true,
  };
  const nodes = new XMLParser(options).parse(text) as XmlNode[];
  const root = nodes.find((n) => tagOf(n) === "svg");
  if (!root) throw new Error("its root element is not <svg>");
  const attributes = root[":@"] ?? {};
  const size = naturalSize(attributes);
  const ids = new Set<string>();
  collectIds(root, ids);
  const rename = (value: string) =>
    value.replace(/url\(\s*(['"]?)#([^)'"\s]+)\1\s*\)/g, (whole, quote: string, id: string) =>
      ids.has(id) ? `url(${quote}#${prefix}-${id}${quote})` : whole,
    );
  sanitise(root, { ids, prefix, rename });
  const { width: _w, height: _h, x: _x, y: _y, ...kept } = attributes;
  root[":@"] = {
    ...kept,
    xmlns: "http://www.w3.org/2000/svg",
    viewBox: attributes.viewBox ?? `0 0 ${size.width} ${size.height}`,
    "data-svg": prefix,
    role: "img",
  };
  const markup = new XMLBuilder({ ...options, format: false, suppressEmptyNode: true }).build([root]) as string;
  return { ...size, markup };
}

function tagOf(node: XmlNode): string | undefined {
  return Object.keys(node).find((k) => k !== ":@");
}

function childrenOf(node: XmlNode): XmlNode[] {
  const tag = tagOf(node);
  const value = tag === undefined ? undefined : node[tag];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function collectIds(node: XmlNode, ids: Set<string>): void {
  const id = node[":@"]?.id;
  if (id) ids.add(id);
  for (const child of childrenOf(node)) collectIds(child, ids);
}

function sanitise(node: XmlNode, context: { ids: Set<string>; prefix: string; rename: (value: string) => string }): void {
  const tag = tagOf(node);
  if (tag === undefined) return;
  const attributes = node[":@"];
  if (attributes) {
    for (const [name, value] of Object.entries(attributes)) {
      const local = name.replace(/^xlink:/, "");
      if (/^on/i.test(name) || (name.includes(":") && !name.startsWith("xlink:") && !name.startsWith("xml:"))) {
        delete attributes[name];
      } else if (name === "id") {
        attributes[name] = `${context.prefix}-${value}`;
      } else if (local === "href") {
        if (INTERNAL.test(value)) {
          const id = value.slice(1);
          attributes[name] = context.ids.has(id) ? `#${context.prefix}-${id}` : value;
        } else if (!EMBEDDED_RASTER.test(value)) {
          throw new Error(
            `it loads another file ('${value.slice(0, 60)}'): embed the picture in the drawing, or make it a figure of its own`,
          );
        }
      } else {
        refuseExternal(value);
        attributes[name] = context.rename(value);
      }
    }
  }
  const children = childrenOf(node);
  for (let i = children.length - 1; i >= 0; i--) {
    const child = children[i] as XmlNode;
    const childTag = tagOf(child);
    if (childTag === undefined) continue;
    if (DROPPED.has(childTag) || (childTag.includes(":") && childTag !== "#text")) {
      children.splice(i, 1);
    } else if (childTag === "style") {
      scopeStyle(child, context);
    } else {
      sanitise(child, context);
    }
  }
}

/** Its rules apply inside the drawing only; Paged.js leaves the element alone (it would move it to the page's head). */
function scopeStyle(node: XmlNode, context: { ids: Set<string>; prefix: string; rename: (value: string) => string }): void {
  const css = childrenOf(node)
    .map((c) => String(c["#text"] ?? (c["#cdata"] as XmlNode[] | undefined)?.map((t) => t["#text"]).join("") ?? ""))
    .join("");
  refuseExternal(css);
  if (/@import/i.test(css)) throw new Error("its style sheet imports another file (@import)");
  let scoped = context.rename(css);
  for (const id of context.ids) scoped = scoped.replace(new RegExp(`#${escapeRegExp(id)}(?![\\w-])`, "g"), `#${context.prefix}-${id}`);
  node.style = [{ "#text": `@scope ([data-svg=${context.prefix}]) { ${scoped} }` }];
  node[":@"] = { "data-pagedjs-ignore": "" };
}

function refuseExternal(value: string): void {
  const url = /url\(\s*['"]?([^)'"\s]+)/i.exec(value)?.[1];
  if (url !== undefined && !INTERNAL.test(url) && !EMBEDDED_RASTER.test(url)) {
    throw new Error(`it loads another file ('${url.slice(0, 60)}'): embed it in the drawing`);
  }
}

/** Width and height in CSS px: from its width and height when both are lengths, else its viewBox. */
function naturalSize(attributes: Record<string, string>): { width: number; height: number; hasSize: boolean } {
  const length = (value: string | undefined) => {
    const m = /^\s*([\d.]+)\s*(px|pt|pc|mm|cm|in|)\s*$/.exec(value ?? "");
    return m ? Number(m[1]) * (UNITS[m[2] ?? ""] ?? 1) : undefined;
  };
  const width = length(attributes.width);
  const height = length(attributes.height);
  const box = (attributes.viewBox ?? "")
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  const [, , boxWidth, boxHeight] = box;
  if (width && height) return { width, height, hasSize: true };
  if (box.length === 4 && boxWidth && boxHeight && boxWidth > 0 && boxHeight > 0) {
    // One of width/height given: the other from the viewBox's proportions.
    if (width) return { width, height: (width * boxHeight) / boxWidth, hasSize: true };
    if (height) return { width: (height * boxWidth) / boxHeight, height, hasSize: true };
    return { width: boxWidth, height: boxHeight, hasSize: false };
  }
  throw new Error("it has no size: give the <svg> a viewBox (or a width and a height)");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
