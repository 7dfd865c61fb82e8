// Anthropic Messages API: the canonical shape inside ccr. Request schemas validate what clients send;
// response and stream types describe what we send back.
import * as v from "valibot";

const CacheControl = v.optional(v.looseObject({ type: v.string() }));

export const TextBlockSchema = v.looseObject({
  type: v.literal("text"),
  text: v.string(),
  cache_control: CacheControl,
});

const ImageSource = v.variant("type", [
  v.looseObject({ type: v.literal("base64"), media_type: v.string(), data: v.string() }),
  v.looseObject({ type: v.literal("url"), url: v.string() }),
]);

export const ImageBlockSchema = v.looseObject({
  type: v.literal("image"),
  source: ImageSource,
  cache_control: CacheControl,
});

export const DocumentBlockSchema = v.looseObject({
  type: v.literal("document"),
  source: v.looseObject({
    type: v.string(),
    media_type: v.optional(v.string()),
    data: v.optional(v.string()),
    url: v.optional(v.string()),
  }),
  title: v.optional(v.nullable(v.string())),
  cache_control: CacheControl,
});

export const ToolUseBlockSchema = v.looseObject({
  type: v.literal("tool_use"),
  id: v.string(),
  name: v.string(),
  input: v.unknown(),
  cache_control: CacheControl,
});

export const ToolResultBlockSchema = v.looseObject({
  type: v.literal("tool_result"),
  tool_use_id: v.string(),
  content: v.optional(
    v.union([v.string(), v.array(v.variant("type", [TextBlockSchema, ImageBlockSchema, DocumentBlockSchema]))]),
  ),
  is_error: v.optional(v.boolean()),
  cache_control: CacheControl,
});

export const ThinkingBlockSchema = v.looseObject({
  type: v.literal("thinking"),
  thinking: v.string(),
  signature: v.optional(v.string()),
});

export const RedactedThinkingBlockSchema = v.looseObject({
  type: v.literal("redacted_thinking"),
  data: v.string(),
});

const KNOWN_BLOCK_TYPES = ["text", "image", "document", "tool_use", "tool_result", "thinking", "redacted_thinking"];

/** Any other block type (server_tool_use, search_result, ...): accepted and wrapped, so that adapters can drop it
 * by one name and the passthrough adapter can restore it untouched. */
export const OtherBlockSchema = v.pipe(
  v.looseObject({
    type: v.pipe(
      v.string(),
      v.check((t) => !KNOWN_BLOCK_TYPES.includes(t), "known block type"),
    ),
  }),
  v.transform((block) => ({ type: "unsupported" as const, block })),
);

export const ContentBlockSchema = v.variant("type", [
  TextBlockSchema,
  ImageBlockSchema,
  DocumentBlockSchema,
  ToolUseBlockSchema,
  ToolResultBlockSchema,
  ThinkingBlockSchema,
  RedactedThinkingBlockSchema,
  OtherBlockSchema,
]);

export const MessageParamSchema = v.looseObject({
  role: v.picklist(["user", "assistant", "system"]),
  // Arrays first: Claude Code always sends block arrays, and a failed first branch costs an issue object per message.
  content: v.union([v.array(ContentBlockSchema), v.string()]),
});

export const ToolSchema = v.looseObject({
  name: v.string(),
  type: v.optional(v.string()),
  description: v.optional(v.string()),
  input_schema: v.optional(v.record(v.string(), v.unknown())),
  defer_loading: v.optional(v.boolean()),
  cache_control: CacheControl,
});

export const ToolChoiceSchema = v.variant("type", [
  v.looseObject({ type: v.literal("auto"), disable_parallel_tool_use: v.optional(v.boolean()) }),
  v.looseObject({ type: v.literal("any"), disable_parallel_tool_use: v.optional(v.boolean()) }),
  v.looseObject({ type: v.literal("tool"), name: v.string(), disable_parallel_tool_use: v.optional(v.boolean()) }),
  v.looseObject({ type: v.literal("none") }),
]);

export const ThinkingConfigSchema = v.variant("type", [
  v.looseObject({ type: v.literal("enabled"), budget_tokens: v.optional(v.number()) }),
  v.looseObject({ type: v.literal("disabled") }),
  v.looseObject({ type: v.literal("adaptive"), display: v.optional(v.string()) }),
]);

