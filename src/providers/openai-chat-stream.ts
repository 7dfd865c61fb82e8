// OpenAI Chat Completions SSE → Anthropic stream events (conversion spec §4), one upstream message at a time.
import { openingEvents } from "./block-emitter.ts";
import * as v from "valibot";
import type { StreamEvent } from "../formats/anthropic.ts";
import { type ChatChunk, ChatChunkSchema, type ChatUsage } from "../formats/openai-chat.ts";
import type { SseMessage } from "../sse/parse.ts";
import type { ResponseContext, StreamConverter } from "./adapter.ts";
import { messageId } from "./ids.ts";
import { type ChatStreamState, applyDelta, closeAll, countUnnamedCalls, createChatStreamState, firstText } from "./openai-chat-deltas.ts";
import { chatStopReason, finishError } from "./stop-reason.ts";
import { streamErrorEvent } from "./upstream-error.ts";
import { estimateTokens, usageFromChat } from "./usage.ts";

/** The converter, plus how many tool-argument fragments it had to drop (late fragments, never-named calls). */
export interface OpenAiChatStream extends StreamConverter {
  droppedFragments(): number;
}

/** Stream-level facts next to the content state. */
interface StreamState {
  readonly content: ChatStreamState;
  started: boolean;
  /** message_stop or error was emitted: nothing more may follow. */
  done: boolean;
  sawDone: boolean;
  finish: string | null;
  stopString: unknown;
  usage: ChatUsage | undefined;
}

function parsePayload(data: string): { json: unknown; chunk: ChatChunk } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch (err) {
    if (err instanceof SyntaxError) return undefined; // not JSON: skipped, never forwarded (§1.2)
    throw err;
  }
  const parsed = v.safeParse(ChatChunkSchema, json);
  return parsed.success ? { json, chunk: parsed.output } : undefined;
}

/** message_start (seeded with the input estimate and all four usage keys) and a ping, once. */
function emitStartIfNeeded(s: StreamState, model: string | null | undefined): void {
  if (s.started) return;
  s.started = true;
  const { ctx, blocks } = s.content;
  for (const event of openingEvents(messageId(), firstText(model, ctx.model), ctx.inputTokens)) blocks.emit(event);
}

/** A terminal error: no block stop, no message_delta after it (§1.3). */
function fail(s: StreamState, event: StreamEvent): StreamEvent[] {
  emitStartIfNeeded(s, undefined);
  s.content.blocks.emit(event);
  s.done = true;
  return s.content.blocks.take();
}

function finalize(s: StreamState): StreamEvent[] {
  if (!s.sawDone && s.finish === null) {
    return fail(s, { type: "error", error: { type: "api_error", message: "upstream stream ended before completion" } });
  }
  const c = s.content;
  emitStartIfNeeded(s, undefined);
  closeAll(c);
  countUnnamedCalls(c);
  const estimate = { inputTokens: c.ctx.inputTokens, outputTokens: estimateTokens(c.blocks.emittedChars) };
  c.blocks.emit({
    type: "message_delta",
    delta: chatStopReason(s.finish, { emittedTool: c.emittedTool, stopString: s.stopString, refused: c.refused }),
    usage: usageFromChat(s.usage, estimate),
  });
  c.blocks.emit({ type: "message_stop" });
  s.done = true;
  return c.blocks.take();
}

/** The upstream error a payload carries, if any: top-level, in the choice, as an `error` event, or as a finish. */
function errorOf(message: SseMessage, json: unknown, chunk: ChatChunk): unknown {
  const choice = chunk.choices?.[0];
  const found = chunk.error ?? choice?.error;
  if (found !== null && found !== undefined) return found;
  if (message.event === "error") return json;
  return finishError(choice?.finish_reason);
}

function onPayload(s: StreamState, message: SseMessage): StreamEvent[] {
  const parsed = parsePayload(message.data);
  if (parsed === undefined) return message.event === "error" ? fail(s, streamErrorEvent(message.data)) : [];
  const error = errorOf(message, parsed.json, parsed.chunk);
  if (error !== undefined) return fail(s, streamErrorEvent(error));
  const { chunk } = parsed;
  emitStartIfNeeded(s, chunk.model);
  if (chunk.usage !== null && chunk.usage !== undefined) s.usage = chunk.usage; // last one wins
  const choice = chunk.choices?.[0];
  // After finish_reason only usage counts (§4.3); content is ignored.
  if (choice === undefined || s.finish !== null) return s.content.blocks.take();
  applyDelta(s.content, choice.delta ?? {});
  if (choice.finish_reason !== null && choice.finish_reason !== undefined) {
    s.finish = choice.finish_reason;
    s.stopString = choice.stop_reason;
    closeAll(s.content);
  }
  return s.content.blocks.take();
}

/** A fresh converter for one upstream response. */
export function createOpenAiChatStream(ctx: ResponseContext): OpenAiChatStream {
  const s: StreamState = {
    content: createChatStreamState(ctx),
    started: false,
    done: false,
    sawDone: false,
    finish: null,
    stopString: undefined,
    usage: undefined,
  };
  return {
    push(message) {
      if (s.done) return [];
      if (message.data.trim() !== "[DONE]") return onPayload(s, message);
      s.sawDone = true;
      return finalize(s);
    },
    end() {
      return s.done ? [] : finalize(s);
    },
    droppedFragments() {
      return s.content.dropped;
    },
  };
}
