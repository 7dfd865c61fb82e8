// The admin API's server-sent event feeds, bounded: a client that stops reading is cut off, and only so many run at once.
import { RouterError } from "../errors.ts";

/** Feeds open at once (logs and requests together); each holds a timer and a subscription or a file poller. */
export const MAX_FEEDS = 32;
/** Bytes a feed may hold for a client that does not read before it is cut off (the web UI reconnects by itself). */
export const MAX_QUEUED_BYTES = 1024 * 1024;

let openFeeds = 0;
const closers = new Set<() => void>();

/** Starts a feed: gets `send` and returns what stops its sources (unsubscribe, clear timers). */
export type FeedSetup = (send: (bytes: Uint8Array) => void) => () => void;

/** How a feed answers: its headers, the client's abort signal, and (tests) its queue limit. */
export interface FeedOptions {
  /** Aborted when the client goes away (Bun does not always cancel the body then). */
  signal?: AbortSignal;
  headers: Record<string, string>;
  /** Overrides MAX_QUEUED_BYTES (tests). */
  maxQueuedBytes?: number;
}

/** Ends every open feed; a stopping server would otherwise wait its whole drain time for feeds that never end. */
export function endFeeds(): void {
  for (const close of [...closers]) close();
}

/** Feeds open now. */
export function openFeedCount(): number {
  return openFeeds;
}

/** An SSE response fed by `setup`; 503 when MAX_FEEDS are already open. */
export function openFeed(setup: FeedSetup, opts: FeedOptions): Response {
  if (openFeeds >= MAX_FEEDS) {
    throw new RouterError(503, "overloaded_error", `Too many live feeds are open (${MAX_FEEDS}); close other ccr UI tabs and try again.`);
  }
  openFeeds++;
  const limit = opts.maxQueuedBytes ?? MAX_QUEUED_BYTES;
  let stop: (() => void) | undefined;
  let close: (() => void) | undefined;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    openFeeds--;
    if (close) closers.delete(close);
    stop?.();
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const send = (bytes: Uint8Array) => {
          if (done) return;
          try {
            controller.enqueue(bytes);
            // desiredSize = highWaterMark (0) minus the bytes queued for a client that has not taken them.
            if ((controller.desiredSize ?? 0) < -limit) {
              finish();
              // error() drops the queue at once, freeing its memory; close() would keep it for a reader that never comes.
              controller.error(new Error("client too slow"));
            }
          } catch {
            // The stream is already closed (client gone without a cancel): stop the sources.
            finish();
          }
        };
        stop = setup(send);
        if (done) stop();
        close = () => {
          if (done) return;
          finish();
          controller.close();
        };
        if (!done) closers.add(close);
        opts.signal?.addEventListener("abort", close, { once: true });
      },
      cancel: finish,
    },
    { highWaterMark: 0, size: (chunk) => chunk?.byteLength ?? 0 },
  );
  return new Response(body, { headers: opts.headers });
}
