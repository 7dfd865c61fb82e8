// Responses output items as Anthropic blocks (conversion spec §9.2): text, reasoning and function calls routed by
// item id, with one block open at a time and interleaved call arguments queued until their block opens.
import type { ResponsesOutputItem } from "../formats/openai-responses.ts";
import type { ResponseContext } from "./adapter.ts";
import { type BlockEmitter, createBlockEmitter } from "./block-emitter.ts";
import { SYNTHETIC_SIGNATURE, encodeEnvelope } from "./envelope.ts";
import { toolUseId } from "./ids.ts";

/** A function_call item: its block opens when no other call's block is open, in the order the items arrived. */
interface Call {
  key: string;
  id: string;
  name: string;
  state: "waiting" | "open" | "closed";
  queued: string;
  emitted: boolean;
  done: boolean;
  final: string;
}

/** A reasoning item: what its signature envelope needs and which summary part is streaming. */
interface Reasoning {
  key: string;
  id: string;
  enc: string;
  shown: boolean;
  summaryIndex: number | undefined;
}

/** Everything the item side of the stream remembers. */
export interface ItemState {
  readonly ctx: ResponseContext;
  readonly blocks: BlockEmitter;
  readonly calls: Call[];
  readonly reasoning: Map<string, Reasoning>;
  wsBuffer: string;
  emittedTool: boolean;
  refused: boolean;
}

const WHITESPACE = /^\s*$/;

/** Fresh state: nothing open, index 0 next. */
export function createItemState(ctx: ResponseContext): ItemState {
  return { ctx, blocks: createBlockEmitter(), calls: [], reasoning: new Map(), wsBuffer: "", emittedTool: false, refused: false };
}

/** The key that routes an event to its item: the item id, else the output index. */
export function itemKey(itemId: string | null | undefined, outputIndex: number | null | undefined): string {
  return typeof itemId === "string" && itemId !== "" ? itemId : `#${outputIndex ?? 0}`;
}

function startCall(s: ItemState, call: Call): void {
  s.wsBuffer = "";
  s.emittedTool = true;
  call.state = "open";
  s.blocks.start({ type: "tool_use", id: call.id, name: call.name, input: {} }, call, () => {
    call.state = "closed";
    const rest = call.emitted ? "" : call.final !== "" ? call.final : "{}";
    // The accumulated input must always be a JSON object.
    return rest === "" ? [] : [{ type: "input_json_delta", partial_json: rest }];
  });
  if (call.queued !== "") {
    s.blocks.delta({ type: "input_json_delta", partial_json: call.queued });
    call.emitted = true;
    call.queued = "";
  }
  if (call.done) s.blocks.close();
}

/** Opens waiting calls in arrival order while no block is open; `all` (at the end) drains every one of them. */
export function pumpCalls(s: ItemState, all = false): void {
  for (const call of s.calls) {
    if (call.state !== "waiting") continue;
    if (s.blocks.open !== undefined && !all) return;
    startCall(s, call);
    if (!call.done && !all) return;
    if (all) s.blocks.close();
  }
}

/** `response.output_item.added` for a function_call: a call in line for its block. */
export function addCall(s: ItemState, key: string, item: ResponsesOutputItem): void {
  if (s.calls.some((call) => call.key === key)) return;
  if (s.blocks.open?.kind !== "tool_use") s.blocks.close();
  const name = item.name ?? "";
  const id = item.call_id ?? "";
  s.calls.push({
    key,
    id: id === "" || s.calls.some((call) => call.id === id) ? toolUseId() : id,
    name: s.ctx.toolNames.get(name) ?? name,
    state: "waiting",
    queued: "",
    emitted: false,
    done: false,
    final: "",
  });
  pumpCalls(s);
}

/** An argument fragment goes to its own call: straight out when its block is open, queued while it waits. */
export function callArguments(s: ItemState, key: string, delta: string): void {
  const call = s.calls.find((c) => c.key === key);
  if (call === undefined || delta === "" || call.state === "closed") return;
  if (call.state === "waiting") {
    call.queued += delta;
    return;
  }
  if (s.blocks.open?.owner !== call) return;
  s.blocks.delta({ type: "input_json_delta", partial_json: delta });
  call.emitted = true;
}

