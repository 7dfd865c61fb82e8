// Drives the OpenAI Chat stream converter with scripted payloads and checks every run against the stream grammar.
import type { StreamEvent } from "../../src/formats/anthropic.ts";
import { type ResponseContext, defaultProfile } from "../../src/providers/adapter.ts";
import { type OpenAiChatStream, createOpenAiChatStream } from "../../src/providers/openai-chat-stream.ts";
import { assertAnthropicStreamGrammar } from "./stream-grammar.ts";

/** A response context with test defaults: provider `test`, model `ctx-model`, 100 estimated input tokens. */
export function responseContext(overrides: Partial<ResponseContext> = {}): ResponseContext {
  return {
    provider: "test",
    model: "ctx-model",
    profile: defaultProfile,
    toolNames: new Map(),
    inputTokens: 100,
    ...overrides,
  };
}

/** One scripted upstream message: an object is JSON-encoded, a string is sent as the data verbatim. */
export type Payload = object | string;

/** Pushes each payload (then `[DONE]` unless `done: false`), calls `end()`, asserts the grammar, returns all events. */
export function runChatStream(
  payloads: readonly Payload[],
  opts: { done?: boolean; ctx?: Partial<ResponseContext> } = {},
): { events: StreamEvent[]; stream: OpenAiChatStream } {
  const stream = createOpenAiChatStream(responseContext(opts.ctx));
  const events: StreamEvent[] = [];
  for (const payload of payloads) {
    events.push(...stream.push({ event: undefined, data: typeof payload === "string" ? payload : JSON.stringify(payload) }));
  }
  if (opts.done !== false) events.push(...stream.push({ event: undefined, data: "[DONE]" }));
  events.push(...stream.end());
  assertAnthropicStreamGrammar(events);
  return { events, stream };
}

/** A chunk with one choice carrying `delta` (and optionally a finish_reason). */
export function chunk(delta: object, finish_reason: string | null = null, extra: object = {}): object {
  return { id: "chatcmpl-1", object: "chat.completion.chunk", model: "up-model", choices: [{ index: 0, delta, finish_reason }], ...extra };
}

/** The events without message_start/ping, as compact `type:index:detail` strings for readable assertions. */
export function shape(events: readonly StreamEvent[]): string[] {
  return events.map((e) => {
    switch (e.type) {
      case "content_block_start":
        return `start:${e.index}:${e.content_block.type}`;
      case "content_block_delta": {
        const d = e.delta;
        const value = d.type === "text_delta" ? d.text : d.type === "thinking_delta" ? d.thinking : d.type === "input_json_delta" ? d.partial_json : "sig";
        return `delta:${e.index}:${d.type}:${value}`;
      }
      case "content_block_stop":
        return `stop:${e.index}`;
      case "message_delta":
        return `message_delta:${e.delta.stop_reason}`;
      case "error":
        return `error:${e.error.type}`;
      default:
        return e.type;
    }
  });
}
