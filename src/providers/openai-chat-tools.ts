// Anthropic tools and tool_choice → Chat `tools`, `tool_choice`, `parallel_tool_calls` (conversion spec §2.5, §2.6).
import type { Tool, ToolChoice } from "../formats/anthropic.ts";
import type { ChatRequest, ChatTool, ChatToolChoice } from "../formats/openai-chat.ts";
import type { Profile } from "./adapter.ts";
import type { ToolNames } from "./tool-names.ts";

type ToolFields = Pick<ChatRequest, "tools" | "tool_choice" | "parallel_tool_calls">;

/** Server tools (`web_search_…`, no `input_schema`) and deferred-loading placeholders have no Chat equivalent. */
function callable(tool: Tool): tool is Tool & { input_schema: Record<string, unknown> } {
  return tool.input_schema !== undefined && tool.defer_loading !== true;
}

function parameters(schema: Record<string, unknown>): Record<string, unknown> {
  // Groq and Gemini-compat servers reject the draft marker; it adds nothing elsewhere.
  const { $schema: _draft, ...rest } = schema;
  return rest;
}

/** The callable tools as Chat functions, names made valid for the upstream. */
export function toChatTools(tools: readonly Tool[] | undefined, names: ToolNames): ChatTool[] {
  return (tools ?? []).filter(callable).map((tool) => {
    const name = names.wire(tool.name);
    const fn = tool.description === undefined
      ? { name, parameters: parameters(tool.input_schema) }
      : { name, description: tool.description, parameters: parameters(tool.input_schema) };
    return { type: "function", function: fn };
  });
}

function choice(toolChoice: ToolChoice, names: ToolNames): ChatToolChoice {
  switch (toolChoice.type) {
    case "auto":
      return "auto";
    case "any":
      return "required";
    case "none":
      return "none";
    case "tool":
      return { type: "function", function: { name: names.wire(toolChoice.name) } };
  }
}

/** `tools` with the matching `tool_choice`/`parallel_tool_calls`; all omitted when no tool survives filtering. */
export function toolFields(
  tools: readonly Tool[] | undefined,
  toolChoice: ToolChoice | undefined,
  profile: Profile,
  names: ToolNames,
): ToolFields {
  const chatTools = toChatTools(tools, names);
  if (chatTools.length === 0) return {};
  const fields: ToolFields = { tools: chatTools };
  if (toolChoice === undefined) return fields;
  if (!profile.dropToolChoice) fields.tool_choice = choice(toolChoice, names);
  if ("disable_parallel_tool_use" in toolChoice && toolChoice.disable_parallel_tool_use === true) {
    fields.parallel_tool_calls = false;
  }
  return fields;
}
