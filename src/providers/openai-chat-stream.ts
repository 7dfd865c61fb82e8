// OpenAI Chat Completions SSE → Anthropic stream events (conversion spec §4), one upstream message at a time.
import * as v from "valibot";
import type { StreamEvent } from "../formats/anthropic.ts";
import { type ChatChunk, type ChatUsage, ChatChunkSchema, type ToolCallFragment } from "../formats/openai-chat.ts";
import type { SseMessage } from "../sse/parse.ts";
import type { ResponseContext, StreamConverter } from "./adapter.ts";
import { createBlockEmitter } from "./block-emitter.ts";
import { type ChatToolCall, findToolCall, fragmentArguments, fragmentName, newToolCall } from "./chat-tool-calls.ts";
import { messageId } from "./ids.ts";
import {
  type ReasoningDetail,
  mergeReasoningDetails,
  reasoningDetailsText,
  redactedThinkingData,
  thinkingSignature,
} from "./reasoning-details.ts";
import { chatStopReason, finishError } from "./stop-reason.ts";
import { streamErrorEvent } from "./upstream-error.ts";
import { estimateTokens, usageFromChat } from "./usage.ts";

/** The converter, plus how many tool-argument fragments it had to drop (late fragments, never-named calls). */
export interface OpenAiChatStream extends StreamConverter {
  droppedFragments(): number;
}

type Delta = NonNullable<NonNullable<NonNullable<ChatChunk["choices"]>[number]["delta"]>>;

const WHITESPACE = /^\s*$/;

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

function firstText(...values: (string | null | undefined)[]): string {
  for (const value of values) if (typeof value === "string" && value !== "") return value;
  return "";
}

