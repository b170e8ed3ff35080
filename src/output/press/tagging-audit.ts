import { type PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from "pdf-lib";
import { asArray, asDict } from "../pdf-objects.ts";
import { hasAlternative, STANDARD_TYPES } from "./accessible-structure.ts";
import { parseContent } from "./content-stream.ts";
import { contentSites, pageContent } from "./streams.ts";
import { roleOf, StructureTree } from "./structure.ts";
import { findUntagged } from "./untagged.ts";

/** What keeps a tagged PDF from being fully tagged (PDF/A-2a, PDF/UA-1), found by reading its structure and content. */
export interface TaggingAudit {
  tagged: boolean;
  /** Per page (1-based), the number of graphics objects neither tagged nor artifacts. */
  untagged: { page: number; count: number; kinds: string[] }[];
  /** Forms whose content is marked for a structure tree they are not part of (a page drawn into another). */
  formsOutOfTree: number;
  figuresWithoutAlternative: number;
  /** Structure types neither standard nor role-mapped. */
  unknownTypes: string[];
  /** Link annotations outside the structure tree, and without /Contents. */
  linksOutOfTree: number;
  linksUndescribed: number;
  /** Languages declared: the catalog's and the elements'. */
  languages: string[];
  marked: boolean;
  displayTitle: boolean;
}

export function auditTagging(pdf: PDFDocument): TaggingAudit {
  const tree = new StructureTree(pdf);
  const text = (value: unknown) => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined);
  const languages = new Set<string>();
  const catalogLang = text(pdf.catalog.get(PDFName.of("Lang")));
  if (catalogLang) languages.add(catalogLang);
  const roleMap = asDict(pdf, tree.root?.get(PDFName.of("RoleMap")));
  const unknownTypes = new Set<string>();
  let figuresWithoutAlternative = 0;
  for (const { element } of tree.elements()) {
    const role = roleOf(element);
    const lang = text(element.get(PDFName.of("Lang")));
    if (lang) languages.add(lang);
    const mapped = roleMap?.get(PDFName.of(role));
    const standard = STANDARD_TYPES.has(role) ? role : mapped instanceof PDFName ? mapped.decodeText() : undefined;
    if (!standard || !STANDARD_TYPES.has(standard)) unknownTypes.add(role);
    if (standard === "Figure" && !hasAlternative(element)) figuresWithoutAlternative++;
  }
  const untagged = pdf.getPages().flatMap((page, i) => {
    const { units } = findUntagged(pdf, parseContent(pageContent(pdf, page.node)), page.node.Resources());
    return units.length > 0 ? [{ page: i + 1, count: units.length, kinds: [...new Set(units.map((u) => u.kind))] }] : [];
  });
  const formsOutOfTree = countFormsOutOfTree(pdf);
  let linksOutOfTree = 0;
  let linksUndescribed = 0;
  for (const page of pdf.getPages()) {
    for (const ref of asArray(pdf, page.node.get(PDFName.of("Annots")))?.asArray() ?? []) {
      const annot = asDict(pdf, ref);
      if (annot?.get(PDFName.of("Subtype")) !== PDFName.of("Link")) continue;
      const key = annot.get(PDFName.of("StructParent"));
      if (!(key instanceof PDFNumber) || !tree.parents.has(key.asNumber())) linksOutOfTree++;
      if (!text(annot.get(PDFName.of("Contents")))?.trim()) linksUndescribed++;
    }
  }
  const markInfo = asDict(pdf, pdf.catalog.get(PDFName.of("MarkInfo")));
  const preferences = asDict(pdf, pdf.catalog.get(PDFName.of("ViewerPreferences")));
  return {
    tagged: tree.root !== undefined,
    untagged,
    formsOutOfTree,
    figuresWithoutAlternative,
    unknownTypes: [...unknownTypes],
    linksOutOfTree,
    linksUndescribed,
    languages: [...languages],
    marked: markInfo?.get(PDFName.of("Marked"))?.toString() === "true",
    displayTitle: preferences?.get(PDFName.of("DisplayDocTitle"))?.toString() === "true",
  };
}

/** Fully tagged: everything in the tree or an artifact, every figure described, every type known, every link placed and described. */
export function isFullyTagged(audit: TaggingAudit): boolean {
  return (
    audit.tagged &&
    audit.marked &&
    audit.untagged.length === 0 &&
    audit.formsOutOfTree === 0 &&
    audit.figuresWithoutAlternative === 0 &&
    audit.unknownTypes.length === 0 &&
    audit.linksOutOfTree === 0 &&
    audit.linksUndescribed === 0 &&
    audit.languages.length > 0
  );
}

/** Forms whose content holds MCIDs: a page drawn into another, its structure left behind. */
export function countFormsOutOfTree(pdf: PDFDocument): number {
  return contentSites(pdf).filter(
    (site) =>
      site.kind === "form" &&
      parseContent(site.read()).some((op) => {
        const props = op.operands[1];
        return op.operator === "BDC" && props?.kind === "dict" && props.entries.has("MCID");
      }),
  ).length;
}
