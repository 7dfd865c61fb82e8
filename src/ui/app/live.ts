// Follows a server-sent event stream while a screen is shown, reconnecting after a pause when it drops.
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, errorText, followEvents } from "./api.ts";

/** What `followWithRetry` needs: one connection attempt, a pause, and where to report. */
export interface RetryOptions {
  /** One connection: resolves when the server ends the stream, rejects when it fails; calls `opened` once accepted. */
  connect(opened: () => void): Promise<void>;
  /** `connecting`, `live`, `reconnecting in N s`, or why the stream is not available. */
  onState(state: string): void;
  /** Called after a reconnect: events sent while the stream was down are lost, so the screen reloads. */
  onReconnect?(): void;
  sleep(ms: number): Promise<void>;
  /** True once the screen is gone. */
  stopped(): boolean;
}

/** Pause before attempt `n` (0-based) after a drop: 1, 2, 4, 8 s, then 10 s. */
export function retryDelay(n: number): number {
  return Math.min(10_000, 1000 * 2 ** Math.min(n, 4));
}

/** Connects, and after every drop reconnects with a growing pause (reset once a connection was accepted). */
export async function followWithRetry(o: RetryOptions): Promise<void> {
  let everOpen = false;
  let failures = 0;
  while (!o.stopped()) {
    o.onState(everOpen ? "reconnecting" : "connecting");
    let why = "the server closed the stream";
    try {
      await o.connect(() => {
        o.onState("live");
        if (everOpen) o.onReconnect?.();
        everOpen = true;
        failures = 0;
      });
    } catch (err) {
      if (o.stopped()) return;
      if (err instanceof ApiError && err.status === 404) return o.onState("not available on this server");
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return o.onState(`refused: ${err.message}`);
      why = err instanceof TypeError ? "ccr is not reachable" : errorText(err);
    }
    if (o.stopped()) return;
    const wait = retryDelay(failures++);
    o.onState(`disconnected (${why}); retrying in ${Math.round(wait / 1000)} s`);
    await o.sleep(wait);
  }
}

/** `live`, `connecting`, or why the stream is not available; `onData` gets every event's data, `onReconnect` runs after a gap. */
export function useEventStream(path: string | undefined, onData: (data: string) => void, onReconnect?: () => void): string {
  const [state, setState] = useState("connecting");
  // The latest callbacks, so a stream that outlives a render never calls one with stale filters.
  const handlers = useRef({ onData, onReconnect });
  handlers.current = { onData, onReconnect };
  useEffect(() => {
    if (path === undefined) return;
    const abort = new AbortController();
    let stopped = false;
    void followWithRetry({
      connect: (opened) => followEvents(path, (data) => handlers.current.onData(data), abort.signal, opened),
      onState: (s) => !stopped && setState(s),
      onReconnect: () => handlers.current.onReconnect?.(),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      stopped: () => stopped,
    });
    return () => {
      stopped = true;
      abort.abort();
    };
  }, [path]);
  return state;
}
