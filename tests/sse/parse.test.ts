import { describe, expect, test } from "bun:test";
import { type SseMessage, createSseParser } from "../../src/sse/parse.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

/** Feeds the chunks, then EOF; returns every message. */
function parseAll(chunks: readonly (Uint8Array | string)[]): SseMessage[] {
  const parser = createSseParser();
  return [...chunks.flatMap((c) => parser.push(c)), ...parser.end()];
}

/** Every way to cut `data` in two, as bytes. */
function everySplit(data: Uint8Array): Uint8Array[][] {
  return Array.from({ length: data.length + 1 }, (_, at) => [data.subarray(0, at), data.subarray(at)]);
}

describe("createSseParser", () => {
  test("parses events ended by blank lines, with their event names", () => {
    expect(parseAll(["event: ping\ndata: {}\n\ndata: {\"a\":1}\n\n"])).toEqual([
      { event: "ping", data: "{}" },
      { event: undefined, data: '{"a":1}' },
    ]);
  });

  test("accepts \\r\\n and lone \\r line endings", () => {
    expect(parseAll(["data: a\r\n\r\ndata: b\r\rdata: c\n\n"])).toEqual([
      { event: undefined, data: "a" },
      { event: undefined, data: "b" },
      { event: undefined, data: "c" },
    ]);
  });

  test("treats a \\r\\n pair split across chunks as one line ending", () => {
    expect(parseAll(["data: a\r", "\n\r", "\ndata: b\n\n"])).toEqual([
      { event: undefined, data: "a" },
      { event: undefined, data: "b" },
    ]);
  });

  test("ignores comment lines such as OpenRouter keep-alives", () => {
    expect(parseAll([": OPENROUTER PROCESSING\n\n:\n\ndata: x\n: inline comment\n\n"])).toEqual([{ event: undefined, data: "x" }]);
  });

  test("joins multi-line data with \\n", () => {
    expect(parseAll(["data: line one\ndata: line two\ndata:\n\n"])).toEqual([{ event: undefined, data: "line one\nline two\n" }]);
  });

  test("accepts data: without a space and removes only one leading space", () => {
    expect(parseAll(['data:{"a":1}\n\ndata:  two spaces\n\n'])).toEqual([
      { event: undefined, data: '{"a":1}' },
      { event: undefined, data: " two spaces" },
    ]);
  });

  test("keeps [DONE] as data", () => {
    expect(parseAll(["data: [DONE]\n\n"])).toEqual([{ event: undefined, data: "[DONE]" }]);
  });

  test("does not dispatch an event that has no data lines, and resets its name", () => {
    expect(parseAll(["event: lonely\n\ndata: x\n\n"])).toEqual([{ event: undefined, data: "x" }]);
  });

  test("ignores id, retry and unknown fields", () => {
    expect(parseAll(["id: 7\nretry: 100\nfoo: bar\ndata: x\n\n"])).toEqual([{ event: undefined, data: "x" }]);
  });

  test("flushes a trailing event at EOF without a final blank line", () => {
    expect(parseAll(["data: a\n\ndata: tail"])).toEqual([
      { event: undefined, data: "a" },
      { event: undefined, data: "tail" },
    ]);
    expect(parseAll(["data: tail\n"])).toEqual([{ event: undefined, data: "tail" }]);
  });

  test("returns nothing for an empty stream", () => {
    expect(parseAll([])).toEqual([]);
    expect(parseAll(["\n\n"])).toEqual([]);
  });

  test("decodes a multi-byte character split across chunks", () => {
    const data = bytes("data: héllo 世界 🎉\n\n");
    const emoji = data.indexOf(0xf0);
    expect(parseAll([data.subarray(0, emoji + 2), data.subarray(emoji + 2)])).toEqual([{ event: undefined, data: "héllo 世界 🎉" }]);
  });

  test("gives the same messages for every split point and for one byte at a time", () => {
    const text = 'event: x\r\ndata: {"t":"é世🎉"}\r\n\r\n: note\rdata:a\rdata: b\r\rdata: [DONE]\n\n';
    const whole = parseAll([bytes(text)]);
    expect(whole).toEqual([
      { event: "x", data: '{"t":"é世🎉"}' },
      { event: undefined, data: "a\nb" },
      { event: undefined, data: "[DONE]" },
    ]);
    for (const chunks of everySplit(bytes(text))) expect(parseAll(chunks)).toEqual(whole);
    const single = Array.from(bytes(text), (b) => new Uint8Array([b]));
    expect(parseAll(single)).toEqual(whole);
  });

  test("strips a leading byte order mark", () => {
    expect(parseAll([new Uint8Array([0xef, 0xbb, 0xbf, ...bytes("data: x\n\n")])])).toEqual([{ event: undefined, data: "x" }]);
  });

  test("handles a long line that arrives in many small chunks", () => {
    const long = "y".repeat(200_000);
    const text = `data: ${long}\n\n`;
    const chunks = Array.from({ length: Math.ceil(text.length / 100) }, (_, i) => text.slice(i * 100, i * 100 + 100));
    expect(parseAll(chunks)).toEqual([{ event: undefined, data: long }]);
  });
});
