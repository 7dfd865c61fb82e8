// Checks an event list against the Anthropic stream grammar a strict client enforces (conversion spec §1.3).
import type { StreamEvent } from "../../src/formats/anthropic.ts";

type Kind = "text" | "thinking" | "tool_use" | "redacted_thinking";

const DELTA_FOR: Record<Kind, string | undefined> = {
  text: "text_delta",
  thinking: "thinking_delta",
  tool_use: "input_json_delta",
  redacted_thinking: undefined,
};

const USAGE_KEYS = ["input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"];

function fail(at: number, why: string): never {
  throw new Error(`stream grammar violated at event ${at}: ${why}`);
}

function checkUsage(at: number, usage: unknown): void {
  const record = typeof usage === "object" && usage !== null ? Object.entries(usage) : [];
  for (const key of USAGE_KEYS) {
    const value = record.find(([k]) => k === key)?.[1];
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) fail(at, `usage.${key} is not a count`);
  }
}

function checkMessageStart(event: Extract<StreamEvent, { type: "message_start" }>): void {
  const m = event.message;
  if (typeof m.id !== "string" || m.id === "") fail(0, "message_start without an id");
  if (m.type !== "message" || m.role !== "assistant") fail(0, "message_start is not an assistant message");
  if (!Array.isArray(m.content) || m.content.length !== 0) fail(0, "message_start content is not []");
  if (typeof m.model !== "string") fail(0, "message_start without a model");
  if (m.stop_reason !== null || m.stop_sequence !== null) fail(0, "message_start stop fields are not null");
  checkUsage(0, m.usage);
}

function checkStart(at: number, event: Extract<StreamEvent, { type: "content_block_start" }>): void {
  const b = event.content_block;
  if (b.type === "text" && b.text !== "") fail(at, "text block starts non-empty");
  if (b.type === "thinking" && (b.thinking !== "" || b.signature !== "")) fail(at, "thinking block starts non-empty");
  if (b.type === "tool_use") {
    if (typeof b.id !== "string" || b.id === "") fail(at, "tool_use without an id");
    if (typeof b.name !== "string" || b.name === "") fail(at, "tool_use without a name");
    if (JSON.stringify(b.input) !== "{}") fail(at, "tool_use input is not {}");
  }
  if (b.type === "redacted_thinking" && (typeof b.data !== "string" || b.data === "")) fail(at, "redacted without data");
}

interface Open {
  index: number;
  kind: Kind;
  signatures: number;
}

function checkDelta(at: number, open: Open | undefined, event: Extract<StreamEvent, { type: "content_block_delta" }>): void {
  if (open === undefined || event.index !== open.index) fail(at, `delta for index ${event.index}, which is not open`);
  const d = event.delta;
  if (d.type === "signature_delta") {
    if (open.kind !== "thinking") fail(at, "signature_delta outside a thinking block");
    if (d.signature === "") fail(at, "empty signature");
    open.signatures++;
    if (open.signatures > 1) fail(at, "second signature_delta in one thinking block");
    return;
  }
  if (DELTA_FOR[open.kind] !== d.type) fail(at, `${d.type} in a ${open.kind} block`);
  if (open.signatures > 0) fail(at, "thinking_delta after the signature");
}

/** Where the checker is: the open block, the next expected index, and whether message_delta was seen. */
interface State {
  open: Open | undefined;
  nextIndex: number;
  sawDelta: boolean;
}

function checkBlockEvent(at: number, s: State, event: StreamEvent): void {
  if (event.type === "content_block_start") {
    if (s.sawDelta) fail(at, "block after message_delta");
    if (s.open !== undefined) fail(at, `block ${event.index} starts while ${s.open.index} is open`);
    if (event.index !== s.nextIndex) fail(at, `block index ${event.index}, expected ${s.nextIndex}`);
    checkStart(at, event);
    s.nextIndex++;
    s.open = { index: event.index, kind: event.content_block.type, signatures: 0 };
  } else if (event.type === "content_block_delta") {
    checkDelta(at, s.open, event);
  } else if (event.type === "content_block_stop") {
    if (s.open === undefined || s.open.index !== event.index) fail(at, `stop for ${event.index}, which is not open`);
    if (s.open.kind === "thinking" && s.open.signatures !== 1) fail(at, "thinking block stops without one signature");
    s.open = undefined;
  }
}

function checkMessageEvent(at: number, s: State, event: StreamEvent, last: boolean): void {
  if (event.type === "message_start") fail(at, "second message_start");
  if (event.type === "message_delta") {
    if (s.sawDelta) fail(at, "second message_delta");
    if (s.open !== undefined) fail(at, "message_delta while a block is open");
    if (event.delta.stop_reason === null) fail(at, "message_delta with a null stop_reason");
    if (event.delta.stop_sequence !== null && event.delta.stop_reason !== "stop_sequence") fail(at, "stray stop_sequence");
    checkUsage(at, event.usage);
    s.sawDelta = true;
  } else if (event.type === "message_stop") {
    if (!s.sawDelta) fail(at, "message_stop without message_delta");
    if (!last) fail(at + 1, "event after message_stop");
  } else if (event.type === "error") {
    if (s.sawDelta) fail(at, "error after message_delta");
    if (typeof event.error?.type !== "string" || typeof event.error.message !== "string") fail(at, "bad error shape");
    if (!last) fail(at + 1, "event after error");
  }
}

/** Throws with the offending event's position unless `events` is one complete, valid Anthropic stream. */
export function assertAnthropicStreamGrammar(events: readonly StreamEvent[]): void {
  const first = events[0];
  if (first?.type !== "message_start") fail(0, `first event is ${first?.type ?? "nothing"}, not message_start`);
  checkMessageStart(first);
  const state: State = { open: undefined, nextIndex: 0, sawDelta: false };
  events.forEach((event, at) => {
    if (at === 0 || event.type === "ping") return;
    checkBlockEvent(at, state, event);
    checkMessageEvent(at, state, event, at === events.length - 1);
  });
  const end = events[events.length - 1];
  if (end?.type !== "message_stop" && end?.type !== "error") fail(events.length, "stream does not end in message_stop or error");
}