/** A fresh converter for one upstream response. */
export function createOpenAiChatStream(ctx: ResponseContext): OpenAiChatStream {
  const blocks = createBlockEmitter();
  const calls: ChatToolCall[] = [];
  let started = false;
  let done = false;
  let sawDone = false;
  let wsBuffer = "";
  let pendingRedacted: ReasoningDetail[] = [];
  let thinkingDetails: ReasoningDetail[] = [];
  let finish: string | null = null;
  let stopString: unknown;
  let usage: ChatUsage | undefined;
  let emittedTool = false;
  let refused = false;
  let dropped = 0;

  function emitStartIfNeeded(model: string | null | undefined): void {
    if (started) return;
    started = true;
    const zero = { output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    blocks.emit({
      type: "message_start",
      message: {
        id: messageId(),
        type: "message",
        role: "assistant",
        content: [],
        model: firstText(model, ctx.model),
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: ctx.inputTokens, ...zero },
      },
    });
    blocks.emit({ type: "ping" });
  }

  function fail(event: StreamEvent): StreamEvent[] {
    emitStartIfNeeded(undefined);
    blocks.emit(event);
    done = true;
    return blocks.take();
  }

  /** Encrypted reasoning with no readable text becomes one redacted_thinking block before the next block. */
  function flushRedacted(): void {
    if (pendingRedacted.length === 0) return;
    blocks.start({ type: "redacted_thinking", data: redactedThinkingData(pendingRedacted) }, undefined);
    pendingRedacted = [];
    blocks.close();
  }

  /** Opens a thinking block unless one is open; pending encrypted details join it instead of a redacted block. */
  function openThinking(): void {
    if (blocks.open?.kind === "thinking") return;
    blocks.close();
    thinkingDetails = pendingRedacted;
    pendingRedacted = [];
    wsBuffer = "";
    blocks.start({ type: "thinking", thinking: "", signature: "" }, undefined, () => [
      { type: "signature_delta", signature: thinkingSignature(thinkingDetails) },
    ]);
  }

  function onReasoning(delta: Delta): void {
    const details: ReasoningDetail[] = delta.reasoning_details ?? [];
    const text = firstText(delta.reasoning_content, delta.reasoning, reasoningDetailsText(details));
    if (text !== "") openThinking();
    if (blocks.open?.kind === "thinking") thinkingDetails = mergeReasoningDetails(thinkingDetails, details);
    else pendingRedacted = mergeReasoningDetails(pendingRedacted, details);
    if (text !== "") blocks.delta({ type: "thinking_delta", thinking: text });
  }

  function onText(delta: Delta): void {
    let text = delta.content ?? "";
    if (typeof delta.refusal === "string" && delta.refusal !== "") {
      refused = true;
      text += delta.refusal;
    }
    if (text === "") return;
    if (blocks.open?.kind === "text") return blocks.delta({ type: "text_delta", text });
    if (WHITESPACE.test(wsBuffer + text)) {
      wsBuffer += text;
      return;
    }
    const full = wsBuffer + text;
    wsBuffer = "";
    flushRedacted();
    blocks.start({ type: "text", text: "" }, undefined);
    blocks.delta({ type: "text_delta", text: full });
  }

  function startTool(call: ChatToolCall): void {
    blocks.close();
    flushRedacted();
    wsBuffer = "";
    emittedTool = true;
    call.state = "open";
    blocks.start({ type: "tool_use", id: call.id, name: call.name ?? "", input: {} }, call, () => {
      call.state = "closed";
      return call.argsEmitted ? [] : [{ type: "input_json_delta", partial_json: "{}" }];
    });
    if (call.pending !== "") {
      blocks.delta({ type: "input_json_delta", partial_json: call.pending });
      call.argsEmitted = true;
      call.pending = "";
    }
  }

  function onToolFragment(fragment: ToolCallFragment): void {
    let call = findToolCall(calls, fragment);
    if (call === undefined) {
      call = newToolCall(fragment);
      calls.push(call);
      blocks.close();
    }
    const name = fragmentName(fragment);
    if (call.name === undefined && name !== undefined) call.name = ctx.toolNames.get(name) ?? name;
    const args = fragmentArguments(fragment);
    if (call.state === "closed") {
      if (args !== "") dropped++; // §4.4: never append to another block
      return;
    }
    if (call.state === "deferred") {
      call.pending += args;
      if (call.name !== undefined) startTool(call);
      return;
    }
    if (args === "") return;
    blocks.delta({ type: "input_json_delta", partial_json: args });
    call.argsEmitted = true;
  }

  function finalize(): StreamEvent[] {
    if (!sawDone && finish === null) {
      return fail({ type: "error", error: { type: "api_error", message: "upstream stream ended before completion" } });
    }
    emitStartIfNeeded(undefined);
    blocks.close();
    flushRedacted();
    wsBuffer = "";
    for (const call of calls) if (call.state === "deferred" && call.pending !== "") dropped++;
    const estimate = { inputTokens: ctx.inputTokens, outputTokens: estimateTokens(blocks.emittedChars) };
    blocks.emit({
      type: "message_delta",
      delta: chatStopReason(finish, { emittedTool, stopString, refused }),
      usage: usageFromChat(usage, estimate),
    });
    blocks.emit({ type: "message_stop" });
    done = true;
    return blocks.take();
  }

  function errorOf(message: SseMessage, json: unknown, chunk: ChatChunk): unknown {
    const choice = chunk.choices?.[0];
    const found = chunk.error ?? choice?.error;
    if (found !== null && found !== undefined) return found;
    if (message.event === "error") return json;
    return finishError(choice?.finish_reason);
  }

  function onPayload(message: SseMessage): StreamEvent[] {
    const parsed = parsePayload(message.data);
    if (parsed === undefined) return [];
    const { json, chunk } = parsed;
    const error = errorOf(message, json, chunk);
    if (error !== undefined) return fail(streamErrorEvent(error));
    emitStartIfNeeded(chunk.model);
    if (chunk.usage !== null && chunk.usage !== undefined) usage = chunk.usage;
    const choice = chunk.choices?.[0];
    if (choice === undefined || finish !== null) return blocks.take();
    const delta = choice.delta ?? {};
    onReasoning(delta);
    onText(delta);
    for (const fragment of delta.tool_calls ?? []) onToolFragment(fragment);
    if (choice.finish_reason !== null && choice.finish_reason !== undefined) {
      finish = choice.finish_reason;
      stopString = choice.stop_reason;
      blocks.close();
    }
    return blocks.take();
  }

  return {
    push(message) {
      if (done) return [];
      if (message.data.trim() === "[DONE]") {
        sawDone = true;
        return finalize();
      }
      return onPayload(message);
    },
    end() {
      return done ? [] : finalize();
    },
    droppedFragments() {
      return dropped;
    },
  };
}
