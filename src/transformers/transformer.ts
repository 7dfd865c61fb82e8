// A transformer adjusts one provider's traffic at fixed, typed stages (DESIGN.md §1). Pure: no I/O.
import type { MessagesRequest, StreamEvent } from "../formats/anthropic.ts";
import type { Adapter, Profile } from "../providers/adapter.ts";

/** Per-request facts a transformer may read. */
export interface TransformContext {
  provider: string;
  model: string;
}

/** One named transformer with optional hooks; a hook returns a new value and never mutates its input. */
export interface Transformer {
  readonly name: string;
  /** The upstream protocol this transformer selects (`Anthropic`, `gemini`, ...); the last one in a chain wins. */
  readonly adapter?: Adapter;
  /** Provider quirks this transformer switches on (merged over the adapter's defaults). */
  readonly profile?: Partial<Profile>;
  /** Anthropic request, before the adapter converts it. */
  request?(request: MessagesRequest, ctx: TransformContext): MessagesRequest;
  /** The wire body the adapter produced, before it is sent. */
  wireRequest?(body: Record<string, unknown>, ctx: TransformContext): Record<string, unknown>;
  /** Anthropic stream events the adapter produced, before they are encoded. */
  events?(events: StreamEvent[], ctx: TransformContext): StreamEvent[];
}
