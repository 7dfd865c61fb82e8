import { describe, expect, test } from "bun:test";
import type { StreamEvent } from "../../src/formats/anthropic.ts";
import { assertAnthropicStreamGrammar } from "./stream-grammar.ts";

const usage = { input_tokens: 1, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
const start: StreamEvent = {
  type: "message_start",
  message: { id: "msg_1", type: "message", role: "assistant", model: "m", content: [], stop_reason: null, stop_sequence: null, usage },
};
const textStart: StreamEvent = { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } };
const text = (index: number): StreamEvent => ({ type: "content_block_delta", index, delta: { type: "text_delta", text: "x" } });
const stop = (index: number): StreamEvent => ({ type: "content_block_stop", index });
const end: StreamEvent[] = [
  { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage },
  { type: "message_stop" },
];
const thinkingStart: StreamEvent = { type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "", signature: "" } };
const sig: StreamEvent = { type: "content_block_delta", index: 0, delta: { type: "signature_delta", signature: "s" } };
const { cache_read_input_tokens: _dropped, ...partialUsage } = usage;
const error: StreamEvent = { type: "error", error: { type: "api_error", message: "x" } };

describe("assertAnthropicStreamGrammar", () => {
  test("accepts a complete stream with pings anywhere after message_start", () => {
    expect(() => assertAnthropicStreamGrammar([start, { type: "ping" }, textStart, text(0), { type: "ping" }, stop(0), ...end])).not.toThrow();
  });

  test("accepts an error right after an open block", () => {
    expect(() => assertAnthropicStreamGrammar([start, textStart, text(0), error])).not.toThrow();
  });

  test.each<[string, StreamEvent[]]>([
    ["no message_start first", [textStart, text(0), stop(0), ...end]],
    ["a delta for a block that is not open", [start, text(0), ...end]],
    ["two open blocks", [start, textStart, { ...textStart, index: 1 }, ...end]],
    ["indices that skip", [start, { ...textStart, index: 1 }, stop(1), ...end]],
    ["a delta of the wrong type", [start, thinkingStart, text(0), sig, stop(0), ...end]],
    ["a thinking block without a signature", [start, thinkingStart, stop(0), ...end]],
    ["two signatures", [start, thinkingStart, sig, sig, stop(0), ...end]],
    ["message_delta while a block is open", [start, textStart, ...end]],
    ["no message_delta", [start, { type: "message_stop" }]],
    ["an event after message_stop", [start, ...end, { type: "ping" }]],
    ["an event after an error", [start, error, ...end]],
    ["a stream that just stops", [start, textStart, text(0), stop(0)]],
    // Deliberately ill-typed: the checker must catch what the type system would have.
    ["a usage object missing a key", [start, { ...end[0], usage: partialUsage } as StreamEvent, { type: "message_stop" }]],
  ])("rejects %s", (_why, events) => {
    expect(() => assertAnthropicStreamGrammar(events)).toThrow(/stream grammar violated/);
  });
});
