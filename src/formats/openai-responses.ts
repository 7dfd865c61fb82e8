// OpenAI Responses API shapes (conversion spec §8, §9): request types we build, valibot schemas for what comes back.
import * as v from "valibot";

/** A content part of a user input message. */
export type ResponsesInputPart =
  | { type: "input_text"; text: string }
  | { type: "input_image"; image_url: string; detail: "auto" }
  | { type: "input_file"; filename: string; file_data: string };

/** One item of the `input` list, in conversation order. */
export type ResponsesInputItem =
  | { role: "user"; content: ResponsesInputPart[] }
  | { role: "assistant"; content: string }
  | { role: "developer"; content: string }
  | { type: "reasoning"; id: string; summary: { type: "summary_text"; text: string }[]; encrypted_content: string }
  | { type: "function_call"; call_id: string; name: string; arguments: string }
  | { type: "function_call_output"; call_id: string; output: string };

/** A declared tool: flat function tools, or the hosted web search. */
export type ResponsesTool =
  | { type: "function"; name: string; description?: string; parameters: Record<string, unknown>; strict: false }
  | { type: "web_search" };

export type ResponsesToolChoice = "auto" | "required" | "none" | { type: "function"; name: string };

/** The request body (spec §8.1). */
export interface ResponsesRequest {
  model: string;
  instructions?: string;
  input: ResponsesInputItem[];
  max_output_tokens: number;
  temperature?: number;
  top_p?: number;
  stream?: boolean;
  store: false;
  tools?: ResponsesTool[];
  tool_choice?: ResponsesToolChoice;
  parallel_tool_calls?: boolean;
  reasoning?: { effort: "low" | "medium" | "high"; summary: "auto" };
  include?: string[];
  text?: { format: { type: "json_schema"; name: string; schema: Record<string, unknown> } };
}

const optionalNumber = v.nullish(v.number());

export const ResponsesUsageSchema = v.looseObject({
  input_tokens: optionalNumber,
  output_tokens: optionalNumber,
  input_tokens_details: v.nullish(v.looseObject({ cached_tokens: optionalNumber })),
});

const SummaryPartSchema = v.looseObject({ type: v.string(), text: v.optional(v.string()) });

/** One `output[]` item; only the fields ccr reads are typed, the rest pass through. */
export const ResponsesOutputItemSchema = v.looseObject({
  type: v.string(),
  id: v.nullish(v.string()),
  // reasoning
  summary: v.nullish(v.array(SummaryPartSchema)),
  encrypted_content: v.nullish(v.string()),
  // message (output_text / refusal parts) and reasoning_text content
  content: v.nullish(v.array(v.looseObject({ type: v.string(), text: v.optional(v.string()), refusal: v.optional(v.string()) }))),
  // function_call
  call_id: v.nullish(v.string()),
  name: v.nullish(v.string()),
  arguments: v.nullish(v.string()),
});

/** The response object, as a non-stream body or inside `response.*` stream events. */
export const ResponsesResponseSchema = v.looseObject({
  id: v.nullish(v.string()),
  model: v.nullish(v.string()),
  status: v.nullish(v.string()),
  output: v.nullish(v.array(ResponsesOutputItemSchema)),
  usage: v.nullish(ResponsesUsageSchema),
  error: v.nullish(v.unknown()),
  incomplete_details: v.nullish(v.looseObject({ reason: v.nullish(v.string()) })),
});

/** A stream event; `type` is authoritative (spec §1.2), the other fields depend on it. */
export const ResponsesStreamEventSchema = v.looseObject({
  type: v.string(),
  response: v.nullish(ResponsesResponseSchema),
  item: v.nullish(ResponsesOutputItemSchema),
  item_id: v.nullish(v.string()),
  output_index: optionalNumber,
  summary_index: optionalNumber,
  delta: v.nullish(v.string()),
  code: v.nullish(v.unknown()),
  message: v.nullish(v.string()),
});

export type ResponsesUsage = v.InferOutput<typeof ResponsesUsageSchema>;
export type ResponsesOutputItem = v.InferOutput<typeof ResponsesOutputItemSchema>;
export type ResponsesResponse = v.InferOutput<typeof ResponsesResponseSchema>;
export type ResponsesStreamEvent = v.InferOutput<typeof ResponsesStreamEventSchema>;