export const OutputConfigSchema = v.looseObject({
  effort: v.optional(v.string()),
  format: v.optional(v.looseObject({ type: v.string(), schema: v.optional(v.unknown()) })),
});

export const MessagesRequestSchema = v.looseObject({
  model: v.pipe(v.string(), v.minLength(1, "a non-empty model name")),
  messages: v.pipe(v.array(MessageParamSchema), v.minLength(1, "at least one message")),
  max_tokens: v.pipe(v.number(), v.integer(), v.minValue(1, "a positive integer")),
  system: v.optional(v.union([v.array(TextBlockSchema), v.string()])),
  tools: v.optional(v.array(ToolSchema)),
  tool_choice: v.optional(ToolChoiceSchema),
  thinking: v.optional(ThinkingConfigSchema),
  output_config: v.optional(OutputConfigSchema),
  stream: v.optional(v.boolean()),
  temperature: v.optional(v.number()),
  top_p: v.optional(v.number()),
  top_k: v.optional(v.number()),
  stop_sequences: v.optional(v.array(v.string())),
  metadata: v.optional(v.looseObject({ user_id: v.optional(v.nullable(v.string())) })),
});

export const CountTokensRequestSchema = v.looseObject({
  model: v.optional(v.string()),
  messages: v.array(MessageParamSchema),
  system: v.optional(v.union([v.array(TextBlockSchema), v.string()])),
  tools: v.optional(v.array(ToolSchema)),
});

export type TextBlock = v.InferOutput<typeof TextBlockSchema>;
export type ImageBlock = v.InferOutput<typeof ImageBlockSchema>;
export type DocumentBlock = v.InferOutput<typeof DocumentBlockSchema>;
export type ToolUseBlock = v.InferOutput<typeof ToolUseBlockSchema>;
export type ToolResultBlock = v.InferOutput<typeof ToolResultBlockSchema>;
export type ThinkingBlock = v.InferOutput<typeof ThinkingBlockSchema>;
export type RedactedThinkingBlock = v.InferOutput<typeof RedactedThinkingBlockSchema>;
export type ContentBlock = v.InferOutput<typeof ContentBlockSchema>;
export type MessageParam = v.InferOutput<typeof MessageParamSchema>;
export type Tool = v.InferOutput<typeof ToolSchema>;
export type ToolChoice = v.InferOutput<typeof ToolChoiceSchema>;
export type ThinkingConfig = v.InferOutput<typeof ThinkingConfigSchema>;
export type MessagesRequest = v.InferOutput<typeof MessagesRequestSchema>;
export type CountTokensRequest = v.InferOutput<typeof CountTokensRequestSchema>;

// ---- What we send back ----

export type StopReason = "end_turn" | "max_tokens" | "stop_sequence" | "tool_use" | "pause_turn" | "refusal";

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export type ResponseBlock =
  | { type: "text"; text: string }
  | { type: "thinking"; thinking: string; signature: string }
  | { type: "redacted_thinking"; data: string }
  | { type: "tool_use"; id: string; name: string; input: Record<string, unknown> };

export interface AnthropicMessage {
  id: string;
  type: "message";
  role: "assistant";
  model: string;
  content: ResponseBlock[];
  stop_reason: StopReason | null;
  stop_sequence: string | null;
  usage: Usage;
}

export type BlockStart =
  | { type: "text"; text: "" }
  | { type: "thinking"; thinking: ""; signature: "" }
  | { type: "redacted_thinking"; data: string }
  | { type: "tool_use"; id: string; name: string; input: Record<string, never> };

export type BlockDelta =
  | { type: "text_delta"; text: string }
  | { type: "thinking_delta"; thinking: string }
  | { type: "signature_delta"; signature: string }
  | { type: "input_json_delta"; partial_json: string };

/** The events of an Anthropic stream (conversion spec §1.3). */
export type StreamEvent =
  | { type: "message_start"; message: AnthropicMessage }
  | { type: "content_block_start"; index: number; content_block: BlockStart }
  | { type: "content_block_delta"; index: number; delta: BlockDelta }
  | { type: "content_block_stop"; index: number }
  | {
      type: "message_delta";
      delta: { stop_reason: StopReason; stop_sequence: string | null };
      usage: Usage;
    }
  | { type: "message_stop" }
  | { type: "ping" }
  | { type: "error"; error: { type: string; message: string } };
