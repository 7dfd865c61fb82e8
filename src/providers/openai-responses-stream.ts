// OpenAI Responses SSE → Anthropic stream events (conversion spec §9.2); the JSON `type` is authoritative.
import { openingEvents } from "./block-emitter.ts";
import * as v from "valibot";
import type { StreamEvent } from "../formats/anthropic.ts";
import { type ResponsesResponse, type ResponsesStreamEvent, ResponsesStreamEventSchema } from "../formats/openai-responses.ts";
import type { SseMessage } from "../sse/parse.ts";
import type { ResponseContext, StreamConverter } from "./adapter.ts";
import { messageId } from "./ids.ts";
import {
  type ItemState,
  addCall,
  callArguments,
  closeItems,
  createItemState,
  finishCall,
  finishMessage,
  finishReasoning,
  itemKey,
  reasoningDelta,
  textDelta,
} from "./openai-responses-items.ts";
import { responsesStopReason } from "./stop-reason.ts";
import { streamErrorEvent } from "./upstream-error.ts";
import { estimateTokens, usageFromResponses } from "./usage.ts";

interface StreamState {
  readonly items: ItemState;
  started: boolean;
  /** message_stop or error was emitted: nothing more may follow. */
  done: boolean;
}

function parseEvent(data: string): ResponsesStreamEvent | undefined {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch (err) {
    if (err instanceof SyntaxError) return undefined; // not JSON: skipped, never forwarded (§1.2)
    throw err;
  }
  const parsed = v.safeParse(ResponsesStreamEventSchema, json);
  return parsed.success ? parsed.output : undefined;
}

/** message_start (seeded with the input estimate and all four usage keys) and a ping, once. */
function emitStartIfNeeded(s: StreamState, model: string | null | undefined): void {
  if (s.started) return;
  s.started = true;
  const { ctx, blocks } = s.items;
  for (const event of openingEvents(messageId(), typeof model === "string" && model !== "" ? model : ctx.model, ctx.inputTokens)) blocks.emit(event);
}

/** A terminal error: no block stop, no message_delta after it (§1.3). */
function fail(s: StreamState, event: StreamEvent): StreamEvent[] {
  emitStartIfNeeded(s, undefined);
  s.items.blocks.emit(event);
  s.done = true;
  return s.items.blocks.take();
}

/** `response.completed` / `response.incomplete`: close everything, stop reason and usage, message_stop. */
function finish(s: StreamState, response: ResponsesResponse | null | undefined, status: string): StreamEvent[] {
  const items = s.items;
  closeItems(items);
  const estimate = { inputTokens: items.ctx.inputTokens, outputTokens: estimateTokens(items.blocks.emittedChars) };
  const stop = responsesStopReason(status, response?.incomplete_details?.reason, items);
  items.blocks.emit({ type: "message_delta", delta: { stop_reason: stop, stop_sequence: null }, usage: usageFromResponses(response?.usage, estimate) });
  items.blocks.emit({ type: "message_stop" });
  s.done = true;
  return items.blocks.take();
}

function onItemDone(items: ItemState, event: ResponsesStreamEvent): void {
  const item = event.item;
  if (item === null || item === undefined) return;
  const key = itemKey(item.id ?? event.item_id, event.output_index);
  if (item.type === "function_call") finishCall(items, key, item);
  else if (item.type === "reasoning") finishReasoning(items, key, item);
  else if (item.type === "message") finishMessage(items);
}

function onContent(items: ItemState, event: ResponsesStreamEvent): void {
  const key = itemKey(event.item_id, event.output_index);
  const delta = event.delta ?? "";
  switch (event.type) {
    case "response.output_item.added":
      if (event.item?.type === "function_call") addCall(items, itemKey(event.item.id ?? event.item_id, event.output_index), event.item);
      return;
    case "response.function_call_arguments.delta":
      return callArguments(items, key, delta);
    case "response.reasoning_summary_text.delta":
      return reasoningDelta(items, key, delta, event.summary_index ?? undefined);
    case "response.reasoning_text.delta":
      return reasoningDelta(items, key, delta, undefined);
    case "response.output_text.delta":
      return textDelta(items, delta, false);
    case "response.refusal.delta":
      return textDelta(items, delta, true);
    case "response.output_item.done":
      return onItemDone(items, event);
  }
}

function onEvent(s: StreamState, event: ResponsesStreamEvent): StreamEvent[] {
  switch (event.type) {
    case "error":
      return fail(s, streamErrorEvent(event));
    case "response.failed":
      return fail(s, streamErrorEvent(event.response?.error ?? { message: "upstream response failed" }));
    case "response.cancelled":
      return fail(s, streamErrorEvent({ message: "upstream response was cancelled" }));
    case "response.completed":
    case "response.incomplete":
      emitStartIfNeeded(s, event.response?.model);
      return finish(s, event.response, event.type === "response.incomplete" ? "incomplete" : "completed");
  }
  emitStartIfNeeded(s, event.response?.model);
  onContent(s.items, event);
  return s.items.blocks.take();
}

/** A fresh converter for one upstream response. */
export function createOpenAiResponsesStream(ctx: ResponseContext): StreamConverter {
  const s: StreamState = { items: createItemState(ctx), started: false, done: false };
  return {
    push(message: SseMessage) {
      if (s.done) return [];
      const event = parseEvent(message.data);
      return event === undefined ? [] : onEvent(s, event);
    },
    end() {
      if (s.done) return [];
      return fail(s, { type: "error", error: { type: "api_error", message: "upstream stream ended before completion" } });
    },
  };
}
