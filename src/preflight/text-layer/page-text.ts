import { ContentSyntaxError, type Operand, type Operation, parseContent } from "../../output/press/content-stream.ts";
import type { TextFont } from "./fonts.ts";
import { IDENTITY, inverseRotation, multiply, TextState, textTransform, translate } from "./text-state.ts";

/**
 * A page's text layer as pdf.js's `getTextContent({ includeMarkedContent: true })` gives it,
 * for pages whose text is all in fonts `readTextFont` reads (the ones Chromium writes).
 *
 * The same items, split and spaced the same way: this follows pdf.js's own evaluator
 * (`getTextContent` in src/core/evaluator.js, pdfjs-dist 5, Apache-2.0) step by step, for
 * horizontal text. pdf.js parses and repairs every embedded font before it reads a glyph
 * of it, and interprets each page through its worker's messages: for the text alone,
 * that is three quarters of the time a reading takes. What this does not read (a font of
 * another kind, text in a form, a code the font's map lacks, right-to-left text, an
 * inline image) it says so, and the page is read by pdf.js.
 */

/** A piece of text as pdf.js reports it (`TextItem`). */
export interface RawTextItem {
  str: string;
  width: number;
  height: number;
  transform: number[];
  fontName: string;
}

/** Marked content as pdf.js reports it, with the span's /ActualText when it has one. */
export interface RawMarker {
  type: "beginMarkedContent" | "beginMarkedContentProps" | "endMarkedContent";
  id?: string | null;
  tag?: string | null;
  actualText?: string;
}

/** What the page's resources hold, by the names its content uses. */
export interface PageResources {
  /** The font of that name, or undefined when it is not one this reader reads. */
  font(name: string): TextFont | undefined;
  /** Whether the XObject of that name is a form (which may hold text of its own). */
  isForm(name: string): boolean;
  /** Whether the graphics state of that name sets a font. */
  setsFont(name: string): boolean;
}

/** The page's items (`content`: its content streams, decoded), or undefined when the page must be read by pdf.js. */
export function readPageText(content: Uint8Array, resources: PageResources, viewBox: number[]): (RawTextItem | RawMarker)[] | undefined {
  try {
    return new PageText(resources, viewBox).read(parseContent(content));
  } catch (error) {
    // Content pdf.js would read more leniently than the parser: it is pdf.js's to read.
    if (error instanceof Unread || error instanceof ContentSyntaxError) return undefined;
    throw error;
  }
}

/** Thrown where the page holds something this reader leaves to pdf.js. */
class Unread extends Error {}

/** Chromium's composite fonts: glyph space is a thousandth of the size. */
const FONT_SCALE = 0.001;
/** Text set right to left, which pdf.js reorders (its bidi()): left to pdf.js. */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
/** pdf.js's getCharUnicodeCategory, as written there. */
const SPECIAL_CHAR = /^(\s)|(\p{Mn})|(\p{Cf})$/u;
/** pdf.js's normalizeUnicode: the characters it folds (NFKC), and ﬅ. */
const NORMALIZE =
  /([\u00a0\u00b5\u037e\u0eb3\u2000-\u200a\u202f\u2126\ufb00-\ufb04\ufb06\ufb20-\ufb36\ufb38-\ufb3c\ufb3e\ufb40-\ufb41\ufb43-\ufb44\ufb46-\ufba1\ufba4-\ufba9\ufbae-\ufbb1\ufbd3-\ufbdc\ufbde-\ufbe7\ufbea-\ufbf8\ufbfc-\ufbfd\ufc00-\ufc5d\ufc64-\ufcf1\ufcf5-\ufd3d\ufd88\ufdf4\ufdfa-\ufdfb\ufe71\ufe77\ufe79\ufe7b\ufe7d]+)|(\ufb05+)/gu;

// pdf.js's factors (of the font size) for telling spaces from tracking.
const TRACKING_SPACE_FACTOR = 0.102;
const NOT_A_SPACE_FACTOR = 0.03;
const NEGATIVE_SPACE_FACTOR = -0.2;
const SPACE_IN_FLOW_MIN_FACTOR = 0.102;
const SPACE_IN_FLOW_MAX_FACTOR = 0.6;
const VERTICAL_SHIFT_RATIO = 0.25;

interface Glyph {
  unicode: string;
  width: number;
  whitespace: boolean;
  diacritic: boolean;
  formatMark: boolean;
  code: number;
}

