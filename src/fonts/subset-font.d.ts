// subset-font ships no types: the part of its API paiban uses.
declare module "subset-font" {
  interface SubsetOptions {
    /** `sfnt` (TrueType/OpenType), `woff` or `woff2`. */
    targetFormat?: "sfnt" | "woff" | "woff2";
    /** Pin variation axes to a value, making a static instance: `{ wght: 400 }`. */
    variationAxes?: Record<string, number | { min: number; max: number; default?: number }>;
    preserveNameIds?: number[];
  }
  export default function subsetFont(font: Uint8Array, text: string, options?: SubsetOptions): Promise<Uint8Array>;
}
