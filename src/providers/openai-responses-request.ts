// Anthropic Messages request → OpenAI Responses request body (conversion spec §8, §1.10).
import type { MessagesRequest, Tool, ToolChoice } from "../formats/anthropic.ts";
import type { ResponsesRequest, ResponsesTool, ResponsesToolChoice } from "../formats/openai-responses.ts";
import type { Profile, Target, WireRequest } from "./adapter.ts";
import { requestEffort } from "./openai-chat-reasoning.ts";
import { leadingSystemParts } from "./openai-chat-system.ts";
import { toChatTools } from "./openai-chat-tools.ts";
import { toResponsesInput } from "./openai-responses-input.ts";
import { type ToolNames, createToolNames } from "./tool-names.ts";

type Fields = Partial<ResponsesRequest>;

/** The Responses API rejects `max_output_tokens` below 16. */
const MIN_OUTPUT_TOKENS = 16;

function maxOutputTokens(request: MessagesRequest, profile: Profile): number {
  const limit = profile.maxOutputTokens;
  const value = limit === undefined ? request.max_tokens : Math.min(request.max_tokens, limit);
  return Math.max(MIN_OUTPUT_TOKENS, value);
}

function sampling(request: MessagesRequest, profile: Profile): Fields {
  // top_k and stop_sequences have no Responses parameter: dropped.
  const fields: Fields = {};
  if (profile.sampling === "keep" && request.temperature !== undefined) fields.temperature = request.temperature;
  if (profile.sampling === "keep" && request.top_p !== undefined) fields.top_p = request.top_p;
  return fields;
}

function isWebSearch(tool: Tool): boolean {
  return tool.input_schema === undefined && (tool.type ?? "").startsWith("web_search");
}

/** Flat function tools with `strict: false` (Claude Code schemas are not strict-mode compatible), plus web search. */
function toResponsesTools(tools: readonly Tool[] | undefined, names: ToolNames): ResponsesTool[] {
  const functions = toChatTools(tools, names).map((tool): ResponsesTool => {
    const { name, description, parameters } = tool.function;
    return description === undefined
      ? { type: "function", name, parameters, strict: false }
      : { type: "function", name, description, parameters, strict: false };
  });
  const search: ResponsesTool[] = (tools ?? []).some(isWebSearch) ? [{ type: "web_search" }] : [];
  return [...functions, ...search];
}

function choice(toolChoice: ToolChoice, names: ToolNames): ResponsesToolChoice {
  switch (toolChoice.type) {
    case "auto":
      return "auto";
    case "any":
      return "required";
    case "none":
      return "none";
    case "tool":
      return { type: "function", name: names.wire(toolChoice.name) };
  }
}

function toolFields(request: MessagesRequest, profile: Profile, names: ToolNames): Fields {
  const tools = toResponsesTools(request.tools, names);
  if (tools.length === 0) return {};
  const fields: Fields = { tools };
  const toolChoice = request.tool_choice;
  if (toolChoice === undefined) return fields;
  if (!profile.dropToolChoice) fields.tool_choice = choice(toolChoice, names);
  // Parallel calls stay the upstream default unless the client turned them off (R3).
  if ("disable_parallel_tool_use" in toolChoice && toolChoice.disable_parallel_tool_use === true) fields.parallel_tool_calls = false;
  return fields;
}

function reasoningFields(request: MessagesRequest): Fields {
  const type = request.thinking?.type;
  if (type !== "enabled" && type !== "adaptive") return {};
  const effort = requestEffort(request);
  // Encrypted reasoning is the only way to replay reasoning with `store: false` (R6).
  return {
    reasoning: { effort: effort === "max" ? "high" : effort, summary: "auto" },
    include: ["reasoning.encrypted_content"],
  };
}

function textFormat(request: MessagesRequest): Fields {
  const format = request.output_config?.format;
  if (format?.type !== "json_schema") return {};
  const schema = typeof format.schema === "object" && format.schema !== null ? Object.fromEntries(Object.entries(format.schema)) : {};
  return { text: { format: { type: "json_schema", name: "response", schema } } };
}

function instructions(request: MessagesRequest, profile: Profile): Fields {
  const text = leadingSystemParts(request, profile).map((part) => part.text).join("\n");
  return text === "" ? {} : { instructions: text };
}

/** The Responses body for a request, plus the wire → original tool name map. Stateless: `store` is always false. */
export function toOpenAiResponses(request: MessagesRequest, target: Target): WireRequest {
  const profile = target.profile;
  const names = createToolNames();
  // Tools first, so the declared tools claim their sanitized names before history does.
  const tools = toolFields(request, profile, names);
  const body: ResponsesRequest = {
    model: target.model,
    ...instructions(request, profile),
    input: toResponsesInput(request, profile, names),
    max_output_tokens: maxOutputTokens(request, profile),
    ...sampling(request, profile),
    ...(request.stream === undefined ? {} : { stream: request.stream }),
    store: false,
    ...tools,
    ...reasoningFields(request),
    ...textFormat(request),
  };
  return { body, toolNames: names.snapshot() };
}
