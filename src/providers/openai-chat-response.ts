// OpenAI Chat Completions response → Anthropic Message (conversion spec §3), through the stream reducer over one
// synthetic chunk so both paths share every rule.
import * as v from "valibot";
import type { AnthropicMessage } from "../formats/anthropic.ts";
import { type ChatResponse, ChatResponseSchema } from "../formats/openai-chat.ts";
import type { ResponseContext } from "./adapter.ts";
import { messageFromEvents } from "./message-from-events.ts";
import { createOpenAiChatStream } from "./openai-chat-stream.ts";
import { finishError } from "./stop-reason.ts";
import { badResponseError, payloadError } from "./upstream-error.ts";
import { ProviderError, errorTypeForStatus } from "../errors.ts";

type Choice = NonNullable<ChatResponse["choices"]>[number];
type ResponseMessage = NonNullable<Choice["message"]>;

/** `content` as one string: array content is its text parts joined with no separator (§1.5). */
function contentText(content: ResponseMessage["content"]): string | null {
  if (typeof content === "string" || content === null || content === undefined) return content ?? null;
  return content.map((part) => (typeof part.text === "string" ? part.text : "")).join("");
}

/** Tool calls get their position as `index` (non-stream calls have none), and a repeated id is dropped so the
 * repeat becomes its own call with a generated id instead of merging into the first. */
function indexedToolCalls(message: ResponseMessage): NonNullable<ResponseMessage["tool_calls"]> {
  const seen = new Set<string>();
  return (message.tool_calls ?? []).map((call, index) => {
    const id = call.id ?? "";
    const duplicate = id !== "" && seen.has(id);
    seen.add(id);
    return { ...call, index, id: duplicate ? "" : id };
  });
}

/** The response as the one chunk a stream would have sent. */
function syntheticChunk(response: ChatResponse, choice: Choice): unknown {
  const message = choice.message ?? {};
  const delta = { ...message, content: contentText(message.content), tool_calls: indexedToolCalls(message) };
  return {
    model: response.model,
    usage: response.usage,
    choices: [{ index: 0, delta, finish_reason: choice.finish_reason ?? null, stop_reason: choice.stop_reason }],
  };
}

function choiceError(choice: Choice): unknown {
  // looseObject keeps unknown keys: OpenRouter reports failures as `choices[0].error`.
  const error = choice.error;
  if (error !== null && error !== undefined) return error;
  return finishError(choice.finish_reason);
}

/** Converts a 200 Chat Completions body; an error inside it, or no choices, throws ProviderError (§11.2). */
export function fromOpenAiChat(body: unknown, ctx: ResponseContext): AnthropicMessage {
  const parsed = v.safeParse(ChatResponseSchema, body);
  if (!parsed.success) throw badResponseError("upstream returned an unreadable response", ctx.provider);
  const response = parsed.output;
  if (response.error !== null && response.error !== undefined) throw payloadError(response.error, ctx.provider);
  const choice = response.choices?.[0];
  if (choice === undefined) throw badResponseError("upstream returned no choices", ctx.provider);
  const error = choiceError(choice);
  if (error !== undefined) throw payloadError(error, ctx.provider);

  const stream = createOpenAiChatStream(ctx);
  const events = [
    ...stream.push({ event: undefined, data: JSON.stringify(syntheticChunk(response, choice)) }),
    ...stream.push({ event: undefined, data: "[DONE]" }),
  ];
  const folded = messageFromEvents(events);
  if (folded.ok) return folded.message;
  throw new ProviderError({ status: 502, type: errorTypeForStatus(502), message: folded.error.message, provider: ctx.provider });
}
