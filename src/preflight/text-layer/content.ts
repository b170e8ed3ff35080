/**
 * A page's content stream as a list of operations: operands, then the operator. Enough
 * of the PDF syntax for what a text layer reads (numbers, names, strings, arrays, inline
 * dictionaries); an inline image (BI … ID … EI), whose data is not syntax, stops it.
 */

/** A name operand (`/F14`), apart from strings. */
export class Name {
  constructor(readonly name: string) {}
}

/** Strings are kept as bytes, one character a byte (Latin-1). */
export type Operand = number | string | boolean | null | Name | Operand[] | OperandDict;
export interface OperandDict {
  [key: string]: Operand;
}

export interface Operation {
  operator: string;
  operands: Operand[];
}

/** A content stream's operations, or undefined when it holds what this reader does not read. */
export function parseContent(content: string): Operation[] | undefined {
  const lexer = new Lexer(content);
  const operations: Operation[] = [];
  let operands: Operand[] = [];
  for (;;) {
    const token = lexer.next();
    if (token === END) return operations;
    if (token instanceof Operator) {
      if (token.word === "BI") return undefined;
      operations.push({ operator: token.word, operands });
      operands = [];
    } else if (token !== CLOSE_ARRAY && token !== CLOSE_DICT) operands.push(token);
  }
}

const END = Symbol("end");
class Operator {
  constructor(readonly word: string) {}
}
const CLOSE_ARRAY = Symbol("]");
const CLOSE_DICT = Symbol(">>");
type Token = Operand | Operator | typeof END | typeof CLOSE_ARRAY | typeof CLOSE_DICT;

const isWhite = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
const isDelimiter = (c: number) =>
  c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

class Lexer {
  private at = 0;
  constructor(private readonly text: string) {}

  next(): Token {
    const text = this.text;
    // Whitespace and comments.
    for (;;) {
      while (this.at < text.length && isWhite(text.charCodeAt(this.at))) this.at++;
      if (text.charCodeAt(this.at) !== 0x25) break;
      while (this.at < text.length && text.charCodeAt(this.at) !== 0x0a && text.charCodeAt(this.at) !== 0x0d) this.at++;
    }
    if (this.at >= text.length) return END;
    const c = text.charCodeAt(this.at);
    if (isDigit(c) || c === 0x2d || c === 0x2b || c === 0x2e) return this.number();
    switch (c) {
      case 0x2f:
        return this.name();
      case 0x28:
        return this.literal();
      case 0x5b:
        this.at++;
        return this.array();
      case 0x5d:
        this.at++;
        return CLOSE_ARRAY;
      case 0x3c:
        if (text.charCodeAt(this.at + 1) === 0x3c) {
          this.at += 2;
          return this.dict();
        }
        return this.hex();
      case 0x3e:
        if (text.charCodeAt(this.at + 1) === 0x3e) {
          this.at += 2;
          return CLOSE_DICT;
        }
        this.at++;
        return this.next();
      default: {
        const start = this.at;
        while (this.at < text.length && !isWhite(text.charCodeAt(this.at)) && !isDelimiter(text.charCodeAt(this.at))) this.at++;
        if (this.at === start) this.at++;
        const word = text.slice(start, this.at);
        if (word === "true") return true;
        if (word === "false") return false;
        if (word === "null") return null;
        return new Operator(word);
      }
    }
  }

  /** As pdf.js reads a number: its digits as an integer, divided by the power of ten after the point. */
  private number(): number {
    const text = this.text;
    let c = text.charCodeAt(this.at);
    let sign = 1;
    let divideBy = 0;
    if (c === 0x2d) {
      sign = -1;
      c = text.charCodeAt(++this.at);
      if (c === 0x2d) c = text.charCodeAt(++this.at);
    } else if (c === 0x2b) c = text.charCodeAt(++this.at);
    if (c === 0x2e) {
      divideBy = 10;
      c = text.charCodeAt(++this.at);
    }
    if (!isDigit(c)) return 0;
    let value = c - 0x30;
    for (;;) {
      c = ++this.at < text.length ? text.charCodeAt(this.at) : -1;
      if (isDigit(c)) {
        if (divideBy !== 0) divideBy *= 10;
        value = value * 10 + (c - 0x30);
      } else if (c === 0x2e) {
        if (divideBy === 0) divideBy = 1;
        else break;
      } else if (c !== 0x2d) break;
    }
    if (divideBy !== 0) value /= divideBy;
    return sign * value;
  }

  private name(): Name {
    const text = this.text;
    let name = "";
    this.at++;
    while (this.at < text.length) {
      const c = text.charCodeAt(this.at);
      if (isWhite(c) || isDelimiter(c)) break;
      if (c === 0x23 && /^[0-9A-Fa-f]{2}$/.test(text.slice(this.at + 1, this.at + 3))) {
        name += String.fromCharCode(parseInt(text.slice(this.at + 1, this.at + 3), 16));
        this.at += 3;
      } else {
        name += text[this.at];
        this.at++;
      }
    }
    return new Name(name);
  }

  private hex(): string {
    const end = this.text.indexOf(">", this.at);
    const stop = end < 0 ? this.text.length : end;
    const digits = this.text.slice(this.at + 1, stop).replace(/[^0-9A-Fa-f]/g, "");
    this.at = stop + 1;
    let bytes = "";
    for (let i = 0; i < digits.length; i += 2)
      bytes += String.fromCharCode(parseInt(digits[i + 1] === undefined ? `${digits[i]}0` : digits.slice(i, i + 2), 16));
    return bytes;
  }

  private literal(): string {
    const text = this.text;
    const escapes: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f" };
    let depth = 1;
    let bytes = "";
    this.at++;
    while (this.at < text.length) {
      const ch = text[this.at++] as string;
      if (ch === "(") depth++;
      else if (ch === ")" && --depth === 0) break;
      if (ch !== "\\") {
        bytes += ch;
        continue;
      }
      const next = text[this.at] ?? "";
      const octal = /^[0-7]{1,3}/.exec(text.slice(this.at, this.at + 3))?.[0];
      if (octal) {
        bytes += String.fromCharCode(parseInt(octal, 8) & 0xff);
        this.at += octal.length;
      } else if (next === "\r") {
        this.at += text[this.at + 1] === "\n" ? 2 : 1;
      } else if (next === "\n") this.at++;
      else {
        bytes += escapes[next] ?? next;
        this.at++;
      }
    }
    return bytes;
  }

  private array(): Operand[] {
    const items: Operand[] = [];
    for (;;) {
      const token = this.next();
      if (token === CLOSE_ARRAY || token === END) return items;
      if (token instanceof Operator || token === CLOSE_DICT) continue;
      items.push(token);
    }
  }

  private dict(): OperandDict {
    const dict: OperandDict = {};
    for (;;) {
      const key = this.next();
      if (key === CLOSE_DICT || key === END) return dict;
      if (!(key instanceof Name)) continue;
      const value = this.next();
      if (value === CLOSE_DICT || value === END) return dict;
      if (value instanceof Operator || value === CLOSE_ARRAY) continue;
      dict[key.name] = value;
    }
  }
}

/** A text string's bytes as text: UTF-16BE after its byte order mark, else PDFDocEncoding (read as Latin-1). */
export function textOfBytes(bytes: string): string {
  if (bytes.charCodeAt(0) !== 0xfe || bytes.charCodeAt(1) !== 0xff) return bytes;
  let text = "";
  for (let i = 2; i + 1 < bytes.length; i += 2) text += String.fromCharCode((bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1));
  return text;
}
