import { describe, expect, test } from "bun:test";
import type { StreamEvent } from "../../src/formats/anthropic.ts";
import { messageFromEvents } from "../../src/providers/message-from-events.ts";

const usage = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
const start: StreamEvent = {
  type: "message_start",
  message: { id: "msg_1", type: "message", role: "assistant", model: "m", content: [], stop_reason: null, stop_sequence: null, usage },
};

describe("messageFromEvents", () => {
  test("folds blocks in index order, joining deltas and parsing tool input leniently", () => {
    const finalUsage = { ...usage, input_tokens: 5, output_tokens: 7 };
    const result = messageFromEvents([
      start,
      { type: "ping" },
      { type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "", signature: "" } },
      { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "hm" } },
      { type: "content_block_delta", index: 0, delta: { type: "signature_delta", signature: "sig" } },
      { type: "content_block_stop", index: 0 },
      { type: "content_block_start", index: 1, content_block: { type: "text", text: "" } },
      { type: "content_block_delta", index: 1, delta: { type: "text_delta", text: "a" } },
      { type: "content_block_delta", index: 1, delta: { type: "text_delta", text: "b" } },
      { type: "content_block_stop", index: 1 },
      { type: "content_block_start", index: 2, content_block: { type: "tool_use", id: "t1", name: "Read", input: {} } },
      { type: "content_block_delta", index: 2, delta: { type: "input_json_delta", partial_json: '{"p":' } },
      { type: "content_block_delta", index: 2, delta: { type: "input_json_delta", partial_json: '"x",}' } },
      { type: "content_block_stop", index: 2 },
      { type: "message_delta", delta: { stop_reason: "tool_use", stop_sequence: null }, usage: finalUsage },
      { type: "message_stop" },
    ]);
    expect(result).toEqual({
      ok: true,
      message: {
        id: "msg_1",
        type: "message",
        role: "assistant",
        model: "m",
        content: [
          { type: "thinking", thinking: "hm", signature: "sig" },
          { type: "text", text: "ab" },
          { type: "tool_use", id: "t1", name: "Read", input: { p: "x" } },
        ],
        stop_reason: "tool_use",
        stop_sequence: null,
        usage: finalUsage,
      },
    });
  });

  test("reports the error a stream ended with", () => {
    expect(messageFromEvents([start, { type: "error", error: { type: "overloaded_error", message: "busy" } }])).toEqual({
      ok: false,
      error: { type: "overloaded_error", message: "busy" },
    });
  });

  test("reports a missing message_start as an error", () => {
    expect(messageFromEvents([]).ok).toBe(false);
  });
});