/** `output_item.done` for a function_call: full arguments stand in when no fragment was seen; its block closes. */
export function finishCall(s: ItemState, key: string, item: ResponsesOutputItem): void {
  let call = s.calls.find((c) => c.key === key);
  if (call === undefined) {
    addCall(s, key, item);
    call = s.calls.find((c) => c.key === key);
  }
  if (call === undefined) return;
  call.done = true;
  call.final = item.arguments ?? "";
  // A call that never got its block: the complete arguments replace the queued fragments.
  if (call.state === "waiting" && call.final !== "") call.queued = "";
  if (s.blocks.open?.owner === call) s.blocks.close();
  pumpCalls(s);
}

function reasoningOf(s: ItemState, key: string): Reasoning {
  const known = s.reasoning.get(key);
  if (known !== undefined) return known;
  const fresh: Reasoning = { key, id: key, enc: "", shown: false, summaryIndex: undefined };
  s.reasoning.set(key, fresh);
  return fresh;
}

function signature(r: Reasoning): string {
  return r.enc === "" ? SYNTHETIC_SIGNATURE : encodeEnvelope({ v: 1, p: "openai-responses", id: r.id, enc: r.enc });
}

/** Reasoning summary or reasoning text: thinking deltas; a new summary part in the same item starts with a blank line. */
export function reasoningDelta(s: ItemState, key: string, delta: string, summaryIndex: number | undefined): void {
  if (delta === "") return;
  const r = reasoningOf(s, key);
  if (s.blocks.open?.owner !== r) {
    s.blocks.close();
    s.wsBuffer = "";
    s.blocks.start({ type: "thinking", thinking: "", signature: "" }, r, () => [{ type: "signature_delta", signature: signature(r) }]);
  }
  const gap = r.shown && summaryIndex !== undefined && r.summaryIndex !== undefined && summaryIndex !== r.summaryIndex;
  r.summaryIndex = summaryIndex ?? r.summaryIndex;
  r.shown = true;
  s.blocks.delta({ type: "thinking_delta", thinking: gap ? `\n\n${delta}` : delta });
}

/** `output_item.done` for reasoning: the thinking block gets its envelope, or a redacted block carries it alone. */
export function finishReasoning(s: ItemState, key: string, item: ResponsesOutputItem): void {
  const r = reasoningOf(s, key);
  r.id = item.id ?? r.id;
  r.enc = item.encrypted_content ?? "";
  if (s.blocks.open?.owner === r) s.blocks.close();
  else if (!r.shown && r.enc !== "") {
    s.blocks.close();
    s.blocks.start({ type: "redacted_thinking", data: signature(r) }, r);
    s.blocks.close();
  }
  pumpCalls(s);
}

/** Output text (and refusals): text deltas, whitespace-only text held until real text follows (spec §1.5). */
export function textDelta(s: ItemState, delta: string, refusal: boolean): void {
  if (refusal) s.refused = true;
  if (delta === "") return;
  if (s.blocks.open?.kind === "text") return s.blocks.delta({ type: "text_delta", text: delta });
  if (WHITESPACE.test(s.wsBuffer + delta)) {
    s.wsBuffer += delta;
    return;
  }
  const full = s.wsBuffer + delta;
  s.wsBuffer = "";
  s.blocks.start({ type: "text", text: "" }, undefined);
  s.blocks.delta({ type: "text_delta", text: full });
}

/** `output_item.done` for a message: its text block closes. */
export function finishMessage(s: ItemState): void {
  if (s.blocks.open?.kind === "text") s.blocks.close();
  s.wsBuffer = "";
  pumpCalls(s);
}

/** At the end: close the open block, then every call still waiting, in order. */
export function closeItems(s: ItemState): void {
  s.blocks.close();
  s.wsBuffer = "";
  pumpCalls(s, true);
}
