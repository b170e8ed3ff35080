/**
 * Pandoc's attribute block, `{#fig:map .class width=50% en="The map"}`, as written after
 * an image or a table caption.
 */
export interface Attributes {
  id?: string;
  classes: string[];
  values: Record<string, string>;
}

/** A trailing attribute block and the text before it; undefined when the text does not end in one. */
export function splitAttributes(text: string): { before: string; attributes: Attributes } | undefined {
  const m = /\s*\{([^{}]*)\}\s*$/.exec(text);
  if (!m) return undefined;
  const attributes = parseAttributes(m[1] ?? "");
  return attributes ? { before: text.slice(0, m.index), attributes } : undefined;
}

const PART = /#([^\s}"']+)|\.([^\s}"'=]+)|([\w-]+)=(?:"([^"]*)"|'([^']*)'|([^\s"']+))|(\S+)/g;

/** The inside of `{…}`; undefined when something in it is not an id, class or key=value. */
export function parseAttributes(inside: string): Attributes | undefined {
  const attributes: Attributes = { classes: [], values: {} };
  for (const m of inside.matchAll(PART)) {
    if (m[7] !== undefined) return undefined;
    if (m[1] !== undefined) attributes.id = m[1];
    else if (m[2] !== undefined) attributes.classes.push(m[2]);
    else if (m[3] !== undefined) attributes.values[m[3]] = m[4] ?? m[5] ?? m[6] ?? "";
  }
  return attributes;
}
