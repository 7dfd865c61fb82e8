// OpenAI Chat Completions wire format: request types we build, response schemas we parse (loosely:
// OpenAI-compatible servers add and omit fields freely).
import * as v from "valibot";

export type ChatContentPart =
  | { type: "text"; text: string; cache_control?: { type: string } }
  | { type: "image_url"; image_url: { url: string } }
  | { type: "file"; file: { filename?: string; file_data: string } };

export interface ChatToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export type ChatMessage =
  | { role: "system"; content: string | ChatContentPart[] }
  | { role: "user"; content: string | ChatContentPart[] }
  | {
      role: "assistant";
      content: string | null;
      tool_calls?: ChatToolCall[];
      reasoning_content?: string;
      reasoning?: string;
      reasoning_details?: unknown[];
    }
  | { role: "tool"; tool_call_id: string; content: string };

export interface ChatTool {
  type: "function";
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}

export type ChatToolChoice = "auto" | "required" | "none" | { type: "function"; function: { name: string } };

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stop?: string[];
  stream?: boolean;
  stream_options?: { include_usage: boolean };
  tools?: ChatTool[];
  tool_choice?: ChatToolChoice;
  parallel_tool_calls?: boolean;
  response_format?: { type: "json_schema"; json_schema: { name: string; schema: unknown } } | { type: "json_object" };
  reasoning_effort?: string;
  reasoning?: Record<string, unknown>;
  thinking?: { type: "enabled" | "disabled" };
  enable_thinking?: boolean;
  thinking_budget?: number;
  [extra: string]: unknown;
}

const NumberOrNull = v.optional(v.nullable(v.number()));

export const ChatUsageSchema = v.looseObject({
  prompt_tokens: NumberOrNull,
  completion_tokens: NumberOrNull,
  prompt_tokens_details: v.optional(
    v.nullable(v.looseObject({ cached_tokens: NumberOrNull, cache_write_tokens: NumberOrNull })),
  ),
  prompt_cache_hit_tokens: NumberOrNull,
  cached_tokens: NumberOrNull,
});

const ToolCallFragmentSchema = v.looseObject({
  index: v.optional(v.nullable(v.number())),
  id: v.optional(v.nullable(v.string())),
  type: v.optional(v.nullable(v.string())),
  function: v.optional(
    v.nullable(
      v.looseObject({
        name: v.optional(v.nullable(v.string())),
        // Ollama and llama.cpp send arguments as an object.
        arguments: v.optional(v.nullable(v.union([v.string(), v.record(v.string(), v.unknown())]))),
      }),
    ),
  ),
});

const ReasoningFields = {
  reasoning_content: v.optional(v.nullable(v.string())),
  reasoning: v.optional(v.nullable(v.string())),
  reasoning_details: v.optional(v.nullable(v.array(v.looseObject({ type: v.optional(v.string()) })))),
  refusal: v.optional(v.nullable(v.string())),
};

const TextContent = v.optional(
  v.nullable(v.union([v.string(), v.array(v.looseObject({ type: v.optional(v.string()), text: v.optional(v.string()) }))])),
);

const ErrorField = v.optional(v.unknown());

export const ChatResponseSchema = v.looseObject({
  id: v.optional(v.nullable(v.string())),
  model: v.optional(v.nullable(v.string())),
  choices: v.optional(
    v.nullable(
      v.array(
        v.looseObject({
          finish_reason: v.optional(v.nullable(v.string())),
          stop_reason: v.optional(v.unknown()),
          message: v.optional(
            v.nullable(
              v.looseObject({
                content: TextContent,
                tool_calls: v.optional(v.nullable(v.array(ToolCallFragmentSchema))),
                ...ReasoningFields,
              }),
            ),
          ),
        }),
      ),
    ),
  ),
  usage: v.optional(v.nullable(ChatUsageSchema)),
  error: ErrorField,
});

export const ChatChunkSchema = v.looseObject({
  id: v.optional(v.nullable(v.string())),
  model: v.optional(v.nullable(v.string())),
  choices: v.optional(
    v.nullable(
      v.array(
        v.looseObject({
          index: v.optional(v.nullable(v.number())),
          finish_reason: v.optional(v.nullable(v.string())),
          stop_reason: v.optional(v.unknown()),
          error: ErrorField,
          delta: v.optional(
            v.nullable(
              v.looseObject({
                role: v.optional(v.nullable(v.string())),
                content: v.optional(v.nullable(v.string())),
                tool_calls: v.optional(v.nullable(v.array(ToolCallFragmentSchema))),
                ...ReasoningFields,
              }),
            ),
          ),
        }),
      ),
    ),
  ),
  usage: v.optional(v.nullable(ChatUsageSchema)),
  error: ErrorField,
});

export type ChatUsage = v.InferOutput<typeof ChatUsageSchema>;
export type ChatResponse = v.InferOutput<typeof ChatResponseSchema>;
export type ChatChunk = v.InferOutput<typeof ChatChunkSchema>;
export type ToolCallFragment = v.InferOutput<typeof ToolCallFragmentSchema>;
