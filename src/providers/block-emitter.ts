// Writes Anthropic content blocks in stream grammar (conversion spec §1.3): indices 0,1,2…, one block open at a
// time, each block closed by its own closing deltas then `content_block_stop`.
import type { BlockDelta, BlockStart, StreamEvent } from "../formats/anthropic.ts";

/** The block currently open: its index, its kind, and the deltas that must precede its stop. */
export interface OpenBlock {
  index: number;
  kind: BlockStart["type"];
  /** Who owns the block (e.g. a tool call), so callers can tell two blocks of the same kind apart. */
  owner: unknown;
  closing: () => BlockDelta[];
}

/** Collects events for one upstream payload; `take` hands them over. */
export interface BlockEmitter {
  readonly open: OpenBlock | undefined;
  /** Characters of text, thinking and tool arguments emitted so far (for output-token estimates). */
  readonly emittedChars: number;
  /** Closes any open block, starts a new one at the next index and returns that index. */
  start(block: BlockStart, owner: unknown, closing?: () => BlockDelta[]): number;
  /** A delta for the open block (a no-op when nothing is open: deltas never target a closed block). */
  delta(delta: BlockDelta): void;
  /** Emits the open block's closing deltas and its `content_block_stop`. */
  close(): void;
  /** An event outside any block (message_start, ping, message_delta, message_stop, error). */
  emit(event: StreamEvent): void;
  take(): StreamEvent[];
}

function deltaChars(delta: BlockDelta): number {
  switch (delta.type) {
    case "text_delta":
      return delta.text.length;
    case "thinking_delta":
      return delta.thinking.length;
    case "input_json_delta":
      return delta.partial_json.length;
    case "signature_delta":
      return 0;
  }
}

/** A fresh emitter with no block open and index 0 next. */
export function createBlockEmitter(): BlockEmitter {
  let out: StreamEvent[] = [];
  let open: OpenBlock | undefined;
  let nextIndex = 0;
  let emittedChars = 0;

  function delta(d: BlockDelta): void {
    if (open === undefined) return;
    emittedChars += deltaChars(d);
    out.push({ type: "content_block_delta", index: open.index, delta: d });
  }

  function close(): void {
    if (open === undefined) return;
    for (const d of open.closing()) delta(d);
    out.push({ type: "content_block_stop", index: open.index });
    open = undefined;
  }

  return {
    get open() {
      return open;
    },
    get emittedChars() {
      return emittedChars;
    },
    start(block, owner, closing = () => []) {
      close();
      const index = nextIndex++;
      open = { index, kind: block.type, owner, closing };
      out.push({ type: "content_block_start", index, content_block: block });
      return index;
    },
    delta,
    close,
    emit(event) {
      out.push(event);
    },
    take() {
      const events = out;
      out = [];
      return events;
    },
  };
}

/** The opening events of every converted stream: `message_start` (usage seeded with the input estimate) and a `ping`. */
export function openingEvents(id: string, model: string, inputTokens: number): StreamEvent[] {
  const usage = { input_tokens: inputTokens, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  return [
    { type: "message_start", message: { id, type: "message", role: "assistant", content: [], model, stop_reason: null, stop_sequence: null, usage } },
    { type: "ping" },
  ];
}
