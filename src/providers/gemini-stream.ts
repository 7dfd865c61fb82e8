// Gemini `streamGenerateContent?alt=sse` → Anthropic stream events (conversion spec §7), one payload at a time.
import { openingEvents } from "./block-emitter.ts";
import * as v from "valibot";
import type { StreamEvent } from "../formats/anthropic.ts";
import { type GeminiResponse, GeminiResponseSchema, type GeminiUsage } from "../formats/gemini.ts";
import type { ResponseContext, StreamConverter } from "./adapter.ts";
import { type GeminiContentState, applyPart, closeAll, createGeminiContentState } from "./gemini-parts.ts";
import { messageId } from "./ids.ts";
import { geminiFinishError, geminiStopReason } from "./stop-reason.ts";
import { streamErrorEvent } from "./upstream-error.ts";
import { estimateTokens, usageFromGemini } from "./usage.ts";

interface StreamState {
  readonly content: GeminiContentState;
  started: boolean;
  done: boolean;
  finish: string | null;
  /** `promptFeedback.blockReason` arrived with no candidates: the prompt itself was refused. */
  blocked: boolean;
  usage: GeminiUsage | undefined;
}

function parsePayload(data: string): GeminiResponse | undefined {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch (err) {
    if (err instanceof SyntaxError) return undefined; // not JSON: skipped, never forwarded (§1.2)
    throw err;
  }
  // Some error paths send a JSON array of error objects.
  const first: unknown = Array.isArray(json) ? json[0] : json;
  const parsed = v.safeParse(GeminiResponseSchema, first);
  return parsed.success ? parsed.output : undefined;
}

/** `msg_` + the upstream response id made safe, or a random id. */
function idFor(responseId: string | null | undefined): string {
  const safe = (responseId ?? "").replace(/[^A-Za-z0-9_-]/g, "");
  return safe === "" ? messageId() : `msg_${safe}`;
}

function emitStartIfNeeded(s: StreamState, chunk: GeminiResponse | undefined): void {
  if (s.started) return;
  s.started = true;
  const { ctx, blocks } = s.content;
  for (const event of openingEvents(idFor(chunk?.responseId), chunk?.modelVersion ?? ctx.model, ctx.inputTokens)) blocks.emit(event);
}

function fail(s: StreamState, event: StreamEvent): StreamEvent[] {
  emitStartIfNeeded(s, undefined);
  s.content.blocks.emit(event);
  s.done = true;
  return s.content.blocks.take();
}

function finalize(s: StreamState): StreamEvent[] {
  const c = s.content;
  if (s.finish === null && !s.blocked) {
    return fail(s, { type: "error", error: { type: "api_error", message: "upstream stream ended before completion" } });
  }
  const error = s.finish === null ? undefined : geminiFinishError(s.finish, c.producedContent);
  if (error !== undefined) return fail(s, streamErrorEvent(error));
  emitStartIfNeeded(s, undefined);
  closeAll(c);
  const stop = s.finish === null ? "refusal" : geminiStopReason(s.finish, c.calls > 0);
  const estimate = { inputTokens: c.ctx.inputTokens, outputTokens: estimateTokens(c.blocks.emittedChars) };
  c.blocks.emit({ type: "message_delta", delta: { stop_reason: stop, stop_sequence: null }, usage: usageFromGemini(s.usage, estimate) });
  c.blocks.emit({ type: "message_stop" });
  s.done = true;
  return c.blocks.take();
}

function onPayload(s: StreamState, data: string): StreamEvent[] {
  const chunk = parsePayload(data);
  if (chunk === undefined) return [];
  if (chunk.error !== undefined && chunk.error !== null) return fail(s, streamErrorEvent(chunk));
  emitStartIfNeeded(s, chunk);
  if (chunk.usageMetadata !== undefined && chunk.usageMetadata !== null) s.usage = chunk.usageMetadata; // cumulative
  const candidate = chunk.candidates?.[0];
  if (candidate === undefined) {
    if (typeof chunk.promptFeedback?.blockReason === "string") s.blocked = true;
    return s.content.blocks.take();
  }
  // After finishReason only usage counts.
  if (s.finish !== null) return s.content.blocks.take();
  for (const part of candidate.content?.parts ?? []) applyPart(s.content, part);
  if (typeof candidate.finishReason === "string" && candidate.finishReason !== "") {
    s.finish = candidate.finishReason;
    closeAll(s.content);
  }
  return s.content.blocks.take();
}

/** A fresh converter for one upstream response; the stream ends at EOF (Gemini sends no `[DONE]`). */
export function createGeminiStream(ctx: ResponseContext): StreamConverter {
  const s: StreamState = {
    content: createGeminiContentState(ctx),
    started: false,
    done: false,
    finish: null,
    blocked: false,
    usage: undefined,
  };
  return {
    push(message) {
      return s.done ? [] : onPayload(s, message.data);
    },
    end() {
      return s.done ? [] : finalize(s);
    },
  };
}
