// Follows a server-sent event stream while a screen is shown, reconnecting after a pause when it drops.
import { useEffect, useState } from "preact/hooks";
import { ApiError, errorText, followEvents } from "./api.ts";

/** `live`, `connecting`, or why the stream is not available; `onData` gets every event's data. */
export function useEventStream(path: string | undefined, onData: (data: string) => void): string {
  const [state, setState] = useState("connecting");
  useEffect(() => {
    if (path === undefined) return;
    const abort = new AbortController();
    let stopped = false;
    const run = async () => {
      for (let attempt = 0; !stopped; attempt++) {
        setState(attempt === 0 ? "connecting" : "reconnecting");
        try {
          setState("live");
          await followEvents(path, onData, abort.signal);
        } catch (err) {
          if (stopped) return;
          setState(err instanceof ApiError && err.status === 404 ? "not available on this server" : `disconnected: ${errorText(err)}`);
          if (err instanceof ApiError && (err.status === 404 || err.status === 401 || err.status === 403)) return;
        }
        await new Promise((r) => setTimeout(r, Math.min(10_000, 1000 * 2 ** Math.min(attempt, 4))));
      }
    };
    void run();
    return () => {
      stopped = true;
      abort.abort();
    };
  }, [path]);
  return state;
}