class PageText {
  private readonly items: (RawTextItem | RawMarker)[] = [];
  private state = new TextState();
  private readonly stack: TextState[] = [];
  private currentState: TextState | undefined;
  private markedLevel = 0;
  private readonly twoLastChars = [" ", " "];
  private twoLastCharsPos = 0;
  private readonly glyphs = new Map<TextFont, Map<number, Glyph>>();
  private readonly item = {
    initialized: false,
    str: [] as string[],
    totalWidth: 0,
    totalHeight: 0,
    width: 0,
    height: 0,
    prevTransform: null as number[] | null,
    prevTextRise: 0,
    textAdvanceScale: 0,
    spaceInFlowMin: 0,
    spaceInFlowMax: 0,
    trackingSpaceMin: Number.POSITIVE_INFINITY,
    negativeSpaceMax: Number.NEGATIVE_INFINITY,
    notASpace: Number.NEGATIVE_INFINITY,
    transform: IDENTITY,
    fontName: "",
  };

  constructor(
    private readonly resources: PageResources,
    private readonly viewBox: number[],
  ) {}

  read(operations: Operation[]): (RawTextItem | RawMarker)[] {
    for (const { operator, operands: args } of operations) {
      this.currentState ??= this.state.clone();
      const state = this.state;
      switch (operator) {
        case "q":
          this.stack.push(state);
          this.state = state.clone();
          break;
        case "Q":
          this.state = this.stack.pop() ?? state;
          break;
        case "cm":
          state.ctm = multiply(state.ctm, numbers(args, 6));
          break;
        case "Tf": {
          const name = nameOf(args[0]);
          const size = number(args[1]);
          if (state.font && name === state.fontName && size === state.fontSize) break;
          state.fontName = name;
          state.fontSize = size;
          state.font = this.resources.font(name);
          if (!state.font) throw new Unread();
          break;
        }
        case "Ts":
          state.textRise = number(args[0]);
          break;
        case "Tz":
          state.textHScale = number(args[0]) / 100;
          break;
        case "TL":
          state.leading = number(args[0]);
          break;
        case "Td":
          translate(state.textLineMatrix, number(args[0]), number(args[1]));
          state.textMatrix = state.textLineMatrix.slice();
          break;
        case "TD":
          state.leading = -number(args[1]);
          translate(state.textLineMatrix, number(args[0]), number(args[1]));
          state.textMatrix = state.textLineMatrix.slice();
          break;
        case "T*":
          this.carriageReturn();
          break;
        case "Tm": {
          const m = numbers(args, 6);
          state.textMatrix = m.slice();
          state.textLineMatrix = m.slice();
          this.updateAdvanceScale();
          break;
        }
        case "Tc":
          state.charSpacing = number(args[0]);
          break;
        case "Tw":
          state.wordSpacing = number(args[0]);
          break;
        case "BT":
          state.textMatrix = IDENTITY.slice();
          state.textLineMatrix = IDENTITY.slice();
          break;
        case "TJ": {
          this.requireFont();
          const spaceFactor = -state.fontSize / 1000;
          let buffer: Uint8Array[] = [];
          for (const element of args[0]?.kind === "array" ? args[0].items : []) {
            if (element.kind === "string") buffer.push(element.bytes);
            else if (element.kind === "number" && element.value !== 0) {
              this.showText(joined(buffer), element.value * spaceFactor);
              buffer = [];
            }
          }
          if (buffer.length > 0) this.showText(joined(buffer), 0);
          break;
        }
        case "Tj":
          this.requireFont();
          this.showText(string(args[0]), 0);
          break;
        case "'":
          this.requireFont();
          this.carriageReturn();
          this.showText(string(args[0]), 0);
          break;
        case '"':
          this.requireFont();
          state.wordSpacing = number(args[0]);
          state.charSpacing = number(args[1]);
          this.carriageReturn();
          this.showText(string(args[2]), 0);
          break;
        case "Do":
          this.flush();
          if (this.resources.isForm(nameOf(args[0]))) throw new Unread();
          break;
        case "gs":
          if (this.resources.setsFont(nameOf(args[0]))) throw new Unread();
          break;
        case "BMC":
        case "BDC":
          this.flush();
          this.markedLevel++;
          this.items.push(marker(operator, args));
          break;
        case "BI":
          throw new Unread();
        case "EMC":
          this.flush();
          if (this.markedLevel === 0) break;
          this.markedLevel--;
          this.items.push({ type: "endMarkedContent" });
          break;
      }
    }
    this.flush();
    return this.items;
  }

