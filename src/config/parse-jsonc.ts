// JSON with comments and trailing commas, with line:column on errors (Bun.JSONC and JSON.parse report no position).

/** A syntax error at a 1-based line and column of the original text. */
export class JsoncSyntaxError extends Error {
  readonly reason: string;
  readonly line: number;
  readonly column: number;
  constructor(reason: string, line: number, column: number) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = "JsoncSyntaxError";
    this.reason = reason;
    this.line = line;
    this.column = column;
  }
}

/** Parses JSONC: `//` and `/* *\/` comments and trailing commas are allowed; anything else is strict JSON. */
export function parseJsonc(text: string): unknown {
  const plain = stripTrailingCommas(stripComments(text));
  try {
    return JSON.parse(plain);
  } catch (err) {
    // JSON.parse says what but not where; the scanner finds where (positions are preserved by the strippers).
    locateSyntaxError(plain);
    throw new JsoncSyntaxError(err instanceof Error ? err.message : String(err), 1, 1);
  }
}

/** The 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

function fail(text: string, offset: number, reason: string): never {
  const { line, column } = lineColumn(text, offset);
  throw new JsoncSyntaxError(reason, line, column);
}

/** Skips a string literal starting at `i` (a quote); returns the offset after its closing quote. */
function skipString(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && text[j] !== '"' && text[j] !== "\n") j += text[j] === "\\" ? 2 : 1;
  return j + 1;
}

/** Replaces comments with spaces (keeping newlines) so every offset still points at the same character. */
function stripComments(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = Math.min(skipString(text, i), text.length);
      out += text.slice(i, end);
      i = end;
    } else if (c === "/" && text[i + 1] === "/") {
      const end = text.indexOf("\n", i);
      const stop = end === -1 ? text.length : end;
      out += " ".repeat(stop - i);
      i = stop;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      if (end === -1) fail(text, i, "unterminated /* comment");
      out += text.slice(i, end + 2).replace(/[^\n]/g, " ");
      i = end + 2;
    } else {
      out += c === "\uFEFF" && i === 0 ? " " : c;
      i++;
    }
  }
  return out;
}

/** Replaces a comma followed only by whitespace and `}` or `]` with a space. */
function stripTrailingCommas(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = Math.min(skipString(text, i), text.length);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === ",") {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j] ?? "")) j++;
      out += text[j] === "}" || text[j] === "]" ? " " : c;
    } else {
      out += c;
    }
    i++;
  }
  return out;
}

function describeAt(text: string, i: number): string {
  return i >= text.length ? "end of file" : JSON.stringify(text[i]);
}

/** Scans strict JSON and throws a positioned error at the first problem. */
function locateSyntaxError(text: string): void {
  const scanner = new Scanner(text);
  scanner.value();
  scanner.ws();
  if (scanner.i < text.length) scanner.fail(`unexpected ${describeAt(text, scanner.i)} after the end of the document`);
}

/** A validating recursive-descent walk over strict JSON; builds nothing, only finds the first error. */
class Scanner {
  i = 0;
  constructor(private readonly text: string) {}

  fail(reason: string, at = this.i): never {
    return fail(this.text, at, reason);
  }

  ws(): void {
    while (this.i < this.text.length && " \t\r\n".includes(this.text[this.i] ?? "")) this.i++;
  }

  expect(ch: string, what: string): void {
    this.ws();
    if (this.text[this.i] !== ch) this.fail(`unexpected ${describeAt(this.text, this.i)}, expected ${what}`);
    this.i++;
  }

  string(): void {
    const start = this.i++;
    while (this.text[this.i] !== '"') {
      if (this.i >= this.text.length || this.text.charCodeAt(this.i) < 0x20) this.fail("unterminated string", start);
      if (this.text[this.i] === "\\" && !/^(["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(this.text.slice(this.i + 1, this.i + 6))) {
        this.fail("invalid escape sequence in string");
      }
      this.i += this.text[this.i] === "\\" ? 2 : 1;
    }
    this.i++;
  }

  value(): void {
    this.ws();
    const c = this.text[this.i];
    if (c === "{" || c === "[") return this.container(c === "{" ? "}" : "]", c === "{");
    if (c === '"') return this.string();
    const number = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    number.lastIndex = this.i;
    if (number.test(this.text)) {
      this.i = number.lastIndex;
      return;
    }
    const literal = ["true", "false", "null"].find((word) => this.text.startsWith(word, this.i));
    if (literal === undefined) this.fail(`unexpected ${describeAt(this.text, this.i)}, expected a value`);
    this.i += literal.length;
  }

  container(close: string, isObject: boolean): void {
    this.i++;
    this.ws();
    if (this.text[this.i] === close) {
      this.i++;
      return;
    }
    for (;;) {
      if (isObject) {
        this.ws();
        if (this.text[this.i] !== '"') this.fail(`unexpected ${describeAt(this.text, this.i)}, expected a property name in double quotes`);
        this.string();
        this.expect(":", '":"');
      }
      this.value();
      this.ws();
      if (this.text[this.i] === close) {
        this.i++;
        return;
      }
      this.expect(",", `"," or "${close}"`);
    }
  }
}
