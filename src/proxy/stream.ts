// Moves an upstream SSE stream to the client: parse → convert → encode, one upstream chunk at a time, never buffered.
import { RouterError, asErrorType, statusForErrorType } from "../errors.ts";
import type { StreamEvent } from "../formats/anthropic.ts";
import type { StreamConverter } from "../providers/adapter.ts";
import { encodeComment, encodeEvents } from "../sse/encode.ts";
import { createSseParser } from "../sse/parse.ts";
import { removeSecrets } from "../log.ts";
import { upstreamFailure } from "./network-message.ts";
import type { Watchdog } from "./watchdog.ts";

export interface PumpOptions {
  upstream: ReadableStream<Uint8Array>;
  converter: StreamConverter;
  watchdog: Watchdog;
  timeoutMs: number;
  /** Aborts the upstream request (called when the client hangs up). */
  abort: () => void;
  /** Extra response headers (route information). */
  headers: Record<string, string>;
  /** How long to hold the response for the first payload, so an early upstream error is a real HTTP error. */
  commitTimeoutMs?: number;
  /** Ping period while the upstream is silent. */
  pingIntervalMs?: number;
  /** Called once when the stream ends, however it ends. */
  onEnd?: (outcome: { error: string | undefined }) => void;
  /** Configured secret values, cut out of mid-stream error messages (an upstream may quote the key it was sent). */
  secrets?: readonly string[];
}

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};

interface Step {
  events: StreamEvent[];
  done: boolean;
}

function failureEvent(opts: PumpOptions, err: unknown): StreamEvent {
  return { type: "error", error: upstreamFailure(err, opts.watchdog.fired, opts.timeoutMs) };
}

/** Reads upstream chunks until one yields events or the stream ends; network failures become an error event. */
function createStepper(opts: PumpOptions): () => Promise<Step> {
  const reader = opts.upstream.getReader();
  const parser = createSseParser();
  let finished = false;
  return async () => {
    if (finished) return { events: [], done: true };
    try {
      for (;;) {
        const { value, done } = await reader.read();
        opts.watchdog.touch();
        if (done) {
          finished = true;
          const events = parser.end().flatMap((m) => opts.converter.push(m));
          return { events: [...events, ...opts.converter.end()], done: true };
        }
        const events = parser.push(value).flatMap((m) => opts.converter.push(m));
        if (events.length > 0) return { events, done: false };
      }
    } catch (err) {
      finished = true;
      return { events: [failureEvent(opts, err)], done: true };
    }
  };
}

function earlyError(events: StreamEvent[]): RouterError | undefined {
  if (events.some((e) => e.type === "content_block_start")) return undefined;
  for (const event of events) {
    if (event.type !== "error") continue;
    const type = asErrorType(event.error.type);
    return new RouterError(statusForErrorType(type), type, event.error.message);
  }
  return undefined;
}

/** Waits for the first payload (bounded), then answers with a live SSE response, or with the error the upstream
 * opened its stream with (nothing has reached the client yet, so the caller may still retry or fail over). */
export async function pumpStream(opts: PumpOptions): Promise<{ response: Response } | { error: RouterError }> {
  const step = createStepper(opts);
  const commitMs = opts.commitTimeoutMs ?? 5000;
  let first: Step | undefined;
  let pending: Promise<Step> | undefined = step();
  const timer = new Promise<undefined>((resolve) => setTimeout(resolve, commitMs));
  first = await Promise.race([pending, timer]);
  if (first) pending = undefined;
  const early = first && earlyError(first.events);
  if (early) {
    opts.abort();
    opts.watchdog.stop();
    return { error: early };
  }
  const body = clientStream(opts, step, first, pending);
  return { response: new Response(body, { status: 200, headers: { ...SSE_HEADERS, ...opts.headers } }) };
}

type Stepper = () => Promise<Step>;

function withoutSecrets(event: StreamEvent, secrets: readonly string[]): StreamEvent {
  if (event.type !== "error") return event;
  return { ...event, error: { ...event.error, message: removeSecrets(event.error.message, secrets) } };
}

/** The client-facing body: first events, then one upstream chunk per pull, pings while the upstream is silent. */
function clientStream(opts: PumpOptions, step: Stepper, first: Step | undefined, pending: Promise<Step> | undefined) {
  const pingMs = opts.pingIntervalMs ?? 15000;
  let started = false;
  let lastWrite = Date.now();
  let ended = false;
  let ping: ReturnType<typeof setInterval> | undefined;
  const finish = (error: string | undefined) => {
    if (ended) return;
    ended = true;
    clearInterval(ping);
    opts.watchdog.stop();
    opts.onEnd?.({ error });
  };
  const emit = (controller: ReadableStreamDefaultController<Uint8Array>, raw: Step) => {
    const s = opts.secrets && opts.secrets.length > 0 ? { ...raw, events: raw.events.map((e) => withoutSecrets(e, opts.secrets ?? [])) } : raw;
    if (s.events.length > 0) {
      controller.enqueue(encodeEvents(s.events));
      lastWrite = Date.now();
      started ||= s.events.some((e) => e.type === "message_start");
    }
    const failure = s.events.find((e) => e.type === "error");
    if (s.done || failure) {
      if (failure && !s.done) opts.abort();
      controller.close();
      finish(failure?.type === "error" ? failure.error.message : undefined);
    }
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      ping = setInterval(() => {
        if (ended || Date.now() - lastWrite < pingMs) return;
        controller.enqueue(started ? encodeEvents([{ type: "ping" }]) : encodeComment("ping"));
        lastWrite = Date.now();
      }, Math.max(10, Math.floor(pingMs / 3)));
      if (first) emit(controller, first);
    },
    async pull(controller) {
      const next = pending ?? step();
      pending = undefined;
      emit(controller, await next);
    },
    cancel() {
      opts.abort();
      finish("client disconnected");
    },
  });
}
