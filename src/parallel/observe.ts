import type { FlowBlockReadout, FlowReadout } from "../render/layout.ts";
import type { Position } from "./paginate.ts";
import type { Observation } from "./plan.ts";

/**
 * How each unit landed in a layout of one side: from where its gap ended, with which notes
 * at that page's foot, to where its first line and its last block came. The planner sets a
 * unit set from the same place the same way (plan.ts).
 */
export function observe(readout: FlowReadout): Map<string, Observation> {
  // Each note's parts: one, or several when it was cut and went on at the next pages' foot.
  const parts = new Map<string, { page: number; height: number }[]>();
  for (const page of readout.pages)
    for (const note of page.notes)
      parts.set(note.ref, [...(parts.get(note.ref) ?? []), { page: page.number, height: note.bottom - note.top }]);
  const blocks = readout.blocks.filter((b) => b.breakFor === undefined);
  // The notes of the blocks before index i: their height at page's foot, and what of them goes on at later pages.
  const notesBefore = (i: number, page: number) => {
    let notes = 0;
    let carry = 0;
    for (const block of blocks.slice(0, i))
      for (const fragment of block.fragments)
        for (const call of fragment.calls)
          for (const part of parts.get(call.ref) ?? []) {
            if (part.page === page) notes += part.height;
            else if (part.page > page) carry += part.height;
          }
    return { notes, carry };
  };
  const observed = new Map<string, Observation>();
  blocks.forEach((block, i) => {
    const unit = block.gapFor;
    const gap = block.fragments[block.fragments.length - 1];
    if (unit === undefined || !gap) return;
    let last = i + 1;
    while (last + 1 < blocks.length && (blocks[last + 1] as FlowBlockReadout).gapFor === undefined) last++;
    const first = firstLine(blocks[i + 1]);
    const end = (blocks[last] as FlowBlockReadout | undefined)?.fragments.at(-1);
    if (!first || !end || last <= i) return;
    observed.set(unit, {
      gap: { page: gap.page, y: gap.bottom },
      ...notesBefore(i, gap.page),
      firstLine: first,
      end: { page: end.page, y: end.bottom, ...notesBefore(last + 1, end.page), fresh: false },
    });
  });
  return observed;
}

/** Where a block's first line of text is (its top, when it has no text). */
export function firstLine(block: FlowBlockReadout | undefined): Position | undefined {
  for (const fragment of block?.fragments ?? []) {
    const line = fragment.lines[0];
    if (line) return { page: fragment.page, y: line.top };
  }
  const fragment = block?.fragments[0];
  return fragment ? { page: fragment.page, y: fragment.top } : undefined;
}
