// A whole Anthropic message as the stream events that would have produced it (for upstreams that ignore `stream`).
import type { AnthropicMessage, BlockDelta, BlockStart, ResponseBlock, StreamEvent } from "../formats/anthropic.ts";

function blockEvents(block: ResponseBlock, index: number): StreamEvent[] {
  let start: BlockStart;
  const deltas: BlockDelta[] = [];
  switch (block.type) {
    case "text":
      start = { type: "text", text: "" };
      deltas.push({ type: "text_delta", text: block.text });
      break;
    case "thinking":
      start = { type: "thinking", thinking: "", signature: "" };
      deltas.push({ type: "thinking_delta", thinking: block.thinking }, { type: "signature_delta", signature: block.signature });
      break;
    case "redacted_thinking":
      start = { type: "redacted_thinking", data: block.data };
      break;
    case "tool_use":
      start = { type: "tool_use", id: block.id, name: block.name, input: {} };
      deltas.push({ type: "input_json_delta", partial_json: JSON.stringify(block.input) });
      break;
  }
  return [
    { type: "content_block_start", index, content_block: start },
    ...deltas.map((delta): StreamEvent => ({ type: "content_block_delta", index, delta })),
    { type: "content_block_stop", index },
  ];
}

/** message_start, one start/delta/stop group per block, message_delta with the usage, message_stop. */
export function messageToEvents(message: AnthropicMessage): StreamEvent[] {
  const head: AnthropicMessage = {
    ...message,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { ...message.usage, output_tokens: 0 },
  };
  return [
    { type: "message_start", message: head },
    ...message.content.flatMap(blockEvents),
    {
      type: "message_delta",
      delta: { stop_reason: message.stop_reason ?? "end_turn", stop_sequence: message.stop_sequence },
      usage: message.usage,
    },
    { type: "message_stop" },
  ];
}
