// Which streamed tool call a `delta.tool_calls[]` fragment belongs to (conversion spec §4.2 routeToolFragment).
import type { ToolCallFragment } from "../formats/openai-chat.ts";
import { toolUseId } from "./ids.ts";

/** One tool call seen in the stream. `deferred` = no name yet, so no block yet; `open` = its block is the open one;
 * `closed` = its block was stopped and late fragments are dropped. */
export interface ChatToolCall {
  upstreamId: string | undefined;
  id: string;
  name: string | undefined;
  index: number | undefined;
  state: "deferred" | "open" | "closed";
  /** Argument fragments received while the start was deferred. */
  pending: string;
  argsEmitted: boolean;
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The call a fragment continues, or undefined when it starts a new one: by id first (a new id is a new call even on
 * a reused index), else by index (the latest call bound to it), else the most recent call. */
export function findToolCall(calls: readonly ChatToolCall[], fragment: ToolCallFragment): ChatToolCall | undefined {
  const id = nonEmpty(fragment.id);
  if (id !== undefined) return calls.find((call) => call.upstreamId === id);
  if (typeof fragment.index === "number") return calls.findLast((call) => call.index === fragment.index);
  return calls[calls.length - 1];
}

/** A new call from its first fragment: the upstream id verbatim, or a generated `toolu_…` when it has none. */
export function newToolCall(fragment: ToolCallFragment): ChatToolCall {
  const upstreamId = nonEmpty(fragment.id);
  return {
    upstreamId,
    id: upstreamId ?? toolUseId(),
    name: undefined,
    index: typeof fragment.index === "number" ? fragment.index : undefined,
    state: "deferred",
    pending: "",
    argsEmitted: false,
  };
}

/** The argument text a fragment carries: strings as sent, objects (Ollama, llama.cpp) serialized once. */
export function fragmentArguments(fragment: ToolCallFragment): string {
  const args = fragment.function?.arguments;
  if (typeof args === "string") return args;
  if (args === null || args === undefined) return "";
  return JSON.stringify(args);
}

/** The fragment's function name, if it carries a non-empty one. */
export function fragmentName(fragment: ToolCallFragment): string | undefined {
  return nonEmpty(fragment.function?.name);
}
