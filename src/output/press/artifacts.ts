import { type PDFArray, PDFDict, type PDFDocument, PDFName, PDFNull, PDFNumber, type PDFObject, type PDFPage, PDFRef } from "pdf-lib";
import { asArray, asDict } from "../pdf-objects.ts";
import type { Area } from "../../render/layout.ts";
import { applyEdits, type Edit, type Operation, parseContent } from "./content-stream.ts";
import { innermostMcid } from "./interpret.ts";
import { compressedStream, pageContent } from "./streams.ts";
import { StructureTree } from "./structure.ts";
import { findUntagged, type UntaggedUnit } from "./untagged.ts";

export interface TaggingReport {
  /** Units marked as artifacts: running heads, folios, rules, backgrounds. */
  artifacts: number;
  /** Generated text put into the structure element whose text it follows. */
  retagged: number;
}

/** How far (points) a glyph's origin may lie outside the text area and still count as in it. */
const SLACK = 2;

/**
 * Leaves no content outside both the structure tree and the artifacts:
 * - text outside the page's text area (running heads, folios) becomes a pagination
 *   artifact, header or footer;
 * - text inside it is text CSS generated (the numbers of note calls and notes, from
 *   counters): it gets an MCID of its own and joins the structure element whose content
 *   comes just before it, so that a note reads "[1]" and not "[]";
 * - paths, images and forms drawn untagged (rules, backgrounds) become layout artifacts.
 * `areas` gives each page's text area; a page without one (a blank page) has only artifacts.
 */
export function tagUntagged(pdf: PDFDocument, areas: (Area | undefined)[]): TaggingReport {
  const tree = new StructureTree(pdf);
  const report: TaggingReport = { artifacts: 0, retagged: 0 };
  pdf.getPages().forEach((page, index) => {
    const bytes = pageContent(pdf, page.node);
    const ops = parseContent(bytes);
    const { units, events } = findUntagged(pdf, ops, page.node.Resources());
    if (units.length === 0) return;
    const area = areas[index] ? toPdfBox(page, areas[index]) : undefined;
    const mcids = new McidIndex(
      tree,
      page,
      ops,
      events.map((e) => innermostMcid(e.marked)),
    );
    const links = linkElements(pdf, tree, page);
    const edits: Edit[] = [];
    for (const unit of units) {
      const first = ops[unit.first] as Operation;
      const last = ops[unit.last] as Operation;
      const where = placeOf(unit, area);
      // Generated text inside a link (a note call) is the link's text; other generated text
      // belongs with the text it follows (a note's number after its opening bracket).
      const link = unit.at && links.find((l) => inside(unit.at as { x: number; y: number }, l.rect));
      const element =
        where === "in-area" && unit.kind === "text"
          ? link
            ? { element: link.element, mcid: -1, after: true }
            : mcids.neighbour(unit.first)
          : undefined;
      let open: string;
      if (element) {
        open = `/Span <</MCID ${mcids.add(element)}>> BDC\n`;
        report.retagged++;
      } else {
        open =
          where === "in-area"
            ? "/Artifact <</Type /Layout>> BDC\n"
            : `/Artifact <</Type /Pagination /Subtype /${where === "above" ? "Header" : "Footer"}>> BDC\n`;
        report.artifacts++;
      }
      edits.push({ start: first.start, end: first.start, text: open }, { start: last.end, end: last.end, text: "\nEMC" });
    }
    page.node.set(PDFName.of("Contents"), pdf.context.register(compressedStream(pdf.context, applyEdits(bytes, edits))));
    mcids.save();
  });
  tree.save();
  return report;
}

/** The page's link annotations that have a place in the structure tree: their rectangles and Link elements. */
function linkElements(pdf: PDFDocument, tree: StructureTree, page: PDFPage): { rect: number[]; element: PDFRef }[] {
  return (asArray(pdf, page.node.get(PDFName.of("Annots")))?.asArray() ?? []).flatMap((ref) => {
    const annot = asDict(pdf, ref);
    const key = annot?.get(PDFName.of("StructParent"));
    const element = key instanceof PDFNumber ? tree.parents.get(key.asNumber()) : undefined;
    const rect = asArray(pdf, annot?.get(PDFName.of("Rect")))
      ?.asArray()
      .map((n) => (n instanceof PDFNumber ? n.asNumber() : 0));
    return annot?.get(PDFName.of("Subtype")) === PDFName.of("Link") && element instanceof PDFRef && rect?.length === 4
      ? [{ rect, element }]
      : [];
  });
}

