import { describe, expect, test } from "bun:test";
import type { AnthropicMessage, StreamEvent } from "../../src/formats/anthropic.ts";
import { messageToEvents } from "../../src/providers/message-events.ts";
import { assertAnthropicStreamGrammar } from "../helpers/stream-grammar.ts";

const message: AnthropicMessage = {
  id: "msg_1",
  type: "message",
  role: "assistant",
  model: "m",
  content: [
    { type: "thinking", thinking: "plan", signature: "sig" },
    { type: "text", text: "Writing it." },
    { type: "tool_use", id: "call_1", name: "Write", input: { file_path: "/tmp/a", content: "x" } },
  ],
  stop_reason: "tool_use",
  stop_sequence: null,
  usage: { input_tokens: 10, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 3 },
};

/** Rebuilds a message from events the way the SDK accumulates them. */
function accumulate(events: StreamEvent[]): AnthropicMessage {
  let out: AnthropicMessage | undefined;
  const json: string[] = [];
  for (const e of events) {
    if (e.type === "message_start") out = structuredClone(e.message);
    if (!out) continue;
    if (e.type === "content_block_start") {
      out.content.push(structuredClone(e.content_block) as AnthropicMessage["content"][number]);
      json[e.index] = "";
    }
    if (e.type === "content_block_delta") {
      const block = out.content[e.index]!;
      if (e.delta.type === "text_delta" && block.type === "text") block.text += e.delta.text;
      if (e.delta.type === "thinking_delta" && block.type === "thinking") block.thinking += e.delta.thinking;
      if (e.delta.type === "signature_delta" && block.type === "thinking") block.signature = e.delta.signature;
      if (e.delta.type === "input_json_delta") json[e.index] += e.delta.partial_json;
    }
    if (e.type === "content_block_stop") {
      const block = out.content[e.index]!;
      if (block.type === "tool_use") block.input = JSON.parse(json[e.index] ?? "{}") as Record<string, unknown>;
    }
    if (e.type === "message_delta") {
      out.stop_reason = e.delta.stop_reason;
      out.stop_sequence = e.delta.stop_sequence;
      out.usage = e.usage;
    }
  }
  if (!out) throw new Error("no message_start");
  return out;
}

describe("messageToEvents", () => {
  test("produces a stream that follows the Anthropic grammar", () => {
    assertAnthropicStreamGrammar(messageToEvents(message));
  });
  test("rebuilds into the same message when accumulated like the SDK does", () => {
    expect(accumulate(messageToEvents(message))).toEqual(message);
  });
  test("starts with empty content and no stop reason", () => {
    const first = messageToEvents(message)[0];
    expect(first?.type === "message_start" && first.message.content).toEqual([]);
    expect(first?.type === "message_start" && first.message.stop_reason).toBeNull();
  });
});
