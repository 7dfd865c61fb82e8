import { describe, expect, test } from "bun:test";
import type { ClientKey } from "../../src/config/compiled.ts";
import { RouterError } from "../../src/errors.ts";
import { allowedRoutes, createLimiter, limitFeed } from "../../src/server/limits.ts";

function key(overrides: Partial<ClientKey> = {}): ClientKey {
  return { name: "ci", named: true, key: "ci-key-123456", routes: undefined, rpm: undefined, tpm: undefined, dailyBudget: undefined, admin: false, ...overrides };
}

function refusal(fn: () => void): RouterError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RouterError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}

function clock(start = Date.UTC(2026, 0, 1, 12)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("createLimiter rpm", () => {
  test("admits rpm requests in a minute and refuses the next with 429 naming the limit and a Retry-After", () => {
    const c = clock();
    const limiter = createLimiter(c.now);
    const k = key({ rpm: 3 });
    for (let i = 0; i < 3; i++) limiter.admit(k);
    c.advance(10_000);
    const err = refusal(() => limiter.admit(k));
    expect(err.status).toBe(429);
    expect(err.type).toBe("rate_limit_error");
    expect(err.message).toContain("3 requests per minute (rpm)");
    expect(err.message).toContain('"ci"');
    expect(err.headers["retry-after"]).toBe("50");
  });
  test("admits again once the oldest request is a minute old", () => {
    const c = clock();
    const limiter = createLimiter(c.now);
    const k = key({ rpm: 1 });
    limiter.admit(k);
    c.advance(60_001);
    expect(() => limiter.admit(k)).not.toThrow();
  });
  test("counts keys separately and never limits a key without limits", () => {
    const limiter = createLimiter(clock().now);
    limiter.admit(key({ rpm: 1 }));
    expect(() => limiter.admit(key({ name: "other", rpm: 1 }))).not.toThrow();
    for (let i = 0; i < 1000; i++) limiter.admit(key({ name: "free" }));
  });
  test("a refused request does not use up a slot", () => {
    const c = clock();
    const limiter = createLimiter(c.now);
    const k = key({ rpm: 2 });
    limiter.admit(k);
    c.advance(30_000);
    limiter.admit(k);
    for (let i = 0; i < 5; i++) refusal(() => limiter.admit(k));
    c.advance(30_001);
    expect(() => limiter.admit(k)).not.toThrow();
  });
});

describe("createLimiter tpm", () => {
  test("refuses once the last minute's tokens reach tpm, and admits when they age out", () => {
    const c = clock();
    const limiter = createLimiter(c.now);
    const k = key({ tpm: 1000 });
    limiter.admit(k);
    limiter.observe("ci", 600, 0);
    limiter.admit(k);
    c.advance(20_000);
    limiter.observe("ci", 400, 0);
    const err = refusal(() => limiter.admit(k));
    expect(err.status).toBe(429);
    expect(err.message).toContain("1000 tokens per minute (tpm)");
    expect(err.headers["retry-after"]).toBe("40");
    c.advance(40_001);
    expect(() => limiter.admit(k)).not.toThrow();
  });
});

describe("createLimiter daily budget", () => {
  test("refuses with 402 billing_error once today's cost reaches the budget, until midnight UTC", () => {
    const c = clock(Date.UTC(2026, 0, 1, 23, 0));
    const limiter = createLimiter(c.now);
    const k = key({ dailyBudget: 5 });
    limiter.admit(k);
    limiter.observe("ci", 10, 4.5);
    limiter.admit(k);
    limiter.observe("ci", 10, 0.6);
    const err = refusal(() => limiter.admit(k));
    expect(err.status).toBe(402);
    expect(err.type).toBe("billing_error");
    expect(err.message).toContain("daily budget of $5");
    expect(err.headers["retry-after"]).toBe("3600");
    c.advance(3_600_001);
    expect(() => limiter.admit(k)).not.toThrow();
  });
});

describe("limitFeed", () => {
  test("feeds named keys' tokens and cost to the limiter and skips rows without a key", () => {
    const seen: [string, number, number][] = [];
    const feed = limitFeed({ admit: () => {}, observe: (name, tokens, cost) => seen.push([name, tokens, cost]) });
    feed({ client_key: "ci", input_tokens: 100, output_tokens: 20, cost: 0.01 });
    feed({ client_key: null, input_tokens: 100, output_tokens: 20, cost: 0.01 });
    feed({ client_key: "ci", input_tokens: null, output_tokens: null, cost: null });
    expect(seen).toEqual([
      ["ci", 120, 0.01],
      ["ci", 0, 0],
    ]);
  });
});

describe("allowedRoutes", () => {
  const routes = [
    { provider: "cheap", model: "small" },
    { provider: "big", model: "large" },
    { provider: "cheap", model: "backup" },
  ];
  test("keeps every route for a key without an allowlist or without a key", () => {
    expect(allowedRoutes(undefined, routes)).toEqual(routes);
    expect(allowedRoutes(key(), routes)).toEqual(routes);
  });
  test("drops fallbacks off the list", () => {
    expect(allowedRoutes(key({ routes: ["cheap,small", "cheap,backup"] }), routes)).toEqual([routes[0], routes[2]].flatMap((r) => (r ? [r] : [])));
  });
  test("refuses with 403 permission_error when the chosen route is off the list, naming what is allowed", () => {
    const err = refusal(() => allowedRoutes(key({ routes: ["cheap,backup"] }), routes));
    expect(err.status).toBe(403);
    expect(err.type).toBe("permission_error");
    expect(err.message).toContain("cheap,small");
    expect(err.message).toContain("cheap,backup");
    expect(err.message).not.toContain("ci-key-123456");
  });
});
