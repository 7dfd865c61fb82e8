// Anthropic upstreams: the response bytes go back untouched, only guarded by the watchdog and the client's hang-up.
import { encodeEvents } from "../sse/encode.ts";
import { upstreamFailure } from "./network-message.ts";
import type { Watchdog } from "./watchdog.ts";

const KEEP_HEADERS = ["content-type", "request-id", "retry-after", "retry-after-ms", "x-request-id"];

/** The upstream headers worth keeping (never content-encoding/length: fetch already decoded the body). */
export function passthroughHeaders(upstream: Headers, extra: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of upstream) {
    if (KEEP_HEADERS.includes(name) || name.startsWith("anthropic-ratelimit-")) out[name] = value;
  }
  return { ...out, ...extra };
}

/** Copies upstream chunks to the client as they arrive; a broken SSE stream ends with an Anthropic `error` event. */
export function pipeBytes(
  body: ReadableStream<Uint8Array>,
  opts: { watchdog: Watchdog; abort: () => void; sse: boolean; timeoutMs: number },
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await reader.read();
        opts.watchdog.touch();
        if (done) {
          opts.watchdog.stop();
          controller.close();
          return;
        }
        controller.enqueue(value);
      } catch (err) {
        opts.watchdog.stop();
        if (!opts.sse) return controller.error(err);
        const error = upstreamFailure(err, opts.watchdog.fired, opts.timeoutMs);
        controller.enqueue(encodeEvents([{ type: "error", error }]));
        controller.close();
      }
    },
    cancel() {
      opts.watchdog.stop();
      opts.abort();
    },
  });
}
