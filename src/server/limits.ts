// Per-client-key limits: requests and tokens per minute, USD per UTC day, and the allowed routes.
import type { ClientKey, Route } from "../config/compiled.ts";
import { RouterError } from "../errors.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Tracks usage per client key for the server's life (not persisted: a restart forgets the last minute and today's spend). */
export interface Limiter {
  /** Counts one request against `key`, or throws 429 (rpm, tpm) / 402 (budget) naming the limit, with Retry-After. */
  admit(key: ClientKey): void;
  /** Feeds a finished request's tokens and cost (USD) for the tpm and budget limits. */
  observe(keyName: string, tokens: number, cost: number): void;
}

interface Usage {
  /** Admission times in the last minute, oldest first. */
  requests: number[];
  /** `[time, tokens]` of finished requests in the last minute, oldest first. */
  tokens: [number, number][];
  /** The UTC day (ms at midnight) `spent` belongs to. */
  day: number;
  spent: number;
}

function retryAfter(ms: number): Record<string, string> {
  return { "retry-after": String(Math.max(1, Math.ceil(ms / 1000))) };
}

/** A limiter over an injectable clock (tests move time by hand). */
export function createLimiter(now: () => number = Date.now): Limiter {
  const usage = new Map<string, Usage>();
  const usageOf = (name: string, t: number): Usage => {
    const day = t - (t % DAY);
    let u = usage.get(name);
    if (!u) {
      u = { requests: [], tokens: [], day, spent: 0 };
      usage.set(name, u);
    }
    if (u.day !== day) {
      u.day = day;
      u.spent = 0;
    }
    while (u.requests.length > 0 && (u.requests[0] ?? 0) <= t - MINUTE) u.requests.shift();
    while (u.tokens.length > 0 && (u.tokens[0]?.[0] ?? 0) <= t - MINUTE) u.tokens.shift();
    return u;
  };
  return {
    admit(key) {
      if (key.rpm === undefined && key.tpm === undefined && key.dailyBudget === undefined) return;
      const t = now();
      const u = usageOf(key.name, t);
      if (key.dailyBudget !== undefined && u.spent >= key.dailyBudget) {
        const message = `Client key "${key.name}" has used its daily budget of $${key.dailyBudget} (spent $${u.spent.toFixed(4)} today, UTC); it resets at midnight UTC.`;
        throw new RouterError(402, "billing_error", message, retryAfter(u.day + DAY - t));
      }
      if (key.rpm !== undefined && u.requests.length >= key.rpm) {
        const wait = (u.requests[u.requests.length - key.rpm] ?? t) + MINUTE - t;
        throw new RouterError(429, "rate_limit_error", `Client key "${key.name}" is over its limit of ${key.rpm} requests per minute (rpm).`, retryAfter(wait));
      }
      if (key.tpm !== undefined) {
        const used = u.tokens.reduce((sum, [, n]) => sum + n, 0);
        if (used >= key.tpm) {
          const wait = (u.tokens[0]?.[0] ?? t) + MINUTE - t;
          throw new RouterError(429, "rate_limit_error", `Client key "${key.name}" is over its limit of ${key.tpm} tokens per minute (tpm): ${used} used in the last minute.`, retryAfter(wait));
        }
      }
      u.requests.push(t);
    },
    observe(keyName, tokens, cost) {
      const t = now();
      const u = usageOf(keyName, t);
      if (Number.isFinite(tokens) && tokens > 0) u.tokens.push([t, tokens]);
      if (Number.isFinite(cost) && cost > 0) u.spent += cost;
    },
  };
}

/** The routes `key` may use, in order; 403 when the chosen one is not on its list (fallbacks off the list are skipped). */
export function allowedRoutes(key: ClientKey | undefined, routes: readonly Route[]): Route[] {
  const allow = key?.routes;
  if (!allow) return [...routes];
  const allowed = new Set(allow.map((r) => r.toLowerCase()));
  const out = routes.filter((r) => allowed.has(`${r.provider},${r.model}`.toLowerCase()));
  const first = routes[0];
  if (first && out[0] !== first) {
    const message = `Client key "${key.name}" may not use ${first.provider},${first.model}; it may use: ${allow.join(", ")}.`;
    throw new RouterError(403, "permission_error", message);
  }
  return out;
}

/** The token and cost fields of a request-log row the limiter needs (`RequestRow` in src/usage/schema.ts). */
export interface UsageFacts {
  client_key: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cost: number | null;
}

/** A request-log subscriber that feeds each named key's tokens and cost to the limiter: `recorder.subscribe(limitFeed(l))`. */
export function limitFeed(limiter: Limiter): (row: UsageFacts) => void {
  return (row) => {
    if (row.client_key === null) return;
    limiter.observe(row.client_key, (row.input_tokens ?? 0) + (row.output_tokens ?? 0), row.cost ?? 0);
  };
}
