// Anthropic upstreams: the response bytes go back untouched, only guarded by the watchdog and the client's hang-up.
import { encodeEvents } from "../sse/encode.ts";
import type { ByteTap } from "../usage/byte-tap.ts";
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

export interface PipeOptions {
  watchdog: Watchdog;
  abort: () => void;
  sse: boolean;
  timeoutMs: number;
  /** Sees every chunk as it passes (usage for the request log); never delays or changes it. */
  tap?: ByteTap;
  /** Called once when the body ends, however it ends. */
  onEnd?: (error: string | undefined) => void;
}

/** Copies upstream chunks to the client as they arrive; a broken SSE stream ends with an Anthropic `error` event. */
export function pipeBytes(body: ReadableStream<Uint8Array>, opts: PipeOptions): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let ended = false;
  const finish = (error: string | undefined) => {
    opts.watchdog.stop();
    if (ended) return;
    ended = true;
    opts.tap?.end();
    opts.onEnd?.(error);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await reader.read();
        opts.watchdog.touch();
        if (done) {
          finish(undefined);
          controller.close();
          return;
        }
        opts.tap?.push(value);
        controller.enqueue(value);
      } catch (err) {
        const error = upstreamFailure(err, opts.watchdog.fired, opts.timeoutMs);
        finish(error.message);
        if (!opts.sse) return controller.error(err);
        controller.enqueue(encodeEvents([{ type: "error", error }]));
        controller.close();
      }
    },
    cancel() {
      finish("client disconnected");
      opts.abort();
    },
  });
}
