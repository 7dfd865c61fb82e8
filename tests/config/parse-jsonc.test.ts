import { describe, expect, test } from "bun:test";
import { JsoncSyntaxError, parseJsonc } from "../../src/config/parse-jsonc.ts";

function syntaxError(text: string): JsoncSyntaxError {
  try {
    parseJsonc(text);
  } catch (err) {
    if (err instanceof JsoncSyntaxError) return err;
    throw err;
  }
  throw new Error("expected a syntax error");
}

describe("parseJsonc", () => {
  test("accepts line and block comments and trailing commas", () => {
    const text = `{
      // the providers
      "Providers": [ { "name": "a", /* inline */ "models": ["m1", "m2",], }, ],
      "Router": { "default": "a,m1", },
    }`;
    expect(parseJsonc(text)).toEqual({ Providers: [{ name: "a", models: ["m1", "m2"] }], Router: { default: "a,m1" } });
  });

  test("leaves comment markers and commas inside strings alone", () => {
    expect(parseJsonc(`{"url": "http://x/*y*/", "s": "a,]", "q": "say \\"//\\""}`)).toEqual({
      url: "http://x/*y*/",
      s: "a,]",
      q: 'say "//"',
    });
  });

  test("reports the line and column of an unexpected token after comments", () => {
    const err = syntaxError('{\n  // comment\n  "a": 1,\n  "b": nope\n}');
    expect([err.line, err.column]).toEqual([4, 8]);
    expect(err.reason).toContain('unexpected "n"');
  });

  test("reports a missing comma between members", () => {
    const err = syntaxError('{\n  "a": 1\n  "b": 2\n}');
    expect([err.line, err.column]).toEqual([3, 3]);
    expect(err.reason).toContain('expected "," or "}"');
  });

  test("rejects text after the end of the document", () => {
    const err = syntaxError('{"a": 1}\n}');
    expect([err.line, err.column]).toEqual([2, 1]);
  });

  test("reports an unterminated block comment where it starts", () => {
    const err = syntaxError('{"a": 1, /* never closed\n}');
    expect([err.line, err.column]).toEqual([1, 10]);
  });

  test("reports an empty file at line 1, column 1", () => {
    const err = syntaxError("");
    expect([err.line, err.column]).toEqual([1, 1]);
    expect(err.reason).toContain("end of file");
  });
});
