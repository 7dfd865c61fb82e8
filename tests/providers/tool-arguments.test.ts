import { describe, expect, test } from "bun:test";
import { parseToolArguments, repairJson } from "../../src/providers/tool-arguments.ts";

describe("parseToolArguments", () => {
  test("parses a valid JSON object string", () => {
    expect(parseToolArguments('{"path":"/a","n":2,"deep":{"x":[1,2]}}')).toEqual({ path: "/a", n: 2, deep: { x: [1, 2] } });
  });

  test("treats an empty or blank string, null and undefined as {}", () => {
    expect(parseToolArguments("")).toEqual({});
    expect(parseToolArguments("   ")).toEqual({});
    expect(parseToolArguments(null)).toEqual({});
    expect(parseToolArguments(undefined)).toEqual({});
  });

  test("passes object arguments (Ollama, llama.cpp) through as they are", () => {
    const args = { command: "ls", flags: ["-l"] };
    expect(parseToolArguments(args)).toEqual(args);
  });

  test.each(["null", "[1,2]", '"text"', "42", "true"])("turns non-object JSON %s into {}", (raw) => {
    expect(parseToolArguments(raw)).toEqual({});
  });

  test("repairs trailing commas", () => {
    expect(parseToolArguments('{"a":[1,2,],"b":3,}')).toEqual({ a: [1, 2], b: 3 });
  });

  test("repairs output cut off inside a string or an object", () => {
    expect(parseToolArguments('{"file_path": "/src/ma')).toEqual({ file_path: "/src/ma" });
    expect(parseToolArguments('{"a": {"b": 1')).toEqual({ a: { b: 1 } });
    expect(parseToolArguments('{"a": 1, "b": ')).toEqual({ a: 1, b: null });
    expect(parseToolArguments('{"a": "x\\')).toEqual({ a: "x" });
  });

  test("repairs single-quoted strings, keeping escaped and embedded quotes", () => {
    expect(parseToolArguments("{'a': 'it\\'s', 'b': 'say \"hi\"'}")).toEqual({ a: "it's", b: 'say "hi"' });
  });

  test("repairs unquoted keys, Python literals, raw newlines and a code fence", () => {
    expect(parseToolArguments('{path: "a", ok: True, none: None}')).toEqual({ path: "a", ok: true, none: null });
    expect(parseToolArguments('{"text": "line one\nline two"}')).toEqual({ text: "line one\nline two" });
    expect(parseToolArguments('```json\n{"a":1}\n```')).toEqual({ a: 1 });
  });

  test("keeps a backslash that starts no JSON escape (Windows paths)", () => {
    expect(parseToolArguments("{'p': 'C:\\dir\\q'}")).toEqual({ p: "C:\\dir\\q" });
  });

  test("falls back to {} when the text cannot be repaired into an object", () => {
    expect(parseToolArguments("not json at all")).toEqual({});
    expect(parseToolArguments('{"a":1}{"b":2}')).toEqual({});
  });

  test("never returns the raw text wrapped in an object", () => {
    expect(Object.keys(parseToolArguments("garbage {"))).not.toContain("text");
  });
});

describe("repairJson", () => {
  test("leaves valid JSON unchanged", () => {
    const text = '{"a": [1, {"b": "c"}], "d": null}';
    expect(repairJson(text)).toBe(text);
  });

  test("closes brackets in the order they were opened", () => {
    expect(repairJson('{"a": [{"b": [1')).toBe('{"a": [{"b": [1]}]}');
  });
});
