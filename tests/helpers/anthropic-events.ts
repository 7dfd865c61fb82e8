// Builders for Anthropic event streams fed through `events` hooks one event per call, as the proxy does per upstream chunk.
import type { AnthropicMessage, StopReason, StreamEvent } from "../../src/formats/anthropic.ts";
import type { TransformContext, Transformer } from "../../src/transformers/transformer.ts";

const usage = { input_tokens: 5, output_tokens: 3, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };

const message: AnthropicMessage = {
  id: "msg_1",
  type: "message",
  role: "assistant",
  model: "m",
  content: [],
  stop_reason: null,
  stop_sequence: null,
  usage,
};

/** A text block at `index`, streamed in the given pieces. */
export function textBlock(index: number, pieces: readonly string[]): StreamEvent[] {
  return [
    { type: "content_block_start", index, content_block: { type: "text", text: "" } },
    ...pieces.map((text): StreamEvent => ({ type: "content_block_delta", index, delta: { type: "text_delta", text } })),
    { type: "content_block_stop", index },
  ];
}

/** A tool_use block at `index` whose arguments arrive in the given fragments. */
export function toolBlock(index: number, name: string, fragments: readonly string[]): StreamEvent[] {
  return [
    { type: "content_block_start", index, content_block: { type: "tool_use", id: `toolu_${index}`, name, input: {} } },
    ...fragments.map((partial_json): StreamEvent => ({ type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json } })),
    { type: "content_block_stop", index },
  ];
}

/** A complete stream around the given blocks. */
export function stream(blocks: readonly StreamEvent[], stopReason: StopReason): StreamEvent[] {
  return [
    { type: "message_start", message },
    ...blocks,
    { type: "message_delta", delta: { stop_reason: stopReason, stop_sequence: null }, usage },
    { type: "message_stop" },
  ];
}

/** Runs the events of one stream through the `events` hooks of a chain, one upstream event per call, with one context. */
export function runEvents(chain: readonly Transformer[], events: readonly StreamEvent[]): StreamEvent[] {
  const ctx: TransformContext = { provider: "p", model: "m" };
  return events.flatMap((event) => chain.reduce<StreamEvent[]>((acc, t) => (t.events ? t.events(acc, ctx) : acc), [event]));
}

/** The final content as a client would assemble it: text per block, tool inputs parsed. */
export function assembled(events: readonly StreamEvent[]): unknown[] {
  const blocks = new Map<number, { type: string; text: string; name?: string }>();
  for (const e of events) {
    if (e.type === "content_block_start") {
      const name = e.content_block.type === "tool_use" ? e.content_block.name : undefined;
      blocks.set(e.index, { type: e.content_block.type, text: "", ...(name === undefined ? {} : { name }) });
    }
    if (e.type !== "content_block_delta") continue;
    const block = blocks.get(e.index);
    if (block === undefined) continue;
    if (e.delta.type === "text_delta") block.text += e.delta.text;
    if (e.delta.type === "input_json_delta") block.text += e.delta.partial_json;
  }
  return [...blocks.values()].map((b) => (b.type === "tool_use" ? { type: b.type, name: b.name, input: JSON.parse(b.text) } : { type: b.type, text: b.text }));
}
