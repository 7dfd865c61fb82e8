// One OpenAI Chat `delta` applied to the stream state (conversion spec §4.2): reasoning, text with whitespace
// buffering, and tool-call fragments, each opening and closing Anthropic blocks as needed.
import type { ChatChunk, ToolCallFragment } from "../formats/openai-chat.ts";
import type { ResponseContext } from "./adapter.ts";
import { type BlockEmitter, createBlockEmitter } from "./block-emitter.ts";
import { type ChatToolCall, findToolCall, fragmentArguments, fragmentName, newToolCall } from "./chat-tool-calls.ts";
import {
  type ReasoningDetail,
  mergeReasoningDetails,
  reasoningDetailsText,
  redactedThinkingData,
  thinkingSignature,
} from "./reasoning-details.ts";

/** A chunk's `choices[0].delta`. */
export type ChatDelta = NonNullable<NonNullable<NonNullable<ChatChunk["choices"]>[number]["delta"]>>;

/** What the content side of the stream remembers between chunks (spec §4.1). */
export interface ChatStreamState {
  readonly ctx: ResponseContext;
  readonly blocks: BlockEmitter;
  readonly calls: ChatToolCall[];
  /** Whitespace-only text seen while no text block is open (§1.5). */
  wsBuffer: string;
  /** Reasoning details without readable text, waiting to become a redacted_thinking block. */
  pendingRedacted: ReasoningDetail[];
  /** Details of the open thinking block, which decide its signature. */
  thinkingDetails: ReasoningDetail[];
  emittedTool: boolean;
  refused: boolean;
  /** Tool-argument fragments that had no block to go to. */
  dropped: number;
}

const WHITESPACE = /^\s*$/;

/** Fresh state: nothing open, index 0 next. */
export function createChatStreamState(ctx: ResponseContext): ChatStreamState {
  return {
    ctx,
    blocks: createBlockEmitter(),
    calls: [],
    wsBuffer: "",
    pendingRedacted: [],
    thinkingDetails: [],
    emittedTool: false,
    refused: false,
    dropped: 0,
  };
}

/** The first non-empty string, or "". */
export function firstText(...values: (string | null | undefined)[]): string {
  for (const value of values) if (typeof value === "string" && value !== "") return value;
  return "";
}

/** Encrypted reasoning with no readable text becomes one redacted_thinking block, placed before the next block. */
function flushRedacted(s: ChatStreamState): void {
  if (s.pendingRedacted.length === 0) return;
  s.blocks.start({ type: "redacted_thinking", data: redactedThinkingData(s.pendingRedacted) }, undefined);
  s.pendingRedacted = [];
  s.blocks.close();
}

/** Closes the open block, emits any pending redacted block and discards buffered whitespace (finish and EOF). */
export function closeAll(s: ChatStreamState): void {
  s.blocks.close();
  flushRedacted(s);
  s.wsBuffer = "";
}

/** Opens a thinking block unless one is open; pending encrypted details join it instead of a redacted block. */
function openThinking(s: ChatStreamState): void {
  if (s.blocks.open?.kind === "thinking") return;
  s.blocks.close();
  s.thinkingDetails = s.pendingRedacted;
  s.pendingRedacted = [];
  s.wsBuffer = "";
  s.blocks.start({ type: "thinking", thinking: "", signature: "" }, undefined, () => [
    { type: "signature_delta", signature: thinkingSignature(s.thinkingDetails) },
  ]);
}

function onReasoning(s: ChatStreamState, delta: ChatDelta): void {
  const details: ReasoningDetail[] = delta.reasoning_details ?? [];
  // One source per chunk: servers often send the same text in `reasoning` and `reasoning_details`.
  const text = firstText(delta.reasoning_content, delta.reasoning, reasoningDetailsText(details));
  if (text !== "") openThinking(s);
  if (s.blocks.open?.kind === "thinking") s.thinkingDetails = mergeReasoningDetails(s.thinkingDetails, details);
  else s.pendingRedacted = mergeReasoningDetails(s.pendingRedacted, details);
  if (text !== "") s.blocks.delta({ type: "thinking_delta", thinking: text });
}

function onText(s: ChatStreamState, delta: ChatDelta): void {
  let text = delta.content ?? "";
  if (typeof delta.refusal === "string" && delta.refusal !== "") {
    s.refused = true;
    text += delta.refusal;
  }
  if (text === "") return;
  if (s.blocks.open?.kind === "text") return s.blocks.delta({ type: "text_delta", text });
  if (WHITESPACE.test(s.wsBuffer + text)) {
    s.wsBuffer += text;
    return;
  }
  const full = s.wsBuffer + text;
  s.wsBuffer = "";
  flushRedacted(s);
  s.blocks.start({ type: "text", text: "" }, undefined);
  s.blocks.delta({ type: "text_delta", text: full });
}

function startTool(s: ChatStreamState, call: ChatToolCall): void {
  s.blocks.close();
  flushRedacted(s);
  s.wsBuffer = "";
  s.emittedTool = true;
  call.state = "open";
  s.blocks.start({ type: "tool_use", id: call.id, name: call.name ?? "", input: {} }, call, () => {
    call.state = "closed";
    // The accumulated input must always be a JSON object.
    return call.argsEmitted ? [] : [{ type: "input_json_delta", partial_json: "{}" }];
  });
  if (call.pending !== "") {
    s.blocks.delta({ type: "input_json_delta", partial_json: call.pending });
    call.argsEmitted = true;
    call.pending = "";
  }
}

function onToolFragment(s: ChatStreamState, fragment: ToolCallFragment): void {
  let call = findToolCall(s.calls, fragment);
  if (call === undefined) {
    call = newToolCall(fragment);
    s.calls.push(call);
    s.blocks.close();
  }
  const name = fragmentName(fragment);
  if (call.name === undefined && name !== undefined) call.name = s.ctx.toolNames.get(name) ?? name;
  const args = fragmentArguments(fragment);
  if (call.state === "closed") {
    if (args !== "") s.dropped++; // §4.4: a late fragment never goes into another block
    return;
  }
  if (call.state === "deferred") {
    // No placeholder names: the block starts only once a name is known.
    call.pending += args;
    if (call.name !== undefined) startTool(s, call);
    return;
  }
  if (args === "") return;
  s.blocks.delta({ type: "input_json_delta", partial_json: args });
  call.argsEmitted = true;
}

/** Applies one delta in spec order: reasoning, then text, then tool calls in array order. */
export function applyDelta(s: ChatStreamState, delta: ChatDelta): void {
  onReasoning(s, delta);
  onText(s, delta);
  for (const fragment of delta.tool_calls ?? []) onToolFragment(s, fragment);
}

/** Counts argument text of calls that never got a name (their blocks were never started). */
export function countUnnamedCalls(s: ChatStreamState): void {
  for (const call of s.calls) if (call.state === "deferred" && call.pending !== "") s.dropped++;
}
