import type { PDFDocument } from "pdf-lib";
import { auditTagging } from "../../output/press/tagging-audit.ts";
import type { PreflightFinding } from "../finding.ts";

/**
 * What PDF/A-2a (and PDF/UA-1, when declared) ask of the tags: nothing drawn outside
 * both the structure tree and the artifacts, every figure with alternative text, every
 * structure type standard or role-mapped, every link inside the tree with a description,
 * the document and each of its languages' parts declaring their language.
 */
export function checkTagging(pdf: PDFDocument, languages: string[], ua: boolean): PreflightFinding[] {
  const audit = auditTagging(pdf);
  const findings: PreflightFinding[] = [];
  const problem = (message: string, page?: number) => findings.push({ rule: "standard-tagging", page, text: "", message });
  if (!audit.tagged || !audit.marked) problem("not a tagged PDF (no structure tree, or MarkInfo not Marked)");
  for (const { page, count, kinds } of audit.untagged)
    problem(`${count} graphics objects (${kinds.join(", ")}) neither tagged nor artifacts`, page);
  if (audit.formsOutOfTree > 0) problem(`${audit.formsOutOfTree} forms hold marked content outside the structure tree`);
  if (audit.figuresWithoutAlternative > 0) problem(`${audit.figuresWithoutAlternative} figures without alternative text (Alt)`);
  if (audit.unknownTypes.length > 0) problem(`structure types neither standard nor role-mapped: ${audit.unknownTypes.join(", ")}`);
  if (audit.linksOutOfTree > 0) problem(`${audit.linksOutOfTree} links outside the structure tree`);
  if (audit.linksUndescribed > 0) problem(`${audit.linksUndescribed} links without /Contents`);
  for (const language of languages) {
    if (!audit.languages.some((l) => l === language || l.startsWith(`${language}-`)))
      problem(`no part of the document declares the language ${language}`);
  }
  if (ua && !audit.displayTitle) problem("PDF/UA: the viewer is not asked to show the document title (DisplayDocTitle)");
  return findings;
}
