// OpenAI Responses non-stream body → Anthropic Message (conversion spec §9.1), by replaying the body as the stream
// events it stands for through the stream converter, so both paths share every rule.
import * as v from "valibot";
import { ProviderError, errorTypeForStatus } from "../errors.ts";
import type { AnthropicMessage } from "../formats/anthropic.ts";
import { type ResponsesOutputItem, type ResponsesResponse, ResponsesResponseSchema } from "../formats/openai-responses.ts";
import type { ResponseContext } from "./adapter.ts";
import { messageFromEvents } from "./message-from-events.ts";
import { createOpenAiResponsesStream } from "./openai-responses-stream.ts";
import { badResponseError, payloadError } from "./upstream-error.ts";

type Synthetic = Record<string, unknown> & { type: string };

function contentEvents(item: ResponsesOutputItem, base: Synthetic): Synthetic[] {
  const at = { ...base };
  switch (item.type) {
    case "reasoning": {
      const summary = (item.summary ?? []).map((part, summary_index) => ({
        ...at,
        type: "response.reasoning_summary_text.delta",
        summary_index,
        delta: part.text ?? "",
      }));
      if (summary.length > 0) return summary;
      // Open-weight models put their reasoning in `content` as reasoning_text parts.
      return (item.content ?? []).map((part) => ({ ...at, type: "response.reasoning_text.delta", delta: part.text ?? "" }));
    }
    case "message":
      return (item.content ?? []).map((part) =>
        part.type === "refusal"
          ? { ...at, type: "response.refusal.delta", delta: part.refusal ?? "" }
          : { ...at, type: "response.output_text.delta", delta: part.type === "output_text" ? (part.text ?? "") : "" },
      );
    case "function_call":
      return [{ ...at, type: "response.function_call_arguments.delta", delta: item.arguments ?? "" }];
    default:
      return [];
  }
}

/** The stream a non-stream response stands for: created, then each item added/deltas/done, then the terminal event. */
function syntheticEvents(response: ResponsesResponse): Synthetic[] {
  const events: Synthetic[] = [{ type: "response.created", response: { ...response, output: [] } }];
  (response.output ?? []).forEach((item, output_index) => {
    const item_id = item.id ?? `item_${output_index}`;
    const keyed = { ...item, id: item_id };
    events.push({ type: "response.output_item.added", output_index, item: keyed });
    events.push(...contentEvents(item, { type: "", output_index, item_id }));
    events.push({ type: "response.output_item.done", output_index, item: keyed });
  });
  events.push({ type: response.status === "incomplete" ? "response.incomplete" : "response.completed", response });
  return events;
}

/** Converts a 200 Responses body; a failed response or an error inside it throws ProviderError (§11.2). */
export function fromOpenAiResponses(body: unknown, ctx: ResponseContext): AnthropicMessage {
  const parsed = v.safeParse(ResponsesResponseSchema, body);
  if (!parsed.success) throw badResponseError("upstream returned an unreadable response", ctx.provider);
  const response = parsed.output;
  if (response.error !== null && response.error !== undefined) throw payloadError(response.error, ctx.provider);
  if (response.status === "failed" || response.status === "cancelled") {
    throw payloadError({ message: `upstream response ${response.status}` }, ctx.provider);
  }
  if (response.output === null || response.output === undefined) throw badResponseError("upstream returned no output", ctx.provider);
  const stream = createOpenAiResponsesStream(ctx);
  const events = syntheticEvents(response).flatMap((event) => stream.push({ event: undefined, data: JSON.stringify(event) }));
  const folded = messageFromEvents([...events, ...stream.end()]);
  if (folded.ok) return folded.message;
  throw new ProviderError({ status: 502, type: errorTypeForStatus(502), message: folded.error.message, provider: ctx.provider });
}
