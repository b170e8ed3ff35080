/**
 * A PDF content stream read as operations (operands, then the operator), the way a
 * renderer reads it: strings, hex strings, arrays, dictionaries and inline images are
 * taken whole, so bytes inside them are never mistaken for operators. Each operation
 * keeps its byte range, so a pass rewrites only the operations it changes and copies
 * everything else as it was.
 */

export type Operand =
  | { kind: "number"; value: number }
  | { kind: "name"; value: string }
  | { kind: "string"; bytes: Uint8Array }
  | { kind: "array"; items: Operand[] }
  | { kind: "dict"; entries: Map<string, Operand> }
  /** true, false, null */
  | { kind: "keyword"; value: string };

export interface Operation {
  operator: string;
  operands: Operand[];
  /** Byte range in the stream, from the first operand to the end of the operator (an inline image to its EI). */
  start: number;
  end: number;
}

// Each byte's class, looked up rather than searched for: the lexer asks it of every byte
// (a long article's pages, read back for the preflight, are megabytes of content).
const REGULAR = 0;
const SPACE = 1;
const DELIMITER = 2;
const CLASS = new Uint8Array(256);
for (const byte of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[byte] = SPACE;
for (const byte of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASS[byte] = DELIMITER;
const isWhitespace = (byte: number) => CLASS[byte] === SPACE;
const isRegular = (byte: number) => CLASS[byte] === REGULAR;

/** Starts like a number: a digit, a sign or a point. */
function isNumericStart(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e;
}

/** What a backslash and the byte after it stand for in a literal string: \n, \r, \t, \b, \f, \(, \), \\. */
const ESCAPES: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 102: 12, 40: 0x28, 41: 0x29, 92: 0x5c };

/** Powers of ten a decimal's digits are divided by, each exact as a double. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Operators and keywords of up to three bytes, by their bytes: made once, not a string a token. */
const SHORT_WORDS = new Map<number, string>();

function hexDigit(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  return -1;
}

export class ContentSyntaxError extends Error {}

type Token =
  | { type: "operand"; operand: Operand; start: number }
  | { type: "operator"; value: string; start: number }
  | { type: "open-array" | "close-array" | "open-dict" | "close-dict"; start: number };

/** The operations of a (decoded) content stream, in order. */
export function parseContent(bytes: Uint8Array): Operation[] {
  const lexer = new Lexer(bytes);
  const operations: Operation[] = [];
  let operands: Operand[] = [];
  let start = -1;
  for (let token = lexer.next(); token; token = lexer.next()) {
    if (start < 0) start = token.start;
    if (token.type === "operator") {
      if (token.value === "BI") {
        const image = lexer.inlineImage();
        operations.push({ operator: "BI", operands: [image], start, end: lexer.position });
      } else {
        operations.push({ operator: token.value, operands, start, end: lexer.position });
      }
      operands = [];
      start = -1;
      continue;
    }
    operands.push(lexer.operandFrom(token));
  }
  return operations;
}

/** A replacement of the bytes `start`–`end` of a stream by `text` (PDF syntax, Latin-1). */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The stream with the edits made (edits must not overlap). */
export function applyEdits(bytes: Uint8Array, edits: Edit[]): Uint8Array {
  if (edits.length === 0) return bytes;
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) throw new Error("overlapping edits of a content stream");
    parts.push(bytes.subarray(at, edit.start), latin1(edit.text));
    at = edit.end;
  }
  parts.push(bytes.subarray(at));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/** A number as content streams write it: no exponent, at most 5 decimals, no trailing zeros. */
export function formatNumber(value: number): string {
  const rounded = Math.round(value * 1e5) / 1e5;
  if (Object.is(rounded, -0) || rounded === 0) return "0";
  return rounded.toFixed(5).replace(/\.?0+$/, "");
}

class Lexer {
  position = 0;
  /**
   * The strings' bytes, decoded one after the other into one buffer the size of the stream
   * (no string decodes longer than it is written): each string a view of its own bytes, not
   * a buffer of its own (a long article's pages hold a million strings).
   */
  private readonly decoded: Uint8Array;
  private decodedLength = 0;
  constructor(private readonly bytes: Uint8Array) {
    this.decoded = new Uint8Array(bytes.length);
  }

