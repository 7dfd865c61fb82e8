// A circuit breaker per provider and model: after repeated failures a route is skipped for a cool-down, then probed.

export type CircuitState = "closed" | "open" | "half-open";

export interface CircuitSettings {
  /** Consecutive failures that open the circuit; 0 disables the breaker. */
  failureThreshold: number;
  cooldownMs: number;
}

export interface CircuitOptions {
  /** Read on every use, so a config reload changes them without losing the state. */
  settings: () => CircuitSettings;
  /** Injected clock (tests). */
  now?: () => number;
}

export interface CircuitBreaker {
  /** False while the route cools down; once the cool-down ends, lets one probe through (half-open). */
  allow(key: string): boolean;
  success(key: string): void;
  failure(key: string): void;
  state(key: string): CircuitState;
  /** Every route with a non-closed state, for status pages. */
  snapshot(): { key: string; state: CircuitState; failures: number; openUntil: number | undefined }[];
}

interface Entry {
  failures: number;
  openUntil: number | undefined;
  probing: boolean;
}

/** Creates a breaker; state lives in memory for the life of the server (it survives config reloads). */
export function createCircuitBreaker(opts: CircuitOptions): CircuitBreaker {
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const entry = (key: string): Entry => {
    let e = entries.get(key);
    if (!e) entries.set(key, (e = { failures: 0, openUntil: undefined, probing: false }));
    return e;
  };
  const state = (key: string): CircuitState => {
    const e = entries.get(key);
    if (!e || e.openUntil === undefined) return "closed";
    return now() < e.openUntil ? "open" : "half-open";
  };
  return {
    allow(key) {
      if (opts.settings().failureThreshold <= 0) return true;
      const s = state(key);
      if (s === "closed") return true;
      if (s === "open") return false;
      const e = entry(key);
      if (e.probing) return false;
      e.probing = true;
      return true;
    },
    success(key) {
      entries.delete(key);
    },
    failure(key) {
      const { failureThreshold, cooldownMs } = opts.settings();
      if (failureThreshold <= 0) return;
      const e = entry(key);
      e.failures++;
      e.probing = false;
      if (e.failures >= failureThreshold || e.openUntil !== undefined) e.openUntil = now() + cooldownMs;
    },
    state,
    snapshot() {
      return [...entries].map(([key, e]) => ({ key, state: state(key), failures: e.failures, openUntil: e.openUntil }));
    },
  };
}
