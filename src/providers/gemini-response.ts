// Gemini generateContent response → Anthropic Message (conversion spec §6), by folding the stream reducer's events
// over the body as one chunk, so both paths share every rule.
import * as v from "valibot";
import { ProviderError, errorTypeForStatus } from "../errors.ts";
import type { AnthropicMessage, ResponseBlock } from "../formats/anthropic.ts";
import { GeminiResponseSchema } from "../formats/gemini.ts";
import type { ResponseContext } from "./adapter.ts";
import { decodeEnvelope, encodeEnvelope } from "./envelope.ts";
import { geminiSigs } from "./gemini-contents.ts";
import { createGeminiStream } from "./gemini-stream.ts";
import { messageFromEvents } from "./message-from-events.ts";
import { badResponseError, payloadError } from "./upstream-error.ts";

/** §6: one leading reasoning block — all thought text with every recorded signature, or a redacted block when there
 * are signatures but no thought text — then the text and tool_use blocks in part order. */
function leadingReasoning(content: readonly ResponseBlock[]): ResponseBlock[] {
  const reasoning = content.filter((b) => b.type === "thinking" || b.type === "redacted_thinking");
  if (reasoning.length === 0) return [...content];
  const rest = content.filter((b) => b.type !== "thinking" && b.type !== "redacted_thinking");
  const sigs = reasoning.flatMap((b) => {
    return geminiSigs(decodeEnvelope(b.type === "thinking" ? b.signature : b.type === "redacted_thinking" ? b.data : undefined));
  });
  const thinking = reasoning.map((b) => (b.type === "thinking" ? b.thinking : "")).join("");
  const signature = encodeEnvelope({ v: 1, p: "gemini", sigs });
  const lead: ResponseBlock = thinking === "" ? { type: "redacted_thinking", data: signature } : { type: "thinking", thinking, signature };
  return [lead, ...rest];
}

/** Converts a 200 body; an error inside it, or no candidates without a block reason, throws ProviderError (§11). */
export function fromGemini(body: unknown, ctx: ResponseContext): AnthropicMessage {
  const first: unknown = Array.isArray(body) ? body[0] : body;
  const parsed = v.safeParse(GeminiResponseSchema, first);
  if (!parsed.success) throw badResponseError("upstream returned an unreadable response", ctx.provider);
  const response = parsed.output;
  if (response.error !== undefined && response.error !== null) throw payloadError(response, ctx.provider);
  const blocked = typeof response.promptFeedback?.blockReason === "string";
  if ((response.candidates ?? []).length === 0 && !blocked) throw badResponseError("upstream returned no candidates", ctx.provider);

  const stream = createGeminiStream(ctx);
  const events = [...stream.push({ event: undefined, data: JSON.stringify(response) }), ...stream.end()];
  const folded = messageFromEvents(events);
  if (folded.ok) return { ...folded.message, content: leadingReasoning(folded.message.content) };
  const status = folded.error.type === "api_error" ? 502 : 400;
  throw new ProviderError({ status, type: errorTypeForStatus(status), message: folded.error.message, provider: ctx.provider });
}