  next(): Token | undefined {
    this.skipSpace();
    const { bytes } = this;
    if (this.position >= bytes.length) return undefined;
    const start = this.position;
    const byte = bytes[start] as number;
    switch (byte) {
      case 0x28:
        return { type: "operand", operand: { kind: "string", bytes: this.literalString() }, start };
      case 0x3c:
        if (bytes[start + 1] === 0x3c) {
          this.position += 2;
          return { type: "open-dict", start };
        }
        return { type: "operand", operand: { kind: "string", bytes: this.hexString() }, start };
      case 0x3e:
        if (bytes[start + 1] === 0x3e) {
          this.position += 2;
          return { type: "close-dict", start };
        }
        throw new ContentSyntaxError(`unexpected '>' at byte ${start}`);
      case 0x5b:
        this.position++;
        return { type: "open-array", start };
      case 0x5d:
        this.position++;
        return { type: "close-array", start };
      case 0x2f:
        return { type: "operand", operand: { kind: "name", value: this.name() }, start };
      case 0x7b:
      case 0x7d:
        // Braces belong to PostScript functions, never to page content: read them as operators.
        this.position++;
        return { type: "operator", value: String.fromCharCode(byte), start };
    }
    const end = this.regularEnd();
    if (isNumericStart(byte)) {
      const value = this.number(end);
      if (!Number.isNaN(value)) return { type: "operand", operand: { kind: "number", value }, start };
    }
    const word = this.word(end);
    if (word === "true" || word === "false" || word === "null")
      return { type: "operand", operand: { kind: "keyword", value: word }, start };
    if (word === "") throw new ContentSyntaxError(`unexpected byte ${byte} at ${start}`);
    return { type: "operator", value: word, start };
  }

  /** The operand a token starts: arrays and dictionaries are read to their end. */
  operandFrom(token: Token): Operand {
    switch (token.type) {
      case "operand":
        return token.operand;
      case "open-array": {
        const items: Operand[] = [];
        for (let t = this.next(); ; t = this.next()) {
          if (!t) throw new ContentSyntaxError(`an array opened at byte ${token.start} is not closed`);
          if (t.type === "close-array") return { kind: "array", items };
          items.push(this.operandFrom(t));
        }
      }
      case "open-dict": {
        const entries = new Map<string, Operand>();
        for (let t = this.next(); ; t = this.next()) {
          if (!t) throw new ContentSyntaxError(`a dictionary opened at byte ${token.start} is not closed`);
          if (t.type === "close-dict") return { kind: "dict", entries };
          const key = this.operandFrom(t);
          if (key.kind !== "name") throw new ContentSyntaxError(`a dictionary key at byte ${t.start} is not a name`);
          const value = this.next();
          if (!value) throw new ContentSyntaxError(`a dictionary entry at byte ${t.start} has no value`);
          entries.set(key.value, this.operandFrom(value));
        }
      }
      case "operator":
        // Operators inside arrays or dictionaries do not occur in valid content: keep the word.
        return { kind: "keyword", value: token.value };
      default:
        throw new ContentSyntaxError(`unexpected '${token.type}' at byte ${token.start}`);
    }
  }

  /** An inline image after BI: its dictionary up to ID, then its data up to EI. */
  inlineImage(): Operand {
    const entries = new Map<string, Operand>();
    for (let t = this.next(); ; t = this.next()) {
      if (!t) throw new ContentSyntaxError("an inline image has no ID");
      if (t.type === "operator" && t.value === "ID") break;
      const key = this.operandFrom(t);
      const value = this.next();
      if (key.kind !== "name" || !value) throw new ContentSyntaxError(`a malformed inline image dictionary at byte ${t.start}`);
      entries.set(key.value, this.operandFrom(value));
    }
    // One white-space byte follows ID; the data ends at an EI standing alone.
    this.position++;
    const { bytes } = this;
    for (let i = this.position; i + 1 < bytes.length; i++) {
      if (bytes[i] !== 0x45 || bytes[i + 1] !== 0x49) continue;
      const before = bytes[i - 1];
      const after = bytes[i + 2];
      if ((before === undefined || isWhitespace(before)) && (after === undefined || isWhitespace(after))) {
        this.position = i + 2;
        return { kind: "dict", entries };
      }
    }
    throw new ContentSyntaxError("an inline image has no EI");
  }

  private skipSpace(): void {
    const { bytes } = this;
    while (this.position < bytes.length) {
      const byte = bytes[this.position] as number;
      if (isWhitespace(byte)) this.position++;
      else if (byte === 0x25) {
        while (this.position < bytes.length && bytes[this.position] !== 0x0a && bytes[this.position] !== 0x0d) this.position++;
      } else break;
    }
  }

