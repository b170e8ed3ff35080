// pdf.js's worker, loaded into this thread (./index.ts): only its presence matters here.
declare module "pdfjs-dist/legacy/build/pdf.worker.mjs" {
  export const WorkerMessageHandler: unknown;
}