  private requireFont(): void {
    if (!this.state.font) throw new Unread();
  }

  private carriageReturn(): void {
    const state = this.state;
    translate(state.textLineMatrix, 0, -state.leading);
    state.textMatrix = state.textLineMatrix.slice();
  }

  private saveLastChar(char: string): boolean {
    const nextPos = (this.twoLastCharsPos + 1) % 2;
    const result = this.twoLastChars[this.twoLastCharsPos] !== " " && this.twoLastChars[nextPos] === " ";
    this.twoLastChars[this.twoLastCharsPos] = char;
    this.twoLastCharsPos = nextPos;
    return result;
  }

  private shouldAddWhitespace(): boolean {
    return this.twoLastChars[this.twoLastCharsPos] !== " " && this.twoLastChars[(this.twoLastCharsPos + 1) % 2] === " ";
  }

  private resetLastChars(): void {
    this.twoLastChars[0] = this.twoLastChars[1] = " ";
    this.twoLastCharsPos = 0;
  }

  private pushWhitespace(width: number, transform = this.item.prevTransform, fontName = this.item.fontName): void {
    this.items.push({ str: " ", width, height: 0, transform: transform ?? IDENTITY, fontName });
  }

  private ensureItem(): typeof this.item {
    const item = this.item;
    if (item.initialized) return item;
    const state = this.state;
    const font = state.font as TextFont;
    item.fontName = font.key;
    const trm = textTransform(this.state);
    item.transform = trm;
    item.width = item.totalWidth = 0;
    item.height = item.totalHeight = Math.hypot(trm[2] as number, trm[3] as number);
    const scaleLineX = Math.hypot(state.textLineMatrix[0] as number, state.textLineMatrix[1] as number);
    const scaleCtmX = Math.hypot(state.ctm[0] as number, state.ctm[1] as number);
    item.textAdvanceScale = scaleCtmX * scaleLineX;
    const { fontSize } = state;
    item.trackingSpaceMin = fontSize * TRACKING_SPACE_FACTOR;
    item.notASpace = fontSize * NOT_A_SPACE_FACTOR;
    item.negativeSpaceMax = fontSize * NEGATIVE_SPACE_FACTOR;
    item.spaceInFlowMin = fontSize * SPACE_IN_FLOW_MIN_FACTOR;
    item.spaceInFlowMax = fontSize * SPACE_IN_FLOW_MAX_FACTOR;
    item.initialized = true;
    return item;
  }

  private updateAdvanceScale(): void {
    const item = this.item;
    if (!item.initialized) return;
    const state = this.state;
    const scaleLineX = Math.hypot(state.textLineMatrix[0] as number, state.textLineMatrix[1] as number);
    const scaleCtmX = Math.hypot(state.ctm[0] as number, state.ctm[1] as number);
    const scaleFactor = scaleCtmX * scaleLineX;
    if (scaleFactor === item.textAdvanceScale) return;
    item.totalWidth += item.width * item.textAdvanceScale;
    item.width = 0;
    item.textAdvanceScale = scaleFactor;
  }

