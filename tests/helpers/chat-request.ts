// Builders for OpenAI Chat request tests: validated Anthropic requests and targets with profile overrides.
import * as v from "valibot";
import { MessagesRequestSchema, type MessagesRequest } from "../../src/formats/anthropic.ts";
import type { ChatMessage, ChatRequest } from "../../src/formats/openai-chat.ts";
import { defaultProfile, type Profile, type Target } from "../../src/providers/adapter.ts";
import { toOpenAiChat } from "../../src/providers/openai-chat-request.ts";

/** A request as the server would hand it over: parsed by the real schema, with defaults for required fields. */
export function request(fields: Record<string, unknown>): MessagesRequest {
  return v.parse(MessagesRequestSchema, {
    model: "claude-sonnet-4-5",
    max_tokens: 1024,
    messages: [{ role: "user", content: "hi" }],
    ...fields,
  });
}

/** A target for `gpt-test` with the default profile plus overrides. */
export function target(profile: Partial<Profile> = {}): Target {
  return { provider: "mock", baseUrl: "http://127.0.0.1:9/v1", apiKey: "", model: "gpt-test", profile: { ...defaultProfile, ...profile } };
}

/** The converted request with its body typed; the adapter contract erases the body to unknown for the forwarder. */
export function convert(input: MessagesRequest, profile: Partial<Profile> = {}): { body: ChatRequest; toolNames: ReadonlyMap<string, string> } {
  const wire = toOpenAiChat(input, target(profile));
  // toOpenAiChat always builds a ChatRequest.
  return { body: wire.body as ChatRequest, toolNames: wire.toolNames };
}

/** The Chat body for a request built from `fields`. */
export function chatBody(fields: Record<string, unknown>, profile: Partial<Profile> = {}): ChatRequest {
  return convert(request(fields), profile).body;
}

/** Only the converted messages. */
export function chatMessages(messages: unknown[], profile: Partial<Profile> = {}, extra: Record<string, unknown> = {}): ChatMessage[] {
  return chatBody({ messages, ...extra }, profile).messages;
}
