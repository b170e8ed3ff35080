import path from "node:path";
import type { Token } from "markdown-it";
import type { MarkdownSource } from "../../content/load.ts";
import { floatOf, type FloatEntry } from "../../markdown/env.ts";
import { floatId, floatLabel } from "../../markdown/float-labels.ts";
import type { MarkdownOptions, RenderedBody } from "../../markdown/index.ts";

/**
 * A Markdown body as JATS sees it: paragraphs and sections from the headings, notes in
 * order. Each kind of node is told by its one key, which the template tests with {{#if}}.
 */
export type JatsInline =
  | { text: string }
  | { bold: JatsInline[] }
  | { italic: JatsInline[] }
  | { strike: JatsInline[] }
  | { monospace: string }
  | { link: { href: string; content: JatsInline[] } }
  | { graphic: { href: string; alt: string } }
  | { noteCall: { rid: string; label: string } }
  | { xref: { type: "fig" | "table"; rid: string; content: JatsInline[] } };

/** A figure or table's number and caption, in the part's language and optionally in English. */
interface JatsCaption {
  id: string;
  label: string;
  caption: JatsInline[];
  english?: { label: string; caption: string };
}

export type JatsBlock =
  | { paragraph: JatsInline[] }
  | { list: { type: "bullet" | "order"; items: JatsBlock[][] } }
  | { quote: JatsBlock[] }
  | { code: string }
  | { figure: JatsCaption & { href: string; mimeSubtype: string } }
  | { tableWrap: JatsCaption & { head: JatsInline[][][]; body: JatsInline[][][]; notes: JatsInline[][] } };

export interface JatsSection {
  id: string;
  title: JatsInline[];
  level: number;
  blocks: JatsBlock[];
  sections: JatsSection[];
}

export interface JatsNote {
  id: string;
  label: string;
  paragraphs: JatsInline[][];
}

export interface JatsBody {
  /** What comes before the first heading. */
  blocks: JatsBlock[];
  sections: JatsSection[];
  /** In the order of their calls, as the print numbers them. */
  notes: JatsNote[];
}

interface Branch {
  open: Token;
  children: Node[];
}
type Node = Branch | Token;

/**
 * A body as JATS: the tokens its HTML was rendered from (so the text is the printed text:
 * punctuation set full-width, anchors removed), turned into JATS nodes. `source` is the
 * file they came from (pictures are named from its folder).
 */
export function jatsBody(body: RenderedBody, source: MarkdownSource, lang: MarkdownOptions["lang"]): JatsBody {
  const { tokens, noteBodies } = body.parsed;
  const noteId = (id: number) => `${lang}-fn${id + 1}`;
  const convert = new Converter(noteId, lang, path.dirname(path.resolve(source.file)));
  const jats: JatsBody = { blocks: [], sections: [], notes: [] };
  // Open sections, outermost first: a heading closes those of its level and below.
  const open: JatsSection[] = [];
  for (const node of tree(tokens)) {
    if (isBranch(node) && node.open.type === "heading_open") {
      const level = Number(node.open.tag.slice(1));
      while ((open.at(-1)?.level ?? 0) >= level) open.pop();
      const section: JatsSection = {
        id: String(node.open.attrGet("id") ?? ""),
        title: convert.inlines(inlineOf(node)),
        level,
        blocks: [],
        sections: [],
      };
      (open.at(-1)?.sections ?? jats.sections).push(section);
      open.push(section);
    } else {
      (open.at(-1)?.blocks ?? jats.blocks).push(...convert.blocks(node));
    }
  }
  jats.notes = Array.from(noteBodies, (tokens, id) => ({
    id: noteId(id),
    label: String(id + 1),
    paragraphs: (tokens ?? []).filter((t) => t.type === "inline").map((t) => convert.inlines(t)),
  }));
  return jats;
}

class Converter {
  constructor(
    private readonly noteId: (id: number) => string,
    private readonly lang: string,
    /** The article's folder: a graphic's href is its file's path from there, as the Markdown gives it. */
    private readonly dir: string,
  ) {}

  /** A figure's or table's id (its label's, else its number's), label and captions. */
  private caption(entry: FloatEntry, inline: Token | undefined): JatsCaption {
    const kind = entry.kind === "figure" ? "fig" : "tbl";
    return {
      id: floatId(this.lang, entry.label ?? `${kind}${entry.number}`),
      label: floatLabel(entry.kind, entry.number, this.lang),
      caption: this.inlines(inline),
      english:
        this.lang !== "en" && entry.captionEn
          ? { label: floatLabel(entry.kind, entry.number, "en"), caption: clean(entry.captionEn) }
          : undefined,
    };
  }

