import { describe, expect, test } from "bun:test";
import { createCircuitBreaker } from "../../src/proxy/circuit.ts";

function clocked(failureThreshold = 3, cooldownMs = 1000) {
  let t = 0;
  const breaker = createCircuitBreaker({ settings: () => ({ failureThreshold, cooldownMs }), now: () => t });
  return { breaker, advance: (ms: number) => (t += ms) };
}

describe("createCircuitBreaker", () => {
  test("opens after the threshold of consecutive failures and skips the route", () => {
    const { breaker } = clocked();
    breaker.failure("p,m");
    breaker.failure("p,m");
    expect(breaker.allow("p,m")).toBe(true);
    breaker.failure("p,m");
    expect(breaker.state("p,m")).toBe("open");
    expect(breaker.allow("p,m")).toBe(false);
    expect(breaker.allow("other,m")).toBe(true);
  });

  test("lets exactly one probe through after the cool-down", () => {
    const { breaker, advance } = clocked();
    for (let i = 0; i < 3; i++) breaker.failure("p,m");
    advance(1000);
    expect(breaker.state("p,m")).toBe("half-open");
    expect(breaker.allow("p,m")).toBe(true);
    expect(breaker.allow("p,m")).toBe(false);
  });

  test("closes again when the probe succeeds", () => {
    const { breaker, advance } = clocked();
    for (let i = 0; i < 3; i++) breaker.failure("p,m");
    advance(1000);
    breaker.allow("p,m");
    breaker.success("p,m");
    expect(breaker.state("p,m")).toBe("closed");
    expect(breaker.allow("p,m")).toBe(true);
  });

  test("reopens for another cool-down when the probe fails", () => {
    const { breaker, advance } = clocked();
    for (let i = 0; i < 3; i++) breaker.failure("p,m");
    advance(1000);
    breaker.allow("p,m");
    breaker.failure("p,m");
    expect(breaker.state("p,m")).toBe("open");
    advance(999);
    expect(breaker.allow("p,m")).toBe(false);
    advance(1);
    expect(breaker.allow("p,m")).toBe(true);
  });

  test("a success resets the failure count", () => {
    const { breaker } = clocked();
    breaker.failure("p,m");
    breaker.failure("p,m");
    breaker.success("p,m");
    breaker.failure("p,m");
    expect(breaker.state("p,m")).toBe("closed");
  });

  test("never opens when disabled with a threshold of 0", () => {
    const { breaker } = clocked(0);
    for (let i = 0; i < 10; i++) breaker.failure("p,m");
    expect(breaker.allow("p,m")).toBe(true);
  });
});
