import { type PDFDocument, PDFName, PDFString } from "pdf-lib";

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** BCP 47 language of the document, written as the catalog's /Lang. */
  lang: string;
  /** Creation and modification date: SOURCE_DATE_EPOCH when set, for reproducible bytes. */
  date: Date;
}

export const PRODUCER = "paiban";

/** Document info dictionary and /Lang, replacing what Chromium wrote. */
export function setDocumentInfo(pdf: PDFDocument, info: DocumentInfo): void {
  pdf.setTitle(info.title, { showInWindowTitleBar: true });
  pdf.setAuthor(info.author);
  pdf.setSubject(info.subject);
  pdf.setKeywords(info.keywords);
  pdf.setCreator(PRODUCER);
  pdf.setProducer(PRODUCER);
  pdf.setCreationDate(info.date);
  pdf.setModificationDate(info.date);
  pdf.catalog.set(PDFName.of("Lang"), PDFString.of(info.lang));
}

/** The build's timestamp: SOURCE_DATE_EPOCH (seconds) when set, else now. */
export function buildDate(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date();
}
