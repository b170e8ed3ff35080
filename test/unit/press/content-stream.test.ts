import { describe, expect, it } from "vitest";
import { applyEdits, formatNumber, parseContent } from "../../../src/output/press/content-stream.ts";

const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const text = (data: Uint8Array) => String.fromCharCode(...data);

describe("content streams read as operations", () => {
  it("takes operators only outside strings, hex strings, arrays and dictionaries", () => {
    const ops = parseContent(
      bytes("0 0 0 rg BT /F1 9 Tf (0 0 0 rg \\) RG) Tj [(a) -20 <0 0 0> ] TJ ET /Span <</ActualText (1 g)>> BDC EMC"),
    );
    expect(ops.map((op) => op.operator)).toEqual(["rg", "BT", "Tf", "Tj", "TJ", "ET", "BDC", "EMC"]);
    const shown = ops[3]?.operands[0];
    expect(shown?.kind === "string" && text(shown.bytes)).toBe("0 0 0 rg ) RG");
    const props = ops[6]?.operands[1];
    expect(props?.kind === "dict" && props.entries.get("ActualText")).toEqual({ kind: "string", bytes: bytes("1 g") });
  });

  it("reads nested parentheses, octal escapes and comments", () => {
    const ops = parseContent(bytes("% 1 0 0 rg in a comment\n(a (b) \\101\\61) Tj"));
    expect(ops).toHaveLength(1);
    const shown = ops[0]?.operands[0];
    expect(shown?.kind === "string" && text(shown.bytes)).toBe("a (b) A1");
  });

  it("takes an inline image whole, whatever bytes its data holds", () => {
    const stream = "q BI /W 2 /H 1 /CS /RGB /BPC 8 ID \x00 0 0 rg\xff EI Q 1 g";
    const ops = parseContent(bytes(stream));
    expect(ops.map((op) => op.operator)).toEqual(["q", "BI", "Q", "g"]);
    const image = ops[1];
    expect(text(bytes(stream).subarray(image?.start, image?.end))).toBe("BI /W 2 /H 1 /CS /RGB /BPC 8 ID \x00 0 0 rg\xff EI");
  });

  it("keeps each operation's byte range, so edits change only what they replace", () => {
    const source = bytes("q\n0 0 0 rg\n(keep 0 0 0 rg) Tj\nQ");
    const rg = parseContent(source).find((op) => op.operator === "rg");
    expect(rg && text(source.subarray(rg.start, rg.end))).toBe("0 0 0 rg");
    const edited = applyEdits(source, [{ start: rg?.start ?? 0, end: rg?.end ?? 0, text: "0 g" }]);
    expect(text(edited)).toBe("q\n0 g\n(keep 0 0 0 rg) Tj\nQ");
  });

  it("reads numbers to the same double as Number reads their text", () => {
    const words = ["0", "-0", ".5", "+.5", "5.", "-.23999999", "737.03998", "3.125", "1073.0000001", "0.1", "0.7", "2.675"];
    const long = ["123456789012345678", "0.12345678901234567890123", "-98765.432109876543", "0x10", "1e5", "00012"];
    const ops = parseContent(bytes(`${[...words, ...long].join(" ")} Td`));
    const values = ops[0]?.operands.map((operand) => (operand.kind === "number" ? operand.value : Number.NaN));
    expect(values).toHaveLength(words.length + long.length);
    for (const [i, word] of [...words, ...long].entries()) expect(Object.is(values?.[i], Number(word)), word).toBe(true);
    // A sign or a point alone is not a number: an operator, as it was written.
    expect(parseContent(bytes("- . +")).map((op) => op.operator)).toEqual(["-", ".", "+"]);
  });

  it("writes numbers as content streams do", () => {
    expect([0.78431372, 1, -0, 0.5, 1 / 3, 12.000001].map(formatNumber)).toEqual(["0.78431", "1", "0", "0.5", "0.33333", "12"]);
  });
});
