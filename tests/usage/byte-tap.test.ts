import { describe, expect, test } from "bun:test";
import { byteTap, oneHourWritesFromJsonTail, usageFromJsonTail } from "../../src/usage/byte-tap.ts";
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

describe("byteTap and 1-hour cache writes", () => {
  const usage = { input_tokens: 5, cache_creation_input_tokens: 3000, cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 2000 }, output_tokens: 1 };

  test("notes how many cache writes had the 1-hour TTL in a stream", () => {
    const facts = newFacts(true, false);
    const tap = byteTap(facts, true);
    tap.push(enc.encode(`event: message_start\ndata: ${JSON.stringify({ type: "message_start", message: { id: "m", usage } })}\n\n`));
    tap.end();
    expect(facts.usage?.cache_creation_input_tokens).toBe(3000);
    expect(facts.cacheWrite1h).toBe(2000);
  });

  test("notes them from the end of a JSON message, and not without a usage object", () => {
    const facts = newFacts(false, false);
    const tap = byteTap(facts, false);
    tap.push(enc.encode(JSON.stringify({ id: "m", content: [], usage })));
    tap.end();
    expect(facts.cacheWrite1h).toBe(2000);
    expect(oneHourWritesFromJsonTail('{"ephemeral_1h_input_tokens": 7}')).toBeUndefined();
  });
});

describe("usageFromJsonTail", () => {
  test("is undefined without a usage object", () => {
    expect(usageFromJsonTail('{"id":"m"}')).toBeUndefined();
  });
});
