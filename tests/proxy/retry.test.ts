import { describe, expect, test } from "bun:test";
import { backoffMs, isRetryableStatus, retryAfterMs } from "../../src/proxy/retry.ts";

describe("isRetryableStatus", () => {
  test("retries timeouts, rate limits and server errors", () => {
    for (const status of [408, 429, 500, 502, 503, 504, 529]) expect(isRetryableStatus(status)).toBe(true);
  });
  test("does not retry errors caused by the request itself", () => {
    for (const status of [400, 401, 403, 404, 413, 422]) expect(isRetryableStatus(status)).toBe(false);
  });
});

describe("retryAfterMs", () => {
  const now = Date.parse("2026-11-22T10:00:00Z");
  test("reads seconds", () => expect(retryAfterMs({ "retry-after": "3" }, now)).toBe(3000));
  test("prefers retry-after-ms", () => expect(retryAfterMs({ "retry-after": "3", "retry-after-ms": "250" }, now)).toBe(250));
  test("reads an HTTP date relative to now", () => expect(retryAfterMs({ "retry-after": "Sun, 22 Nov 2026 10:00:05 GMT" }, now)).toBe(5000));
  test("is undefined when absent or unreadable", () => {
    expect(retryAfterMs({}, now)).toBeUndefined();
    expect(retryAfterMs({ "retry-after": "soon" }, now)).toBeUndefined();
  });
});

describe("backoffMs", () => {
  test("doubles per retry within a jitter band of half to full", () => {
    expect(backoffMs(0, undefined, () => 0)).toBe(250);
    expect(backoffMs(0, undefined, () => 0.999999)).toBe(500);
    expect(backoffMs(2, undefined, () => 0)).toBe(1000);
  });
  test("uses the server's Retry-After when given", () => {
    expect(backoffMs(1, 7000, () => 0)).toBe(7000);
  });
});