  blocks(node: Node): JatsBlock[] {
    if (!isBranch(node)) {
      if (node.type === "fence" || node.type === "code_block") return [{ code: clean(node.content.replace(/\n$/, "")) }];
      // Raw HTML, printed as text (no-raw-html reports it).
      if (node.type === "text_block") return [{ paragraph: [{ text: clean(node.content) }] }];
      return [];
    }
    switch (node.open.type) {
      case "paragraph_open":
        return [{ paragraph: this.inlines(inlineOf(node)) }];
      case "bullet_list_open":
      case "ordered_list_open":
        return [
          {
            list: {
              type: node.open.type === "bullet_list_open" ? "bullet" : "order",
              items: node.children.map((item) => (isBranch(item) ? item.children.flatMap((c) => this.blocks(c)) : [])),
            },
          },
        ];
      case "blockquote_open":
        return [{ quote: node.children.flatMap((c) => this.blocks(c)) }];
      case "figure_open": {
        const entry = floatOf(node.open);
        const captionNode = node.children.find((c): c is Branch => isBranch(c) && c.open.type === "figure_caption_open");
        const href = entry.image ? path.relative(this.dir, entry.image.file).split(path.sep).join("/") : "";
        const mimeSubtype = entry.image?.format === "svg" ? "svg+xml" : (entry.image?.format ?? "");
        return [{ figure: { ...this.caption(entry, captionNode && inlineOf(captionNode)), href, mimeSubtype } }];
      }
      case "table_wrap_open": {
        const entry = floatOf(node.open);
        const table = node.children.find((c): c is Branch => isBranch(c) && c.open.type === "table_open");
        const captionNode = table?.children.find((c): c is Branch => isBranch(c) && c.open.type === "table_caption_open");
        const notes = node.children.find((c): c is Branch => isBranch(c) && c.open.type === "table_notes_open");
        return [
          {
            tableWrap: {
              ...this.caption(entry, captionNode && inlineOf(captionNode)),
              head: table ? this.rows(table, "thead_open") : [],
              body: table ? this.rows(table, "tbody_open") : [],
              notes: (notes?.children ?? []).filter(isBranch).map((p) => this.inlines(inlineOf(p))),
            },
          },
        ];
      }
      default:
        return node.children.flatMap((c) => this.blocks(c));
    }
  }

  /** The cells of a table section's rows. */
  private rows(table: Branch, part: string): JatsInline[][][] {
    const section = table.children.find((c): c is Branch => isBranch(c) && c.open.type === part);
    return (section?.children ?? [])
      .filter(isBranch)
      .map((row) => row.children.filter(isBranch).map((cell) => this.inlines(inlineOf(cell))));
  }

  inlines(inline: Token | undefined): JatsInline[] {
    return this.runs(tree(inline?.children ?? []));
  }

  private runs(nodes: Node[]): JatsInline[] {
    const runs: JatsInline[] = [];
    for (const node of nodes) {
      for (const run of this.run(node)) {
        if ("text" in run && run.text === "") continue;
        const last = runs.at(-1);
        // One text node for adjacent text, as a reader of the XML expects.
        if ("text" in run && last && "text" in last) last.text += run.text;
        else runs.push(run);
      }
    }
    return runs;
  }

  private run(node: Node): JatsInline[] {
    return [this.runOf(node) ?? []].flat();
  }

  /** The JATS node of a token; for markup JATS has no element for, its content. */
  private runOf(node: Node): JatsInline | JatsInline[] | undefined {
    if (isBranch(node)) {
      const content = this.runs(node.children);
      switch (node.open.type) {
        case "strong_open":
          return { bold: content };
        case "em_open":
          return { italic: content };
        case "s_open":
          return { strike: content };
        case "link_open":
          return { link: { href: String(node.open.attrGet("href") ?? ""), content } };
        case "crossref_open": {
          const entry = floatOf(node.open);
          const kind = entry.kind === "figure" ? "fig" : "tbl";
          return {
            xref: {
              type: entry.kind === "figure" ? "fig" : "table",
              rid: floatId(this.lang, entry.label ?? `${kind}${entry.number}`),
              content,
            },
          };
        }
        default:
          return content;
      }
    }
    switch (node.type) {
      case "text":
      case "text_special":
      case "html_inline":
        return { text: clean(node.content) };
      case "softbreak":
      case "hardbreak":
        return { text: "\n" };
      case "code_inline":
        return { monospace: clean(node.content) };
      case "image":
        return { graphic: { href: String(node.attrGet("src") ?? ""), alt: clean(node.content) } };
      case "footnote_ref": {
        const { id } = node.meta as { id: number };
        return { noteCall: { rid: this.noteId(id), label: String(id + 1) } };
      }
      default:
        return node.content ? { text: clean(node.content) } : undefined;
    }
  }
}

/** Nests a flat token list by its open/close pairs. */
function tree(tokens: Token[]): Node[] {
  const root: Node[] = [];
  const stack: Branch[] = [];
  for (const token of tokens) {
    const into = stack.at(-1)?.children ?? root;
    if (token.nesting === 1) {
      const branch: Branch = { open: token, children: [] };
      into.push(branch);
      stack.push(branch);
    } else if (token.nesting === -1) {
      stack.pop();
    } else {
      into.push(token);
    }
  }
  return root;
}

function isBranch(node: Node): node is Branch {
  return "open" in node;
}

function inlineOf(branch: Branch): Token | undefined {
  return branch.children.find((c): c is Token => !isBranch(c) && c.type === "inline");
}

/**
 * Text as XML may hold it: no soft hyphens (the print's hyphenation points, not the
 * text's) and none of the control characters XML 1.0 forbids.
 */
export function clean(text: string): string {
  return text.replace(/[\u00AD\u2060\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");
}
