import type { RenderedBodies, RenderedBody } from "../markdown/index.ts";

/**
 * How long each part of an article must be for the two to be laid out apart, side by side
 * on the build's cores, and their pages put together after: a window of its own costs a
 * part the start of a layout (its fonts decoded, Paged.js set up), about what laying out a
 * few pages does. In the room the text takes: a Chinese character counts one, any other
 * character half (about six pages of text, notes included).
 */
const LONG_PART = 8_000;

/** Whether both parts of an article are long enough to be laid out apart. */
export function layOutApart(bodies: RenderedBodies): boolean {
  return textLength(bodies.zh) >= LONG_PART && textLength(bodies.en) >= LONG_PART;
}

const HAN = /\p{Script=Han}/u;

function textLength(body: RenderedBody): number {
  let length = 0;
  for (const text of [...body.texts.blocks.map((block) => block.text), ...body.texts.notes]) {
    for (const character of text) length += HAN.test(character) ? 1 : 0.5;
  }
  return length;
}
