/**
 * The text state pdf.js keeps while it reads a page's text (its TextState), and the matrix
 * arithmetic it does on it, term for term: the same floats, so that the items land where
 * pdf.js puts them.
 */

import type { TextFont } from "./fonts.ts";

export const IDENTITY = [1, 0, 0, 1, 0, 0];

/** m1 × m2, as pdf.js's Util.transform. */
export function multiply(m1: number[], m2: number[]): number[] {
  const [a1 = 0, b1 = 0, c1 = 0, d1 = 0, e1 = 0, f1 = 0] = m1;
  const [a2 = 0, b2 = 0, c2 = 0, d2 = 0, e2 = 0, f2 = 0] = m2;
  return [a1 * a2 + c1 * b2, b1 * a2 + d1 * b2, a1 * c2 + c1 * d2, b1 * c2 + d1 * d2, a1 * e2 + c1 * f2 + e1, b1 * e2 + d1 * f2 + f1];
}

/** Moves a text matrix by (x, y) in its own space, as pdf.js's translateTextMatrix. */
export function translate(m: number[], x: number, y: number): void {
  m[4] = (m[0] as number) * x + (m[2] as number) * y + (m[4] as number);
  m[5] = (m[1] as number) * x + (m[3] as number) * y + (m[5] as number);
}

/** The text state pdf.js keeps (its TextState), saved and restored with q and Q. */
export class TextState {
  ctm = IDENTITY.slice();
  fontName: string | null = null;
  fontSize = 0;
  font: TextFont | undefined;
  textMatrix = IDENTITY.slice();
  textLineMatrix = IDENTITY.slice();
  charSpacing = 0;
  wordSpacing = 0;
  leading = 0;
  textHScale = 1;
  textRise = 0;

  clone(): TextState {
    const copy = new TextState();
    copy.ctm = this.ctm;
    copy.fontName = this.fontName;
    copy.fontSize = this.fontSize;
    copy.font = this.font;
    copy.textMatrix = this.textMatrix.slice();
    copy.textLineMatrix = this.textLineMatrix.slice();
    copy.charSpacing = this.charSpacing;
    copy.wordSpacing = this.wordSpacing;
    copy.leading = this.leading;
    copy.textHScale = this.textHScale;
    copy.textRise = this.textRise;
    return copy;
  }
}

/** A point in the rotated text's own axes (pdf.js's applyInverseRotation). */
export function inverseRotation(x: number, y: number, m: number[]): [number, number] {
  const [a = 0, b = 0, c = 0, d = 0] = m;
  const scale = Math.hypot(a, b);
  return [(a * x + b * y) / scale, (c * x + d * y) / scale];
}

/**
 * The text rendering matrix, ctm × (text matrix × [size·scale 0 0 size 0 rise]): pdf.js's
 * product, term for term (the zeros multiplied too, so that every sum is the same float),
 * without its two intermediate arrays, one glyph after another.
 */
export function textTransform(state: TextState): number[] {
  const { ctm, textMatrix: t, fontSize, textHScale, textRise } = state;
  const s0 = fontSize * textHScale;
  const s1 = 0;
  const s2 = 0;
  const s3 = fontSize;
  const s4 = 0;
  const s5 = textRise;
  const t0 = t[0] as number;
  const t1 = t[1] as number;
  const t2 = t[2] as number;
  const t3 = t[3] as number;
  const i0 = t0 * s0 + t2 * s1;
  const i1 = t1 * s0 + t3 * s1;
  const i2 = t0 * s2 + t2 * s3;
  const i3 = t1 * s2 + t3 * s3;
  const i4 = t0 * s4 + t2 * s5 + (t[4] as number);
  const i5 = t1 * s4 + t3 * s5 + (t[5] as number);
  const c0 = ctm[0] as number;
  const c1 = ctm[1] as number;
  const c2 = ctm[2] as number;
  const c3 = ctm[3] as number;
  return [
    c0 * i0 + c2 * i1,
    c1 * i0 + c3 * i1,
    c0 * i2 + c2 * i3,
    c1 * i2 + c3 * i3,
    c0 * i4 + c2 * i5 + (ctm[4] as number),
    c1 * i4 + c3 * i5 + (ctm[5] as number),
  ];
}