  /** Whether the glyph about to be drawn is on the page; spaces and breaks between it and the last (pdf.js's compareWithLastPosition). */
  private compareWithLastPosition(glyphWidth: number): boolean {
    const transform = textTransform(this.state);
    let posX = transform[4] as number;
    let posY = transform[5] as number;
    const view = this.viewBox;
    if (posX + glyphWidth < (view[0] ?? 0) || posX > (view[2] ?? 0) || posY < (view[1] ?? 0) || posY > (view[3] ?? 0)) return false;
    const item = this.item;
    if (!this.state.font || !item.prevTransform) return true;
    let lastPosX = item.prevTransform[4] as number;
    let lastPosY = item.prevTransform[5] as number;
    if (lastPosX === posX && lastPosY === posY) return true;
    const a = transform[0] as number;
    const b = transform[1] as number;
    const c = transform[2] as number;
    const d = transform[3] as number;
    let rotate = -1;
    if (a && b === 0 && c === 0) rotate = a > 0 ? 0 : 180;
    else if (b && a === 0 && d === 0) rotate = b > 0 ? 90 : 270;
    switch (rotate) {
      case 0:
        break;
      case 90:
        [posX, posY] = [posY, posX];
        [lastPosX, lastPosY] = [lastPosY, lastPosX];
        break;
      case 180:
        [posX, posY, lastPosX, lastPosY] = [-posX, -posY, -lastPosX, -lastPosY];
        break;
      case 270:
        [posX, posY] = [-posY, -posX];
        [lastPosX, lastPosY] = [-lastPosY, -lastPosX];
        break;
      default:
        [posX, posY] = inverseRotation(posX, posY, transform);
        [lastPosX, lastPosY] = inverseRotation(lastPosX, lastPosY, item.prevTransform);
    }
    const advanceX = (posX - lastPosX) / item.textAdvanceScale;
    const advanceY = posY - lastPosY;
    const textOrientation = Math.sign(item.width || item.totalWidth);
    if (advanceX < textOrientation * item.negativeSpaceMax) {
      if (Math.abs(advanceY) > 0.5 * item.height) {
        this.appendEOL();
        return true;
      }
      this.resetLastChars();
      this.flush();
      return true;
    }
    const textRiseDelta = this.state.textRise - item.prevTextRise;
    const advanceYCorrected = textRiseDelta === 0 ? advanceY : advanceY - ((transform[3] as number) / this.state.fontSize) * textRiseDelta;
    if (Math.abs(advanceYCorrected) > item.height) {
      this.appendEOL();
      return true;
    }
    if (advanceX <= textOrientation * item.notASpace) this.resetLastChars();
    if (advanceX <= textOrientation * item.trackingSpaceMin) {
      if (this.shouldAddWhitespace()) {
        this.resetLastChars();
        this.flush();
        this.pushWhitespace(Math.abs(advanceX));
      } else item.width += advanceX;
    } else if (!this.addFakeSpaces(advanceX, item.prevTransform, textOrientation)) {
      if (item.str.length === 0) {
        this.resetLastChars();
        this.pushWhitespace(Math.abs(advanceX));
      } else item.width += advanceX;
    }
    if (Math.abs(advanceY) > item.height * VERTICAL_SHIFT_RATIO) this.flush();
    return true;
  }

  private showText(chars: Uint8Array, extraSpacing: number): void {
    const state = this.state;
    const current = this.currentState as TextState;
    if (
      current !== state &&
      (current.fontSize !== state.fontSize || (current.fontName !== state.fontName && current.font?.name !== state.font?.name))
    ) {
      this.flush();
      this.currentState = state.clone();
    }
    const font = state.font as TextFont;
    const baseCharSpacing = state.charSpacing;
    if (chars.length === 0) {
      const charSpacing = baseCharSpacing + extraSpacing;
      if (charSpacing) translate(state.textMatrix, charSpacing * state.textHScale, 0);
      return;
    }
    const glyphs = this.glyphsOf(font, chars);
    const scale = FONT_SCALE * state.fontSize;
    for (let i = 0; i < glyphs.length; i++) {
      const glyph = glyphs[i] as Glyph;
      if (glyph.formatMark) continue;
      let charSpacing = baseCharSpacing + (i + 1 === glyphs.length ? extraSpacing : 0);
      let scaledDim = glyph.width * scale;
      if (glyph.code === 0x20) charSpacing += state.wordSpacing;
      if (glyph.whitespace) {
        charSpacing += scaledDim;
        translate(state.textMatrix, charSpacing * state.textHScale, 0);
        this.saveLastChar(" ");
        continue;
      }
      if (!glyph.diacritic && !this.compareWithLastPosition(scaledDim)) {
        translate(state.textMatrix, scaledDim * state.textHScale, 0);
        continue;
      }
      const item = this.ensureItem();
      if (glyph.diacritic) scaledDim = 0;
      scaledDim *= state.textHScale;
      translate(state.textMatrix, scaledDim, 0);
      item.width += scaledDim;
      if (scaledDim) {
        item.prevTransform = textTransform(this.state);
        item.prevTextRise = state.textRise;
      }
      if (this.saveLastChar(glyph.unicode)) item.str.push(" ");
      item.str.push(glyph.unicode);
      if (charSpacing) translate(state.textMatrix, charSpacing * state.textHScale, 0);
    }
  }

