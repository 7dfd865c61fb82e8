import { afterEach, describe, expect, test } from "bun:test";
import { createMetrics, MAX_LABEL_VALUES } from "../../src/server/metrics.ts";
import { textStream } from "../helpers/openai-chunks.ts";
import { startOpenAiUpstream } from "../helpers/openai-upstream.ts";
import { parsePrometheus, sampleValue } from "../helpers/prometheus.ts";
import { deepseekPeakFactor, row } from "../usage/rows.ts";
import { startUsageServer } from "../usage/usage-server.ts";

const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const r of running.splice(0).reverse()) await r.stop();
});

describe("GET /metrics", () => {
  test("counts requests, errors, tokens, cost, attempts, latency and circuit state in Prometheus text format", async () => {
    const good = startOpenAiUpstream(() => ({ sse: textStream("Hi!", { usage: { prompt_tokens: 1000, completion_tokens: 20 } }) }));
    const bad = startOpenAiUpstream(() => ({ json: { error: { message: "down" } }, status: 500 }));
    running.push(good, bad);
    const ccr = await startUsageServer({
      Providers: [
        { name: "ds", api_base_url: good.chatUrl, models: ["deepseek-chat"] },
        { name: "broken", api_base_url: bad.chatUrl, models: ["m"] },
      ],
      Router: { default: "ds,deepseek-chat" },
      RETRIES: 0,
      CIRCUIT_FAILURES: 1,
    });
    running.push(ccr);
    await ccr.ask({ model: "m", stream: true });
    await ccr.ask({ model: "m", stream: true });
    await ccr.ask({ model: "broken,m" });
    await ccr.server.recorder.flush();

    const res = await fetch(`${ccr.url}/metrics`);
    expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    const m = parsePrometheus(await res.text());
    const route = { provider: "ds", model: "deepseek-chat" };
    expect(sampleValue(m, "ccr_requests_total", { status: "200", scenario: "default", ...route })).toBe(2);
    expect(sampleValue(m, "ccr_requests_total", { status: "500", scenario: "explicit", provider: "broken" })).toBe(1);
    expect(sampleValue(m, "ccr_errors_total", { type: "api_error", provider: "broken" })).toBe(1);
    expect(sampleValue(m, "ccr_tokens_total", { kind: "input", ...route })).toBe(2000);
    expect(sampleValue(m, "ccr_tokens_total", { kind: "output", ...route })).toBe(40);
    const [first, second] = await ccr.rows();
    const factors = deepseekPeakFactor(first?.time ?? 0) + deepseekPeakFactor(second?.time ?? 0);
    expect(sampleValue(m, "ccr_cost_usd_total", route)).toBeCloseTo((factors * (1000 * 0.15 + 20 * 0.6)) / 1e6, 12);
    expect(sampleValue(m, "ccr_upstream_attempts_total", { provider: "ds" })).toBe(2);
    expect(sampleValue(m, "ccr_request_duration_seconds_count", { provider: "ds" })).toBe(2);
    expect(sampleValue(m, "ccr_time_to_first_token_seconds_count", { provider: "ds" })).toBe(2);
    expect(sampleValue(m, "ccr_circuit_state", { route: "broken,m" })).toBe(2);
    expect(m.get("ccr_uptime_seconds")?.type).toBe("gauge");
  });
});

describe("createMetrics", () => {
  test("escapes label values and leaves cost out for rows without a price", () => {
    const metrics = createMetrics();
    metrics.observe({ id: 1, ...row({ provider: 'we"ird\\name', model: "a\nb", cost: null }) });
    const m = parsePrometheus(metrics.render({ version: "1.0", startedAt: 0, now: 1000 }));
    expect(sampleValue(m, "ccr_requests_total", { provider: 'we"ird\\name', model: "a\nb" })).toBe(1);
    expect(m.get("ccr_cost_usd_total")?.samples).toEqual([]);
    expect(sampleValue(m, "ccr_uptime_seconds")).toBe(1);
  });

  test("folds model names and error types past their cap into other, so clients cannot grow the series without bound", () => {
    const metrics = createMetrics();
    for (let i = 0; i < MAX_LABEL_VALUES.model + 50; i++) metrics.observe({ id: i, ...row({ provider: "p", model: `client-chosen-${i}` }) });
    for (let i = 0; i < MAX_LABEL_VALUES.error_type + 10; i++) metrics.observe({ id: i, ...row({ status: 500, error_type: `upstream-${i}` }) });
    metrics.observe({ id: 0, ...row({ provider: "p", model: "client-chosen-0" }) });
    const m = parsePrometheus(metrics.render({ version: "1.0", startedAt: 0, now: 1000 }));
    const models = new Set(m.get("ccr_requests_total")?.samples.map((s) => s.labels.model));
    expect(models.size).toBeLessThanOrEqual(MAX_LABEL_VALUES.model + 1);
    expect(sampleValue(m, "ccr_requests_total", { provider: "p", model: "client-chosen-0" })).toBe(2);
    expect(sampleValue(m, "ccr_requests_total", { provider: "p", model: "other" })).toBe(50);
    expect(new Set(m.get("ccr_errors_total")?.samples.map((s) => s.labels.type)).size).toBe(MAX_LABEL_VALUES.error_type + 1);
  });

  test("counts requests without a price apart and exposes the start time", () => {
    const metrics = createMetrics();
    metrics.observe({ id: 1, ...row({ provider: "p", model: "m", cost: null }) });
    metrics.observe({ id: 2, ...row({ provider: "p", model: "m", cost: null, input_tokens: null, output_tokens: null, status: 502 }) });
    const m = parsePrometheus(metrics.render({ version: "1.0", startedAt: 5000, now: 6000 }));
    expect(sampleValue(m, "ccr_unpriced_requests_total", { provider: "p", model: "m" })).toBe(1);
    expect(sampleValue(m, "ccr_start_time_seconds")).toBe(5);
    expect(m.get("ccr_start_time_seconds")?.type).toBe("gauge");
  });
});
