// Folds a complete Anthropic event list into one Message, so non-streaming responses reuse the stream reducers
// (DESIGN.md §1: one source of truth).
import type { AnthropicMessage, ResponseBlock, StreamEvent } from "../formats/anthropic.ts";
import { parseToolArguments } from "./tool-arguments.ts";

/** The folded message, or the error event the stream ended with. */
export type FoldResult =
  | { ok: true; message: AnthropicMessage }
  | { ok: false; error: { type: string; message: string } };

type Draft =
  | { type: "text"; text: string }
  | { type: "thinking"; thinking: string; signature: string }
  | { type: "redacted_thinking"; data: string }
  | { type: "tool_use"; id: string; name: string; json: string };

function finish(draft: Draft): ResponseBlock {
  if (draft.type !== "tool_use") return draft;
  return { type: "tool_use", id: draft.id, name: draft.name, input: parseToolArguments(draft.json) };
}

function applyDelta(draft: Draft, event: Extract<StreamEvent, { type: "content_block_delta" }>): void {
  const d = event.delta;
  if (d.type === "text_delta" && draft.type === "text") draft.text += d.text;
  else if (d.type === "thinking_delta" && draft.type === "thinking") draft.thinking += d.thinking;
  else if (d.type === "signature_delta" && draft.type === "thinking") draft.signature = d.signature;
  else if (d.type === "input_json_delta" && draft.type === "tool_use") draft.json += d.partial_json;
}

function startDraft(event: Extract<StreamEvent, { type: "content_block_start" }>): Draft {
  const b = event.content_block;
  if (b.type === "tool_use") return { type: "tool_use", id: b.id, name: b.name, json: "" };
  return { ...b };
}

/** Builds the message from `message_start`, the blocks in index order, and `message_delta`; tool inputs are parsed
 * (with lenient repair) from their accumulated JSON. */
export function messageFromEvents(events: readonly StreamEvent[]): FoldResult {
  let message: AnthropicMessage | undefined;
  const drafts = new Map<number, Draft>();
  for (const event of events) {
    if (event.type === "error") return { ok: false, error: event.error };
    if (event.type === "message_start") message = { ...event.message, content: [] };
    else if (event.type === "content_block_start") drafts.set(event.index, startDraft(event));
    else if (event.type === "content_block_delta") {
      const draft = drafts.get(event.index);
      if (draft !== undefined) applyDelta(draft, event);
    } else if (event.type === "message_delta" && message !== undefined) {
      message = { ...message, ...event.delta, usage: event.usage };
    }
  }
  if (message === undefined) return { ok: false, error: { type: "api_error", message: "no message was produced" } };
  const content = [...drafts.entries()].sort(([a], [b]) => a - b).map(([, draft]) => finish(draft));
  return { ok: true, message: { ...message, content } };
}
