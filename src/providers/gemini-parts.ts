// Gemini response parts → Anthropic blocks (conversion spec §7 per-part rules), shared by stream and non-stream.
import type { GeminiResponsePart } from "../formats/gemini.ts";
import type { ResponseContext } from "./adapter.ts";
import { type BlockEmitter, createBlockEmitter } from "./block-emitter.ts";
import { encodeEnvelope } from "./envelope.ts";
import { toolUseId } from "./ids.ts";

type Sig = { sig: string; at: string };

/** What the content side of a Gemini stream remembers between chunks. */
export interface GeminiContentState {
  readonly ctx: ResponseContext;
  readonly blocks: BlockEmitter;
  /** Signatures that will close the open thinking block. */
  thinkingSigs: Sig[];
  /** Whitespace-only text seen while no text block is open (§1.5). */
  wsBuffer: string;
  /** functionCall parts seen so far in this response (positions for `fc:n`). */
  calls: number;
  toolIds: Set<string>;
  producedContent: boolean;
}

const WHITESPACE = /^\s*$/;

/** Fresh state: nothing open, index 0 next. */
export function createGeminiContentState(ctx: ResponseContext): GeminiContentState {
  return { ctx, blocks: createBlockEmitter(), thinkingSigs: [], wsBuffer: "", calls: 0, toolIds: new Set(), producedContent: false };
}

function envelope(sigs: Sig[]): string {
  return encodeEnvelope({ v: 1, p: "gemini", sigs });
}

function openThinking(s: GeminiContentState): void {
  if (s.blocks.open?.kind === "thinking") return;
  s.wsBuffer = "";
  s.thinkingSigs = [];
  s.blocks.start({ type: "thinking", thinking: "", signature: "" }, undefined, () => {
    // A thinking block always ends with exactly one signature: the recorded ones, or an empty gemini envelope.
    const sigs = s.thinkingSigs;
    s.thinkingSigs = [];
    return [{ type: "signature_delta", signature: envelope(sigs) }];
  });
}

/** A signature on a non-thought part: it closes an open thinking block, else becomes a redacted_thinking block. */
function placeSignature(s: GeminiContentState, sig: Sig): void {
  if (s.blocks.open?.kind === "thinking") {
    s.thinkingSigs.push(sig);
    s.blocks.close();
    return;
  }
  s.wsBuffer = "";
  s.blocks.start({ type: "redacted_thinking", data: envelope([sig]) }, undefined);
  s.blocks.close();
}

function text(s: GeminiContentState, value: string): void {
  if (value === "") return;
  if (s.blocks.open?.kind !== "text") {
    if (WHITESPACE.test(s.wsBuffer + value)) {
      s.wsBuffer += value;
      return;
    }
    s.blocks.start({ type: "text", text: "" }, undefined);
    value = s.wsBuffer + value;
    s.wsBuffer = "";
  }
  s.producedContent = true;
  s.blocks.delta({ type: "text_delta", text: value });
}

function functionCall(s: GeminiContentState, call: NonNullable<GeminiResponsePart["functionCall"]>): void {
  const upstreamId = call.id ?? "";
  const id = upstreamId !== "" && !s.toolIds.has(upstreamId) ? upstreamId : toolUseId();
  s.toolIds.add(id);
  s.wsBuffer = "";
  s.producedContent = true;
  const name = s.ctx.toolNames.get(call.name) ?? call.name;
  s.blocks.start({ type: "tool_use", id, name, input: {} }, undefined);
  s.blocks.delta({ type: "input_json_delta", partial_json: JSON.stringify(call.args ?? {}) });
  s.blocks.close();
}

/** One response part, in order: thought text, its signature, then the payload (text or functionCall). */
export function applyPart(s: GeminiContentState, part: GeminiResponsePart): void {
  const signature = part.thoughtSignature ?? undefined;
  if (part.thought === true) {
    if (typeof part.text === "string" && part.text !== "") {
      openThinking(s);
      s.producedContent = true;
      s.blocks.delta({ type: "thinking_delta", thinking: part.text });
    }
    if (signature !== undefined && signature !== "") placeSignature(s, { sig: signature, at: "last" });
    return;
  }
  const call = part.functionCall ?? undefined;
  if (signature !== undefined && signature !== "") placeSignature(s, { sig: signature, at: call === undefined ? "last" : `fc:${s.calls}` });
  if (call !== undefined) {
    functionCall(s, call);
    s.calls += 1;
  } else if (typeof part.text === "string") {
    text(s, part.text);
  }
}

/** Closes whatever is open and drops buffered whitespace (finish and EOF). */
export function closeAll(s: GeminiContentState): void {
  s.blocks.close();
  s.wsBuffer = "";
}
