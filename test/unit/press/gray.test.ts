import { PDFDocument, PDFName } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { asDict } from "../../../src/output/pdf-objects.ts";
import { neutralToGray } from "../../../src/output/press/gray.ts";
import { contentSites } from "../../../src/output/press/streams.ts";
import { checkColours } from "../../../src/preflight/standards/colour.ts";
import { handMadePdf, pageText } from "../../support/press.ts";

async function grayed(bytes: Uint8Array): Promise<{ pdf: PDFDocument; bytes: Uint8Array }> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  neutralToGray(pdf);
  const saved = await pdf.save({ useObjectStreams: false });
  return { pdf: await PDFDocument.load(saved, { updateMetadata: false }), bytes: saved };
}

const latin1 = (data: Uint8Array) => Buffer.from(data).toString("latin1");

describe("the gray pass", () => {
  it("sets neutral RGB fills and strokes as DeviceGray, other colours as they were", async () => {
    const { bytes } = await grayed(
      await handMadePdf({
        page: "q 0 0 0 RG 0 0 0 rg BT /F1 9 Tf 10 10 Td (a) Tj ET .7843 .7843 .7843 rg 0 0 10 10 re f 1 0 0 rg 5 5 m 9 9 l S Q",
      }),
    );
    expect(await pageText(bytes)).toBe("q 0 G 0 g BT /F1 9 Tf 10 10 Td (a) Tj ET 0.7843 g 0 0 10 10 re f 1 0 0 rg 5 5 m 9 9 l S Q");
  });

  it("leaves the bytes of strings alone, even when they read like colour operators", async () => {
    const { bytes } = await grayed(await handMadePdf({ page: "0 0 0 rg BT /F1 9 Tf (0 0 0 rg) Tj <302030> Tj ET" }));
    expect(await pageText(bytes)).toBe("0 g BT /F1 9 Tf (0 0 0 rg) Tj <302030> Tj ET");
  });

  it("rewrites forms and annotation appearances, and RGB chosen with cs/sc through q/Q", async () => {
    const { pdf } = await grayed(
      await handMadePdf({
        page: "/DeviceRGB cs 0 0 0 sc q 1 0 0 sc Q 0.2 0.2 0.2 scn /Fm1 Do",
        form: "0.5 0.5 0.5 rg BT /F1 9 Tf (form) Tj ET",
        appearance: "0 0 0 RG 0 0 40 10 re S",
      }),
    );
    const texts = contentSites(pdf).map((site) => `${site.kind}: ${latin1(site.read()).trim()}`);
    expect(texts).toEqual([
      "page: /DeviceGray cs /DeviceGray cs 0 sc q /DeviceRGB cs 1 0 0 sc Q /DeviceGray cs 0.2 scn /Fm1 Do",
      "form: 0.5 g BT /F1 9 Tf (form) Tj ET",
      "appearance: 0 G 0 0 40 10 re S",
    ]);
  });

  it("sets a neutral shading in DeviceGray (Chromium's 0.5 pt rules), not a coloured one", async () => {
    for (const [colours, expected] of [
      [
        [
          [0, 0, 0],
          [0, 0, 0],
        ],
        { space: "/DeviceGray", c0: "[ 0 ]" },
      ],
      [
        [
          [0, 0, 1],
          [0, 0, 0],
        ],
        { space: "/DeviceRGB", c0: "[ 0 0 1 ]" },
      ],
    ] as const) {
      const { pdf } = await grayed(
        await handMadePdf({ page: "/Pattern cs /P1 scn 0 0 10 1 re f", shading: [[...colours[0]], [...colours[1]]] }),
      );
      const resources = pdf.getPage(0).node.Resources();
      const shading = asDict(
        pdf,
        asDict(pdf, asDict(pdf, resources?.get(PDFName.of("Pattern")))?.get(PDFName.of("P1")))?.get(PDFName.of("Shading")),
      );
      expect(shading?.get(PDFName.of("ColorSpace"))?.toString()).toBe(expected.space);
      expect(
        asDict(pdf, shading?.get(PDFName.of("Function")))
          ?.get(PDFName.of("C0"))
          ?.toString(),
      ).toBe(expected.c0);
    }
  });

  it("leaves every text-showing operator under gray: the K plate alone", async () => {
    const source = await handMadePdf({
      page: "0 0 0 rg BT /F1 9 Tf (a) Tj ET q .2 .2 .2 rg 2 Tr BT /F1 9 Tf (b) Tj ET Q /Fm1 Do",
      form: "0 0 0 rg BT /F1 9 Tf (c) Tj ET",
    });
    const before = checkColours(await PDFDocument.load(source), "pdfx4", true);
    expect(before.find((f) => f.rule === "press-black-text")?.message).toMatch(
      /^3 text runs not in gray or K-only black \(the first in DeviceRGB 0 0 0\)/,
    );
    const { pdf } = await grayed(source);
    expect(checkColours(pdf, "pdfx4", true).filter((f) => f.rule === "press-black-text")).toEqual([]);
  });
});
