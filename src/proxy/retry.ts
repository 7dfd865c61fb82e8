// When to try again: which failures are worth another attempt, and how long to wait before it.

/** Failures another attempt may fix: timeouts, rate limits, server errors, unreachable upstreams. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** `Retry-After` (seconds or an HTTP date) or `retry-after-ms`, in milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(headers: Readonly<Record<string, string>>, nowMs: number): number | undefined {
  const ms = Number(headers["retry-after-ms"]);
  if (headers["retry-after-ms"] !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers["retry-after"];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (value.trim() !== "" && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Jittered exponential backoff: 0.5 s, 1 s, 2 s... times a random factor in [0.5, 1); `Retry-After` wins when given. */
export function backoffMs(retry: number, hintMs: number | undefined, random: () => number = Math.random): number {
  if (hintMs !== undefined) return hintMs;
  const base = 500 * 2 ** retry;
  return Math.round(base * (0.5 + random() / 2));
}
