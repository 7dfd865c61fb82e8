// CCR `enhancetool`: buffers streamed tool-call arguments and emits them repaired when the call completes
// (conversion spec §1.9 buffered mode; fixes ref bug T1 by flushing on block stop, whatever the finish reason).
import * as v from "valibot";
import type { StreamEvent } from "../formats/anthropic.ts";
import { parseToolArguments } from "../providers/tool-arguments.ts";
import { noOptions } from "./no-options.ts";
import { streamState } from "./stream-state.ts";
import type { Transformer } from "./transformer.ts";

/** Argument text collected per open tool_use block index. */
type Buffers = Map<number, string>;

function step(buffers: Buffers, event: StreamEvent): StreamEvent[] {
  if (event.type === "content_block_start" && event.content_block.type === "tool_use") {
    buffers.set(event.index, "");
    return [event];
  }
  if (event.type === "content_block_delta" && event.delta.type === "input_json_delta" && buffers.has(event.index)) {
    buffers.set(event.index, (buffers.get(event.index) ?? "") + event.delta.partial_json);
    return [];
  }
  if (event.type === "content_block_stop" && buffers.has(event.index)) {
    const input = parseToolArguments(buffers.get(event.index));
    buffers.delete(event.index);
    const delta: StreamEvent = { type: "content_block_delta", index: event.index, delta: { type: "input_json_delta", partial_json: JSON.stringify(input) } };
    return [delta, event];
  }
  return [event];
}

/** Text and thinking stream as they come; each tool call arrives as one repaired `input_json_delta` at its end. */
export function enhanceTool(options: unknown): Transformer {
  v.parse(noOptions, options);
  const state = streamState<Buffers>(() => new Map());
  return {
    name: "enhancetool",
    events: (events, ctx) => {
      const buffers = state(ctx, events);
      return events.flatMap((event) => step(buffers, event));
    },
  };
}
