import { describe, expect, test } from "bun:test";
import { byteTap, usageFromJsonTail } from "../../src/usage/byte-tap.ts";
import { newFacts } from "../../src/usage/facts.ts";

const enc = new TextEncoder();

const SSE =
  'event: message_start\ndata: {"type":"message_start","message":{"id":"m","usage":{"input_tokens":12,"cache_read_input_tokens":30,"output_tokens":1}}}\n\n' +
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello there"}}\n\n' +
  'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":9}}\n\n';

describe("byteTap", () => {
  test("reads usage from an Anthropic stream cut at every byte, and marks the first byte", () => {
    const facts = newFacts(true, false);
    const tap = byteTap(facts, true);
    const bytes = enc.encode(SSE);
    for (let i = 0; i < bytes.length; i++) tap.push(bytes.subarray(i, i + 1));
    tap.end();
    expect(facts.usage).toEqual({ input_tokens: 12, cache_read_input_tokens: 30, output_tokens: 9 });
    expect(facts.ttftMs).not.toBeNull();
  });

  test("notes the type of an error event in the stream", () => {
    const facts = newFacts(true, false);
    const tap = byteTap(facts, true);
    tap.push(enc.encode('event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"busy"}}\n\n'));
    tap.end();
    expect(facts.streamError).toBe("overloaded_error");
  });

  test("reads usage from the end of a JSON message and keeps the body only when asked", () => {
    const message = JSON.stringify({ id: "m", content: [{ type: "text", text: "x".repeat(10_000) }], usage: { input_tokens: 4, output_tokens: 2 } });
    for (const keep of [false, true]) {
      const facts = newFacts(false, keep);
      const tap = byteTap(facts, false);
      tap.push(enc.encode(message.slice(0, 5000)));
      tap.push(enc.encode(message.slice(5000)));
      tap.end();
      expect(facts.usage).toEqual({ input_tokens: 4, output_tokens: 2 });
      expect(facts.responseBody).toBe(keep ? message : undefined);
    }
  });
});

describe("usageFromJsonTail", () => {
  test("is undefined without a usage object", () => {
    expect(usageFromJsonTail('{"id":"m"}')).toBeUndefined();
  });
});