function inside(point: { x: number; y: number }, rect: number[]): boolean {
  const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = rect;
  return (
    point.x >= Math.min(x1, x2) - SLACK &&
    point.x <= Math.max(x1, x2) + SLACK &&
    point.y >= Math.min(y1, y2) - SLACK &&
    point.y <= Math.max(y1, y2) + SLACK
  );
}

function toPdfBox(page: PDFPage, area: Area) {
  const trim = page.getTrimBox();
  const top = trim.y + trim.height;
  return { left: trim.x + area.left, right: trim.x + area.right, top: top - area.top, bottom: top - area.bottom };
}

function placeOf(unit: UntaggedUnit, area: ReturnType<typeof toPdfBox> | undefined): "in-area" | "above" | "below" {
  if (!area || !unit.at) return "below";
  const { x, y } = unit.at;
  if (y > area.top + SLACK) return "above";
  if (y < area.bottom - SLACK || x < area.left - SLACK || x > area.right + SLACK) return "below";
  return "in-area";
}

/**
 * The page's marked content by MCID, and the structure elements it belongs to: which
 * element holds the content just before (or, at the top of the page, just after) an
 * operation, and new MCIDs joined to an element right after that content.
 */
class McidIndex {
  private readonly key: number;
  private readonly parents: PDFArray;
  private next: number;

  constructor(
    private readonly tree: StructureTree,
    private readonly page: PDFPage,
    private readonly ops: Operation[],
    /** For each operation, the MCID of the innermost tagged sequence it is in. */
    private readonly open: (number | undefined)[],
  ) {
    const pdf = page.doc;
    const declared = page.node.get(PDFName.of("StructParents"));
    this.key = declared instanceof PDFNumber ? declared.asNumber() : tree.nextKey();
    if (!(declared instanceof PDFNumber)) page.node.set(PDFName.of("StructParents"), PDFNumber.of(this.key));
    this.parents = asArray(pdf, tree.parents.get(this.key)) ?? pdf.context.obj([]);
    this.next = open.reduce<number>((next, m) => Math.max(next, (m ?? -1) + 1), this.parents.size());
  }

  /** The element holding the tagged content before operation `i`, else after it; with that content's MCID. */
  neighbour(i: number): { element: PDFRef; mcid: number; after: boolean } | undefined {
    const find = (from: number, step: number) => {
      for (let j = from; j >= 0 && j < this.ops.length; j += step) {
        const mcid = this.open[j];
        if (mcid === undefined) continue;
        const element = this.parents.get(mcid);
        if (element instanceof PDFRef) return { element, mcid, after: step < 0 };
      }
      return undefined;
    };
    return find(i - 1, -1) ?? find(i + 1, 1);
  }

  /** A new MCID for content joined to `at.element`, placed beside the content of `at.mcid`. */
  add(at: { element: PDFRef; mcid: number; after: boolean }): number {
    const pdf = this.page.doc;
    const mcid = this.next++;
    const element = asDict(pdf, at.element) as PDFDict;
    const kids = this.tree.kids(element);
    const ownPage = element.get(PDFName.of("Pg"));
    const onThisPage = (kid: PDFObject) => {
      const pg = asDict(pdf, kid)?.get(PDFName.of("Pg")) ?? ownPage;
      return pg === undefined || pg === this.page.ref;
    };
    // mcid -1: at the end of the element.
    const index = at.mcid < 0 ? -1 : kids.findIndex((kid) => mcidOf(pdf, kid) === at.mcid && onThisPage(kid));
    const kid = ownPage === this.page.ref ? PDFNumber.of(mcid) : pdf.context.obj({ Type: "MCR", Pg: this.page.ref, MCID: mcid });
    kids.splice(index < 0 ? kids.length : at.after ? index + 1 : index, 0, kid);
    this.tree.setKids(element, kids);
    while (this.parents.size() < mcid) this.parents.push(PDFNull);
    if (this.parents.size() === mcid) this.parents.push(at.element);
    else this.parents.set(mcid, at.element);
    return mcid;
  }

  save(): void {
    this.tree.parents.set(this.key, this.parents);
  }
}

function mcidOf(pdf: PDFDocument, kid: PDFObject): number | undefined {
  if (kid instanceof PDFNumber) return kid.asNumber();
  const dict = asDict(pdf, kid);
  const mcid = dict instanceof PDFDict && dict.get(PDFName.of("Type")) === PDFName.of("MCR") ? dict.get(PDFName.of("MCID")) : undefined;
  return mcid instanceof PDFNumber ? mcid.asNumber() : undefined;
}
