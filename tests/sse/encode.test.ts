import { describe, expect, test } from "bun:test";
import type { StreamEvent } from "../../src/formats/anthropic.ts";
import { encodeComment, encodeEvent, encodeEvents, encodeJsonEvent } from "../../src/sse/encode.ts";
import { createSseParser } from "../../src/sse/parse.ts";

const events: StreamEvent[] = [
  { type: "ping" },
  { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "line one\nline two\r\n\"quoted\" 🎉" } },
  { type: "message_stop" },
];

describe("encodeEvent", () => {
  test("writes an event line named after data.type, one single-line data line, and a blank line", () => {
    expect(encodeEvent({ type: "ping" })).toBe('event: ping\ndata: {"type":"ping"}\n\n');
  });

  test("keeps newlines inside the JSON escaped so the data stays on one line", () => {
    const frame = encodeEvent(events[1] ?? { type: "ping" });
    expect(frame.split("\n")).toHaveLength(4);
    expect(frame).toContain("\\n");
  });
});

describe("encodeEvents", () => {
  test("encodes several events as UTF-8 bytes that the parser reads back unchanged", () => {
    const parser = createSseParser();
    const messages = [...parser.push(encodeEvents(events)), ...parser.end()];
    expect(messages.map((m) => m.event)).toEqual(["ping", "content_block_delta", "message_stop"]);
    expect(messages.map((m) => JSON.parse(m.data))).toEqual(events);
  });

  test("encodes nothing as no bytes", () => {
    expect(encodeEvents([]).length).toBe(0);
  });
});

describe("encodeComment", () => {
  test("writes a comment frame that parsers ignore", () => {
    const bytes = encodeComment("keep-alive");
    expect(new TextDecoder().decode(bytes)).toBe(": keep-alive\n\n");
    const parser = createSseParser();
    expect([...parser.push(bytes), ...parser.end()]).toEqual([]);
  });
});

describe("encodeJsonEvent", () => {
  test("frames a value with embedded newlines as one data line that the parser reads back whole", () => {
    const value = { text: "two\nlines", n: 1 };
    const parser = createSseParser();
    const messages = [...parser.push(encodeJsonEvent(value, "request")), ...parser.end()];
    expect(messages).toHaveLength(1);
    expect(messages[0]?.event).toBe("request");
    expect(JSON.parse(messages[0]?.data ?? "")).toEqual(value);
  });
});
