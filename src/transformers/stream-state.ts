// Per-stream state for `events` hooks: one transformer instance serves every request, so state is keyed by the
// TransformContext object, which the proxy creates once per upstream attempt (one response stream).
import type { StreamEvent } from "../formats/anthropic.ts";
import type { TransformContext } from "./transformer.ts";

/** Returns the state of the stream `ctx` belongs to; a `message_start` in `events` begins a fresh state. */
export function streamState<S>(init: () => S): (ctx: TransformContext, events: readonly StreamEvent[]) => S {
  const states = new WeakMap<TransformContext, S>();
  return (ctx, events) => {
    const existing = states.get(ctx);
    if (existing !== undefined && !events.some((e) => e.type === "message_start")) return existing;
    const fresh = init();
    states.set(ctx, fresh);
    return fresh;
  };
}
