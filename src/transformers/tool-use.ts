// CCR `tooluse`: forces a tool call on every turn and offers `ExitTool` as the way out; an ExitTool call reaches the
// client as plain text (for models that answer better in tool mode).
import * as v from "valibot";
import type { MessagesRequest, StreamEvent, TextBlock, Tool } from "../formats/anthropic.ts";
import { parseToolArguments } from "../providers/tool-arguments.ts";
import { noOptions } from "./no-options.ts";
import { streamState } from "./stream-state.ts";
import type { Transformer } from "./transformer.ts";

export const EXIT_TOOL = "ExitTool";

const REMINDER =
  "<system-reminder>Tool mode is active. The user expects you to proactively execute the most suitable tool to help complete the task. " +
  "Before invoking a tool, you must carefully evaluate whether it matches the current task. If no available tool is appropriate for the task, " +
  "you MUST call the `ExitTool` to exit tool mode — this is the only valid way to terminate tool mode.</system-reminder>";

const exitTool: Tool = {
  name: EXIT_TOOL,
  description:
    "Use this tool when you are in tool mode and have completed the task, or when none of the available tools applies. " +
    "This is the only valid way to exit tool mode. Put your whole answer for the user in `response`.",
  input_schema: {
    type: "object",
    properties: { response: { type: "string", description: "Your response; it is forwarded to the user exactly as written." } },
    required: ["response"],
  },
};

function withReminder(system: MessagesRequest["system"]): TextBlock[] {
  const blocks: TextBlock[] = typeof system === "string" ? [{ type: "text", text: system }] : [...(system ?? [])];
  return [...blocks, { type: "text", text: REMINDER }];
}

function requestHook(request: MessagesRequest): MessagesRequest {
  if (request.tools === undefined || request.tools.length === 0) return request;
  return { ...request, system: withReminder(request.system), tools: [...request.tools, exitTool], tool_choice: { type: "any" } };
}

interface ExitState {
  /** Index of the open ExitTool block (now a text block) and its argument text so far. */
  open: { index: number; args: string } | undefined;
  exited: boolean;
  otherTools: boolean;
}

function step(state: ExitState, event: StreamEvent): StreamEvent[] {
  if (event.type === "content_block_start" && event.content_block.type === "tool_use") {
    if (event.content_block.name !== EXIT_TOOL) {
      state.otherTools = true;
      return [event];
    }
    state.open = { index: event.index, args: "" };
    state.exited = true;
    return [{ type: "content_block_start", index: event.index, content_block: { type: "text", text: "" } }];
  }
  const open = state.open;
  if (open !== undefined && event.type === "content_block_delta" && event.index === open.index) {
    if (event.delta.type === "input_json_delta") open.args += event.delta.partial_json;
    return [];
  }
  if (open !== undefined && event.type === "content_block_stop" && event.index === open.index) {
    state.open = undefined;
    const response = parseToolArguments(open.args).response;
    const text = typeof response === "string" ? response : open.args;
    const delta: StreamEvent[] = text === "" ? [] : [{ type: "content_block_delta", index: open.index, delta: { type: "text_delta", text } }];
    return [...delta, event];
  }
  if (event.type === "message_delta" && event.delta.stop_reason === "tool_use" && state.exited && !state.otherTools) {
    // Only ExitTool was called: the turn ends with the model's text.
    return [{ ...event, delta: { ...event.delta, stop_reason: "end_turn" } }];
  }
  return [event];
}

/** Adds ExitTool, `tool_choice: any` (OpenAI `required`) and a reminder; turns ExitTool calls back into text. */
export function toolUse(options: unknown): Transformer {
  v.parse(noOptions, options);
  const state = streamState<ExitState>(() => ({ open: undefined, exited: false, otherTools: false }));
  return {
    name: "tooluse",
    request: requestHook,
    events: (events, ctx) => {
      const current = state(ctx, events);
      return events.flatMap((event) => step(current, event));
    },
  };
}
