// pagedjs-cli ships no types; this declares the part of its Printer that paiban uses.
declare module "pagedjs-cli" {
  import type { BrowserContext, Page } from "puppeteer";
  import type { EventEmitter } from "node:events";

  export interface PrinterOptions {
    browserEndpoint?: string;
    allowLocal?: boolean;
    allowRemote?: boolean;
    allowedPaths?: string[];
    allowedDomains?: string[];
    additionalScripts?: string[];
    timeout?: number;
    closeAfter?: boolean;
    enableWarnings?: boolean;
  }

  export default class Printer extends EventEmitter {
    constructor(options?: PrinterOptions);
    /** What `render()` opens its page in; set before rendering, it is used as it is. */
    browser?: Pick<BrowserContext, "newPage">;
    render(input: string | { url?: string; html?: string }): Promise<Page>;
  }
}
