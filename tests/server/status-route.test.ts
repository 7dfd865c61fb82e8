import { describe, expect, test } from "bun:test";
import { createCircuitBreaker } from "../../src/proxy/circuit.ts";
import { statusOf } from "../../src/server/status-route.ts";
import { startUsageServer } from "../usage/usage-server.ts";

describe("GET /api/status", () => {
  test("reports version, uptime, config path, request log and circuits", async () => {
    const ccr = await startUsageServer({ Providers: [{ name: "p", api_base_url: "http://127.0.0.1:9/v1/chat/completions", models: ["m"] }], Router: { default: "p,m" } });
    try {
      const res = await fetch(`${ccr.url}/api/status`);
      const body: unknown = await res.json();
      expect(body).toMatchObject({ version: expect.any(String), uptime: expect.any(Number), config_path: null, request_log: `${ccr.dir}/requests.db`, circuits: [] });
    } finally {
      await ccr.stop();
    }
  });

  test("lists a route whose circuit opened, with its failures and reopening time", () => {
    const breaker = createCircuitBreaker({ settings: () => ({ failureThreshold: 2, cooldownMs: 30_000 }), now: () => 1_000_000 });
    breaker.failure("p,m");
    breaker.failure("p,m");
    const status = statusOf({ version: "9", startedAt: 0, configPath: () => "/c.json", breaker, requestLog: undefined, now: () => 61_000 });
    expect(status).toMatchObject({ version: "9", uptime: 61, config_path: "/c.json", request_log: null });
    expect(status.circuits).toEqual([{ route: "p,m", state: "open", failures: 2, open_until: new Date(1_030_000).toISOString() }]);
  });
});
