// The contract every provider protocol implements: pure conversion between Anthropic and one wire format.
import type { AnthropicMessage, MessagesRequest, StreamEvent } from "../formats/anthropic.ts";
import type { ProviderError } from "../errors.ts";
import type { SseMessage } from "../sse/parse.ts";

/** Provider quirks as data (conversion spec §0.2); every field has a default in `defaultProfile`. */
export interface Profile {
  maxTokensField: "max_tokens" | "max_completion_tokens";
  /** Clamp `max_tokens` to this model limit (Claude Code sends 128000). */
  maxOutputTokens: number | undefined;
  /** Where `role:"system"` messages inside `messages` go. */
  inlineSystem: "hoist" | "in_place";
  structuredOutput: "json_schema" | "json_object" | "drop";
  reasoningParam: "none" | "reasoning_effort" | "deepseek" | "openrouter" | "qwen";
  reasoningReplay: "none" | "reasoning_content" | "reasoning" | "reasoning_details";
  cacheControl: "drop" | "keep";
  topK: "drop" | "keep";
  sampling: "keep" | "drop";
  stopLimit: number;
  stripBillingHeader: boolean;
  /** Drop `tool_choice` for models that reject it (deepseek-reasoner). */
  dropToolChoice: boolean;
  /** Send PDF documents as `file` parts (else a text placeholder). */
  supportsFiles: boolean;
  /** Auth header style for the upstream (`google-oauth`: a service-account access token, fetched by the proxy). */
  auth: "bearer" | "x-api-key" | "x-goog-api-key" | "none" | "google-oauth";
  /** Vertex AI project, region and service-account credentials (set by the `vertex-*` transformers). */
  vertex: VertexSettings | undefined;
}

/** Where a Vertex AI request goes and which service account signs for it. */
export interface VertexSettings {
  project: string;
  location: string;
  /** Path of a service-account JSON file, or the JSON itself; read only by `src/proxy/google-token.ts`. */
  credentials: string;
}

export const defaultProfile: Profile = {
  maxTokensField: "max_tokens",
  maxOutputTokens: undefined,
  inlineSystem: "hoist",
  structuredOutput: "json_schema",
  reasoningParam: "none",
  reasoningReplay: "none",
  cacheControl: "drop",
  topK: "drop",
  sampling: "keep",
  stopLimit: 4,
  stripBillingHeader: true,
  dropToolChoice: false,
  supportsFiles: false,
  auth: "bearer",
  vertex: undefined,
};

/** Where one request goes: a configured provider and the model to ask for. */
export interface Target {
  provider: string;
  baseUrl: string;
  apiKey: string;
  model: string;
  profile: Profile;
}

/** Facts the response side needs about the request that produced it. */
export interface ResponseContext {
  provider: string;
  /** The upstream model, echoed in `message.model` when the upstream does not name one. */
  model: string;
  profile: Profile;
  /** Sanitized tool name → the original name Claude Code sent (spec §1.4). */
  toolNames: ReadonlyMap<string, string>;
  /** Local estimate of input tokens, used when the upstream reports no usage. */
  inputTokens: number;
}

/** The request as the upstream will receive it. */
export interface WireRequest {
  body: unknown;
  toolNames: ReadonlyMap<string, string>;
}

/** Converts one upstream SSE stream to Anthropic events, message by message. */
export interface StreamConverter {
  push(message: SseMessage): StreamEvent[];
  /** Called at EOF; returns the closing events (or an error event when the upstream stopped early). */
  end(): StreamEvent[];
}

/** One upstream protocol. Pure: no I/O; `forward.ts` does the fetch. */
export interface Adapter {
  readonly name: string;
  /** True when request and response bytes pass through untouched (Anthropic upstreams). */
  readonly passthrough: boolean;
  url(target: Target, stream: boolean): string;
  headers(target: Target, clientHeaders: Headers): Record<string, string>;
  toWire(request: MessagesRequest, target: Target): WireRequest;
  fromWireMessage(body: unknown, ctx: ResponseContext): AnthropicMessage;
  createStream(ctx: ResponseContext): StreamConverter;
  toError(status: number, bodyText: string, headers: Headers, provider: string): ProviderError;
}
