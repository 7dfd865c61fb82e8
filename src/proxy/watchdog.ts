// An inactivity timer: aborts the upstream request when the head or the next chunk takes longer than the timeout.

export interface Watchdog {
  /** Call on every sign of life (headers, a chunk). */
  touch(): void;
  /** True once the timer fired. */
  readonly fired: boolean;
  stop(): void;
}

/** Starts a timer that calls `onTimeout` after `timeoutMs` without a `touch()`. */
export function startWatchdog(timeoutMs: number, onTimeout: () => void): Watchdog {
  let fired = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      fired = true;
      onTimeout();
    }, timeoutMs);
  };
  arm();
  return {
    touch: () => {
      if (!fired) arm();
    },
    get fired() {
      return fired;
    },
    stop: () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