  /** Where the run of regular bytes at the position ends. */
  private regularEnd(): number {
    const { bytes } = this;
    let end = this.position;
    while (end < bytes.length && isRegular(bytes[end] as number)) end++;
    return end;
  }

  /** The regular bytes up to `end` as text, the position moved past them. */
  private word(end: number): string {
    const { bytes } = this;
    const start = this.position;
    this.position = end;
    const text = () => {
      let word = "";
      for (let i = start; i < end; i++) word += String.fromCharCode(bytes[i] as number);
      return word;
    };
    if (end - start > 3) return text();
    let key = 0;
    for (let i = start; i < end; i++) key = key * 256 + (bytes[i] as number);
    key = key * 4 + (end - start);
    let word = SHORT_WORDS.get(key);
    if (word === undefined) {
      word = text();
      SHORT_WORDS.set(key, word);
    }
    return word;
  }

  /**
   * The number the regular bytes up to `end` write, as `Number` reads their text, the
   * position moved past them; NaN, the position kept, if they are not one. Most are read
   * here: a sign, digits and a point give an integer and a power of ten, both exact, whose
   * quotient is the double nearest the decimal, as `Number`'s is. Anything else goes to
   * `Number`.
   */
  private number(end: number): number {
    const { bytes } = this;
    let i = this.position;
    const negative = bytes[i] === 0x2d;
    if (negative || bytes[i] === 0x2b) i++;
    let digits = 0;
    let decimals = -1;
    let value = 0;
    for (; i < end; i++) {
      const byte = bytes[i] as number;
      if (byte === 0x2e && decimals < 0) decimals = 0;
      else if (byte >= 0x30 && byte <= 0x39) {
        value = value * 10 + (byte - 0x30);
        digits++;
        if (decimals >= 0) decimals++;
      } else break;
    }
    if (i < end || digits === 0 || digits > 15 || decimals > 22) {
      const start = this.position;
      const value = Number(this.word(end));
      if (Number.isNaN(value)) this.position = start;
      return value;
    }
    this.position = end;
    const magnitude = decimals > 0 ? value / (POWERS_OF_TEN[decimals] as number) : value;
    return negative ? -magnitude : magnitude;
  }

  private name(): string {
    this.position++;
    const word = this.word(this.regularEnd());
    return word.includes("#") ? word.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : word;
  }

  private literalString(): Uint8Array {
    const { bytes, decoded: out } = this;
    const from = this.decodedLength;
    let length = from;
    const push = (byte: number) => {
      out[length++] = byte;
    };
    let depth = 0;
    this.position++;
    while (this.position < bytes.length) {
      const byte = bytes[this.position++] as number;
      if (byte === 0x5c) {
        const next = bytes[this.position++];
        if (next === undefined) break;
        const escaped = ESCAPES[next];
        if (escaped !== undefined) push(escaped);
        else if (next >= 0x30 && next <= 0x37) {
          let code = next - 0x30;
          for (let k = 0; k < 2; k++) {
            const digit = bytes[this.position];
            if (digit === undefined || digit < 0x30 || digit > 0x37) break;
            code = code * 8 + (digit - 0x30);
            this.position++;
          }
          push(code & 0xff);
        } else if (next === 0x0d) {
          if (bytes[this.position] === 0x0a) this.position++;
        } else if (next !== 0x0a) push(next);
        continue;
      }
      if (byte === 0x28) depth++;
      else if (byte === 0x29) {
        if (depth === 0) {
          this.decodedLength = length;
          return out.subarray(from, length);
        }
        depth--;
      }
      push(byte);
    }
    throw new ContentSyntaxError("a string is not closed");
  }

  private hexString(): Uint8Array {
    const { bytes } = this;
    const end = bytes.indexOf(0x3e, this.position);
    if (end < 0) throw new ContentSyntaxError("a hex string is not closed");
    const out = this.decoded;
    const from = this.decodedLength;
    let length = from;
    let high = -1;
    for (let i = this.position + 1; i < end; i++) {
      const digit = hexDigit(bytes[i] as number);
      if (digit < 0) continue;
      if (high < 0) high = digit;
      else {
        out[length++] = high * 16 + digit;
        high = -1;
      }
    }
    // An odd final digit is followed by an implied 0.
    if (high >= 0) out[length++] = high * 16;
    this.position = end + 1;
    this.decodedLength = length;
    return out.subarray(from, length);
  }
}
