// Anthropic Messages request → OpenAI Chat Completions request (conversion spec §2, §1.10).
import type { MessagesRequest } from "../formats/anthropic.ts";
import type { ChatRequest } from "../formats/openai-chat.ts";
import type { Profile, Target, WireRequest } from "./adapter.ts";
import { toChatMessages } from "./openai-chat-messages.ts";
import { reasoningFields } from "./openai-chat-reasoning.ts";
import { toolFields } from "./openai-chat-tools.ts";
import { createToolNames } from "./tool-names.ts";

type Fields = Partial<ChatRequest>;

function maxTokens(request: MessagesRequest, profile: Profile): Fields {
  // Claude Code asks for 128000 on every request; most models allow far less.
  const limit = profile.maxOutputTokens;
  const value = limit === undefined ? request.max_tokens : Math.min(request.max_tokens, limit);
  return profile.maxTokensField === "max_completion_tokens" ? { max_completion_tokens: value } : { max_tokens: value };
}

function sampling(request: MessagesRequest, profile: Profile): Fields {
  const fields: Fields = {};
  if (profile.sampling === "keep" && request.temperature !== undefined) fields.temperature = request.temperature;
  if (profile.sampling === "keep" && request.top_p !== undefined) fields.top_p = request.top_p;
  if (profile.topK === "keep" && request.top_k !== undefined) fields.top_k = request.top_k;
  const stop = request.stop_sequences?.slice(0, profile.stopLimit) ?? [];
  if (stop.length > 0) fields.stop = stop;
  return fields;
}

function streaming(request: MessagesRequest): Fields {
  if (request.stream === undefined) return {};
  // Without include_usage OpenAI streams carry no usage at all.
  return request.stream ? { stream: true, stream_options: { include_usage: true } } : { stream: false };
}

function responseFormat(request: MessagesRequest, profile: Profile): Fields {
  const format = request.output_config?.format;
  if (format?.type !== "json_schema") return {};
  if (profile.structuredOutput === "json_schema") {
    return { response_format: { type: "json_schema", json_schema: { name: "response", schema: format.schema ?? {} } } };
  }
  // json_object: the schema itself rides in the system message (see openai-chat-system.ts).
  return profile.structuredOutput === "json_object" ? { response_format: { type: "json_object" } } : {};
}

/** The Chat Completions body for a request, plus the wire → original tool name map. Anthropic-only fields are not sent. */
export function toOpenAiChat(request: MessagesRequest, target: Target): WireRequest {
  const profile = target.profile;
  const names = createToolNames();
  // Tools first, so the declared tools claim their sanitized names before history does.
  const tools = toolFields(request.tools, request.tool_choice, profile, names);
  const body: ChatRequest = {
    model: target.model,
    messages: toChatMessages(request, profile, names),
    ...maxTokens(request, profile),
    ...sampling(request, profile),
    ...streaming(request),
    ...tools,
    ...reasoningFields(request, profile),
    ...responseFormat(request, profile),
  };
  return { body, toolNames: names.snapshot() };
}
