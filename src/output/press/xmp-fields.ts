import { createRequire } from "node:module";

// fast-xml-parser (40 ms to load) is loaded when a packet is first read: only builds for the press or the archive read one.
const require = createRequire(import.meta.url);
const xml = () => require("fast-xml-parser") as typeof import("fast-xml-parser");

/** An XMP property's value: text, or the items of an rdf:Alt, rdf:Seq or rdf:Bag (with their xml:lang). */
export type XmpValue = string | { items: { lang?: string; value: string; resource?: XmpProperties }[]; kind: "Alt" | "Seq" | "Bag" };

/** Properties by qualified name (prefix:name), with each prefix's namespace. */
export interface XmpProperties {
  values: Map<string, XmpValue>;
  namespaces: Map<string, string>;
}

type Node = Record<string, unknown>;

/**
 * Reads an XMP packet's top-level properties, from every rdf:Description in it (a packet
 * may describe the document in several). Nested resources (rdf:parseType="Resource",
 * as in the PDF/A extension schemas) are read as properties of their own.
 */
export function readXmpProperties(packet: string): XmpProperties {
  const { XMLParser } = xml();
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    htmlEntities: true,
    isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
  });
  const root = parser.parse(packet) as Node;
  const result: XmpProperties = { values: new Map(), namespaces: new Map() };
  const descriptions = path(root, ["x:xmpmeta", "rdf:RDF", "rdf:Description"]);
  for (const description of descriptions) readResource(description, result);
  return result;
}

function path(node: Node, names: string[]): Node[] {
  let nodes = [node];
  for (const name of names) nodes = nodes.flatMap((n) => (Array.isArray(n[name]) ? (n[name] as Node[]) : []));
  return nodes;
}

function readResource(node: Node, into: XmpProperties): void {
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("@xmlns:")) into.namespaces.set(key.slice("@xmlns:".length), String(value));
    else if (key.startsWith("@") || key === "#text") continue;
    else if (Array.isArray(value)) {
      // Simple properties may also be written as attributes of the description; ours are elements.
      for (const element of value as (Node | string)[]) into.values.set(key, propertyValue(element, into));
    }
  }
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("@") && !key.startsWith("@xmlns:") && key.includes(":") && key !== "@rdf:about" && key !== "@rdf:parseType") {
      into.values.set(key.slice(1), String(value));
    }
  }
}

function propertyValue(element: Node | string, scope: XmpProperties): XmpValue {
  if (typeof element === "string") return element;
  for (const kind of ["Alt", "Seq", "Bag"] as const) {
    const container = (element[`rdf:${kind}`] as Node[] | undefined)?.[0];
    if (!container) continue;
    const items = ((container["rdf:li"] as (Node | string)[] | undefined) ?? []).map((li) => {
      if (typeof li === "string") return { value: li };
      if (li["@rdf:parseType"] === "Resource") {
        const resource: XmpProperties = { values: new Map(), namespaces: scope.namespaces };
        readResource(li, resource);
        return { value: "", resource };
      }
      return { value: String(li["#text"] ?? ""), lang: li["@xml:lang"] as string | undefined };
    });
    return { kind, items };
  }
  return String(element["#text"] ?? "");
}

/** A text value, or the x-default (else the first) item of an Alt, or the items of a list joined. */
export function xmpText(value: XmpValue | undefined, join = "; "): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return value;
  if (value.kind === "Alt") return (value.items.find((i) => i.lang === "x-default") ?? value.items[0])?.value;
  return value.items.map((i) => i.value).join(join);
}
