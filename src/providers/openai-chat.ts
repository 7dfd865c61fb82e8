// OpenAI Chat Completions and every OpenAI-compatible vendor: the adapter object wiring the conversions together.
import type { Adapter, Target } from "./adapter.ts";
import { endpoint } from "./endpoint.ts";
import { toOpenAiChat } from "./openai-chat-request.ts";
import { fromOpenAiChat } from "./openai-chat-response.ts";
import { createOpenAiChatStream } from "./openai-chat-stream.ts";
import { upstreamError } from "./upstream-error.ts";

/** A configured URL ending in a version segment (`/v1`, `/api/v3`) or nothing is an API root: add the endpoint. */
function chatUrl(base: string): string {
  const path = new URL(base).pathname.replace(/\/+$/, "");
  if (path === "" || /\/v\d+[a-z]*$/i.test(path) || path.endsWith("/openai")) return endpoint(base, "/chat/completions");
  return base;
}

function headers(target: Target): Record<string, string> {
  const out: Record<string, string> = { "content-type": "application/json", accept: "application/json, text/event-stream" };
  if (target.apiKey && target.profile.auth !== "none") {
    if (target.profile.auth === "x-api-key") out["x-api-key"] = target.apiKey;
    else if (target.profile.auth === "x-goog-api-key") out["x-goog-api-key"] = target.apiKey;
    else out.authorization = `Bearer ${target.apiKey}`;
  }
  return out;
}

export const openAiChatAdapter: Adapter = {
  name: "openai-chat",
  passthrough: false,
  url: (target) => chatUrl(target.baseUrl),
  headers,
  toWire: toOpenAiChat,
  fromWireMessage: fromOpenAiChat,
  createStream: createOpenAiChatStream,
  toError: upstreamError,
};