  /** Each two-byte code's glyph: what it reads as, its advance, its kind (pdf.js's charsToGlyphs and Glyph.category). */
  private glyphsOf(font: TextFont, chars: Uint8Array): Glyph[] {
    if (chars.length % 2 !== 0) throw new Unread();
    const known = this.glyphs.get(font) ?? new Map<number, Glyph>();
    this.glyphs.set(font, known);
    const glyphs: Glyph[] = [];
    for (let i = 0; i < chars.length; i += 2) {
      const code = ((chars[i] as number) << 8) | (chars[i + 1] as number);
      let glyph = known.get(code);
      if (!glyph) {
        const mapped = font.toUnicode.get(code);
        // pdf.js would fill a code the map lacks from the font program: left to it.
        if (mapped === undefined) throw new Unread();
        const unicode = mapped || String.fromCharCode(code);
        if (RIGHT_TO_LEFT.test(unicode)) throw new Unread();
        const category = SPECIAL_CHAR.exec(unicode);
        glyph = {
          unicode,
          width: font.widths.get(code) ?? font.defaultWidth,
          whitespace: !!category?.[1],
          diacritic: !!category?.[2],
          formatMark: !!category?.[3],
          code,
        };
        known.set(code, glyph);
      }
      glyphs.push(glyph);
    }
    return glyphs;
  }

  private appendEOL(): void {
    this.resetLastChars();
    if (this.item.initialized) this.flush();
    // pdf.js adds an empty item at a line's end with nothing in it: it reads as nothing.
  }

  private addFakeSpaces(width: number, transform: number[] | null, textOrientation: number): boolean {
    const item = this.item;
    if (textOrientation * item.spaceInFlowMin <= width && width <= textOrientation * item.spaceInFlowMax) {
      if (item.initialized) {
        this.resetLastChars();
        item.str.push(" ");
      }
      return false;
    }
    const fontName = item.fontName;
    this.flush();
    this.resetLastChars();
    this.pushWhitespace(Math.abs(width), transform ?? textTransform(this.state), fontName);
    return true;
  }

  private flush(): void {
    const item = this.item;
    if (!item.initialized) return;
    item.totalWidth += item.width * item.textAdvanceScale;
    this.items.push({
      str: item.str.join("").replace(NORMALIZE, (_, folded: string | undefined) => (folded ? folded.normalize("NFKC") : "ſt")),
      width: Math.abs(item.totalWidth),
      height: Math.abs(item.totalHeight),
      transform: item.transform,
      fontName: item.fontName,
    });
    item.initialized = false;
    item.str.length = 0;
  }
}

function number(operand: Operand | undefined): number {
  if (operand?.kind !== "number") throw new Unread();
  return operand.value;
}

function nameOf(operand: Operand | undefined): string {
  if (operand?.kind !== "name") throw new Unread();
  return operand.value;
}

function numbers(operands: Operand[], count: number): number[] {
  if (operands.length < count) throw new Unread();
  return operands.slice(0, count).map(number);
}

function string(operand: Operand | undefined): Uint8Array {
  if (operand?.kind !== "string") throw new Unread();
  return operand.bytes;
}

/** A TJ's strings between two of its numbers, as one. */
function joined(strings: Uint8Array[]): Uint8Array {
  return strings.length === 1 ? (strings[0] as Uint8Array) : Buffer.concat(strings);
}

/** A text string's bytes as text: UTF-16BE after its byte order mark, else PDFDocEncoding (read as Latin-1). */
function textOfBytes(bytes: Uint8Array): string {
  if (bytes[0] !== 0xfe || bytes[1] !== 0xff) return String.fromCharCode(...bytes);
  let text = "";
  for (let i = 2; i + 1 < bytes.length; i += 2) text += String.fromCharCode(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
  return text;
}

/** A BMC's or BDC's marker; a BDC's inline properties give its MCID and its /ActualText. */
function marker(operator: string, args: Operand[]): RawMarker {
  const tag = args[0]?.kind === "name" ? args[0].value : null;
  if (operator === "BMC") return { type: "beginMarkedContent", tag };
  const props = args[1]?.kind === "dict" ? args[1].entries : undefined;
  const mcid = props?.get("MCID");
  const actual = props?.get("ActualText");
  return {
    type: "beginMarkedContentProps",
    id: mcid?.kind === "number" && Number.isInteger(mcid.value) ? `mc${mcid.value}` : null,
    tag,
    actualText: actual?.kind === "string" ? textOfBytes(actual.bytes) : undefined,
  };
}
