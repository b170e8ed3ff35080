import { XMLParser, XMLValidator } from "fast-xml-parser";
import { expect } from "vitest";

/**
 * An XML element as fast-xml-parser gives it: attributes as "@name", text as "#text", each
 * child element in a list; an element with only text is that text.
 */
export type XmlElement = string | { [name: string]: (XmlElement[] | string) | undefined };

/** Parses XML that must be well-formed (the test fails with the parser's message if not). */
export function parseXml(xml: string): XmlElement {
  const valid = XMLValidator.validate(xml);
  expect(valid, JSON.stringify(valid)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    // Character references (&#x27;) as well as the five named entities.
    htmlEntities: true,
    isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
  });
  return parser.parse(xml) as XmlElement;
}

/** The elements at a path of child names, e.g. "article/front/article-meta/fpage". */
export function all(root: XmlElement, path: string): XmlElement[] {
  let found = [root];
  for (const name of path.split("/")) {
    found = found.flatMap((element) => {
      const children = typeof element === "string" ? undefined : element[name];
      return Array.isArray(children) ? children : [];
    });
  }
  return found;
}

/** The one element at a path (fails if there is none or several). */
export function one(root: XmlElement, path: string): XmlElement {
  const found = all(root, path);
  expect(found, path).toHaveLength(1);
  return found[0] as XmlElement;
}

/** An element's text, its children's included, in document order as far as the parser keeps it. */
export function text(element: XmlElement): string {
  if (typeof element === "string") return element;
  let result = typeof element["#text"] === "string" ? element["#text"] : "";
  for (const [name, value] of Object.entries(element)) {
    if (name.startsWith("@") || name === "#text" || !Array.isArray(value)) continue;
    result += value.map(text).join("");
  }
  return result;
}

/** An attribute's value ("" when the element has none). */
export function attribute(element: XmlElement, name: string): string {
  const value = typeof element === "string" ? undefined : element[`@${name}`];
  return typeof value === "string" ? value : "";
}

/**
 * The contents of each element `name` in `xml`, in document order, as XML (elements of that
 * name must not nest). The parser above keeps an element's text apart from its children, so
 * mixed content (text around a link) is read from here.
 */
export function elementsIn(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, "g"))].map((m) => m[1] ?? "");
}

/** XML's text in document order: the markup out, the character references decoded. */
export function textOfXml(xml: string): string {
  const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
  return xml
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, ref: string) =>
      ref.startsWith("#x")
        ? String.fromCodePoint(parseInt(ref.slice(2), 16))
        : ref.startsWith("#")
          ? String.fromCodePoint(Number(ref.slice(1)))
          : (named[ref] ?? whole),
    );
}
