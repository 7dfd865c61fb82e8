// Anthropic and Anthropic-compatible upstreams: the identity adapter. Bytes stream back untouched.
import * as v from "valibot";
import { ProviderError, errorTypeForStatus } from "../errors.ts";
import type { AnthropicMessage, ContentBlock, MessageParam, MessagesRequest, StreamEvent } from "../formats/anthropic.ts";
import type { Adapter, ResponseContext, StreamConverter, Target, WireRequest } from "./adapter.ts";
import { endpoint } from "./endpoint.ts";
import { isEnvelope } from "./envelope.ts";
import { upstreamError } from "./upstream-error.ts";

const SAFE_ID = /[^a-zA-Z0-9_-]/g;

/** Ids from other providers (Kimi's `functions.Read:0`) are invalid for Anthropic; map them deterministically. */
export function sanitizeToolId(id: string): string {
  return id.replace(SAFE_ID, "_");
}

function restoreBlock(block: ContentBlock): unknown | undefined {
  switch (block.type) {
    case "unsupported":
      return block.block;
    case "thinking":
      return isEnvelope(block.signature) ? undefined : block;
    case "redacted_thinking":
      return isEnvelope(block.data) ? undefined : block;
    case "tool_use":
      return { ...block, id: sanitizeToolId(block.id) };
    case "tool_result":
      return { ...block, tool_use_id: sanitizeToolId(block.tool_use_id) };
    default:
      return block;
  }
}

function restoreMessage(message: MessageParam): MessageParam {
  if (typeof message.content === "string") return message;
  const content = message.content.map(restoreBlock).filter((b) => b !== undefined);
  // Blocks restored above are the client's own JSON (plus sanitized ids): valid Anthropic content.
  return { ...message, content: content as ContentBlock[] };
}

/** Anthropic requires the last assistant turn of a tool loop to open with thinking when thinking is on. */
function thinkingStillValid(messages: MessageParam[]): boolean {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (!message || message.role !== "assistant") continue;
    if (typeof message.content === "string") return true;
    const hasTool = message.content.some((b) => b.type === "tool_use");
    const first = message.content[0];
    return !hasTool || first?.type === "thinking" || first?.type === "redacted_thinking";
  }
  return true;
}

function toWire(request: MessagesRequest, target: Target): WireRequest {
  const messages = request.messages.map(restoreMessage);
  const body: Record<string, unknown> = { ...request, model: target.model, messages };
  if (request.thinking && request.thinking.type !== "disabled" && !thinkingStillValid(messages)) delete body.thinking;
  return { body, toolNames: new Map() };
}

const PASS_HEADERS = ["anthropic-version", "anthropic-beta"];

function headers(target: Target, client: Headers): Record<string, string> {
  const out: Record<string, string> = { "content-type": "application/json", "anthropic-version": "2023-06-01" };
  for (const name of PASS_HEADERS) {
    const value = client.get(name);
    if (value) out[name] = value;
  }
  if (target.apiKey) {
    if (target.profile.auth === "bearer") out.authorization = `Bearer ${target.apiKey}`;
    else out["x-api-key"] = target.apiKey;
  }
  return out;
}

const AnthropicErrorSchema = v.object({
  type: v.literal("error"),
  error: v.looseObject({ type: v.string(), message: v.string() }),
});

function toError(status: number, bodyText: string, responseHeaders: Headers, provider: string): ProviderError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    parsed = undefined;
  }
  const result = v.safeParse(AnthropicErrorSchema, parsed);
  if (!result.success) return upstreamError(status, bodyText, responseHeaders, provider);
  const headersOut: Record<string, string> = {};
  for (const name of ["retry-after", "retry-after-ms", "request-id"]) {
    const value = responseHeaders.get(name);
    if (value) headersOut[name] = value;
  }
  return new ProviderError({
    status,
    type: errorTypeForStatus(status),
    message: result.output.error.message,
    provider,
    upstreamStatus: status,
    headers: headersOut,
  });
}

function createStream(): StreamConverter {
  return {
    push(message) {
      try {
        // Anthropic upstreams already speak our event grammar.
        return [JSON.parse(message.data) as StreamEvent];
      } catch {
        return [];
      }
    },
    end: () => [],
  };
}

export const anthropicAdapter: Adapter = {
  name: "anthropic",
  passthrough: true,
  url: (target) => endpoint(target.baseUrl, "/v1/messages"),
  headers,
  toWire,
  // An Anthropic body is already the answer; the proxy streams the bytes without calling this on the hot path.
  fromWireMessage: (body: unknown, _ctx: ResponseContext) => body as AnthropicMessage,
  createStream,
  toError,
};
