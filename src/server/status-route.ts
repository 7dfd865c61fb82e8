// `GET /api/status`: version, uptime, config path, request log, and the circuit breaker's state per route.
import { Elysia } from "elysia";
import type { CircuitBreaker } from "../proxy/circuit.ts";

export interface StatusState {
  version: string;
  startedAt: number;
  configPath: () => string | undefined;
  breaker: CircuitBreaker | undefined;
  /** The request log file, when the server keeps one. */
  requestLog: string | undefined;
  now?: () => number;
}

/** The status document; routes whose circuit is closed and never failed are left out. */
export function statusOf(state: StatusState) {
  const now = (state.now ?? Date.now)();
  return {
    version: state.version,
    uptime: Math.round((now - state.startedAt) / 1000),
    started_at: new Date(state.startedAt).toISOString(),
    config_path: state.configPath() ?? null,
    request_log: state.requestLog ?? null,
    circuits: (state.breaker?.snapshot() ?? []).map((c) => ({
      route: c.key,
      state: c.state,
      failures: c.failures,
      open_until: c.openUntil === undefined ? null : new Date(c.openUntil).toISOString(),
    })),
  };
}

/** Mounted by the app behind the admin guard. */
export function statusRoute(state: StatusState) {
  return new Elysia().get("/api/status", () => Response.json(statusOf(state)));
}
