// `GET /metrics`: Prometheus text format (version 0.0.4), counted in memory from the rows the recorder stores.
import { Elysia } from "elysia";
import type { CircuitBreaker } from "../proxy/circuit.ts";
import type { RequestRow } from "../usage/schema.ts";

const DURATION_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
const TTFT_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30];

type Labels = Record<string, string>;

interface Histogram {
  buckets: number[];
  count: number;
  sum: number;
}

export interface Metrics {
  /** Counts one stored request-log row (subscribe it to the recorder). */
  observe(row: RequestRow): void;
  /** The exposition text, with circuit and uptime gauges read at scrape time. */
  render(extra: { breaker?: CircuitBreaker; version: string; startedAt: number; now?: number }): string;
}

function escape(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escape(v)}"`);
  return parts.length ? `{${parts.join(",")}}` : "";
}

function num(n: number): string {
  return Number.isFinite(n) ? String(n) : n > 0 ? "+Inf" : "-Inf";
}

/** A family of series keyed by their label text. */
interface Family<T> {
  series: Map<string, { labels: Labels; value: T }>;
  at(labels: Labels): T;
}

function family<T>(init: () => T): Family<T> {
  const series = new Map<string, { labels: Labels; value: T }>();
  return {
    series,
    at(labels) {
      const key = labelText(labels);
      let s = series.get(key);
      if (!s) series.set(key, (s = { labels, value: init() }));
      return s.value;
    },
  };
}

function observeHistogram(h: Histogram, bounds: number[], value: number): void {
  h.count++;
  h.sum += value;
  bounds.forEach((b, i) => {
    if (value <= b) h.buckets[i] = (h.buckets[i] ?? 0) + 1;
  });
}

/** Distinct values a label keeps before further ones read "other": a model name can come from the client (a
 * provider without a model list, a custom router) and an error type from the upstream's stream, and every new
 * value would otherwise be a new series for the life of the server. */
export const MAX_LABEL_VALUES = { model: 100, error_type: 50 } as const;

/** Passes the first `max` distinct values through and folds the rest into "other". */
function boundedLabel(max: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= max) return "other";
    seen.add(value);
    return value;
  };
}

/** In-memory metrics since the server started. */
export function createMetrics(): Metrics {
  const modelLabel = boundedLabel(MAX_LABEL_VALUES.model);
  const errorLabel = boundedLabel(MAX_LABEL_VALUES.error_type);
  const unpriced = family(() => ({ n: 0 }));
  const requests = family(() => ({ n: 0 }));
  const errors = family(() => ({ n: 0 }));
  const tokens = family(() => ({ n: 0 }));
  const cost = family(() => ({ n: 0 }));
  const attempts = family(() => ({ n: 0 }));
  const duration = family<Histogram>(() => ({ buckets: DURATION_BUCKETS.map(() => 0), count: 0, sum: 0 }));
  const ttft = family<Histogram>(() => ({ buckets: TTFT_BUCKETS.map(() => 0), count: 0, sum: 0 }));

  const observe = (row: RequestRow) => {
    const route = { provider: row.provider ?? "none", model: modelLabel(row.model ?? "none") };
    requests.at({ status: String(row.status), scenario: row.scenario, ...route }).n++;
    if (row.error_type) errors.at({ type: errorLabel(row.error_type), provider: route.provider }).n++;
    attempts.at({ provider: route.provider }).n += row.attempts;
    const kinds: [string, number | null][] = [
      ["input", row.input_tokens],
      ["output", row.output_tokens],
      ["cache_read", row.cache_read_tokens],
      ["cache_write", row.cache_write_tokens],
    ];
    for (const [kind, n] of kinds) if (n) tokens.at({ kind, ...route }).n += n;
    if (row.cost !== null) cost.at(route).n += row.cost;
    else if (row.input_tokens !== null || row.output_tokens !== null) unpriced.at(route).n++;
    observeHistogram(duration.at({ provider: route.provider }), DURATION_BUCKETS, row.duration_ms / 1000);
    if (row.ttft_ms !== null) observeHistogram(ttft.at({ provider: route.provider }), TTFT_BUCKETS, row.ttft_ms / 1000);
  };

  const counter = (out: string[], name: string, help: string, family: Family<{ n: number }>) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
    for (const { labels, value } of family.series.values()) out.push(`${name}${labelText(labels)} ${num(value.n)}`);
  };
  const histogram = (out: string[], name: string, help: string, bounds: number[], family: Family<Histogram>) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`);
    for (const { labels, value } of family.series.values()) {
      bounds.forEach((b, i) => out.push(`${name}_bucket${labelText({ ...labels, le: String(b) })} ${value.buckets[i] ?? 0}`));
      out.push(`${name}_bucket${labelText({ ...labels, le: "+Inf" })} ${value.count}`);
      out.push(`${name}_sum${labelText(labels)} ${num(value.sum)}`, `${name}_count${labelText(labels)} ${value.count}`);
    }
  };

  return {
    observe,
    render({ breaker, version, startedAt, now = Date.now() }) {
      const out: string[] = [];
      out.push("# HELP ccr_info ccr build information.", "# TYPE ccr_info gauge", `ccr_info${labelText({ version })} 1`);
      out.push("# HELP ccr_uptime_seconds Seconds since the server started.", "# TYPE ccr_uptime_seconds gauge", `ccr_uptime_seconds ${num((now - startedAt) / 1000)}`);
      out.push("# HELP ccr_start_time_seconds Start time of the server since the Unix epoch in seconds.", "# TYPE ccr_start_time_seconds gauge", `ccr_start_time_seconds ${num(startedAt / 1000)}`);
      counter(out, "ccr_requests_total", "Client requests by final status, scenario and route.", requests);
      counter(out, "ccr_errors_total", "Failed client requests by error type.", errors);
      counter(out, "ccr_upstream_attempts_total", "Upstream attempts, retries and fallbacks included.", attempts);
      counter(out, "ccr_tokens_total", "Tokens by kind (input, output, cache_read, cache_write) and route.", tokens);
      counter(out, "ccr_cost_usd_total", "Cost in US dollars of requests with a known price.", cost);
      counter(out, "ccr_unpriced_requests_total", "Requests with tokens but no known price (missing from ccr_cost_usd_total).", unpriced);
      histogram(out, "ccr_request_duration_seconds", "Total request time.", DURATION_BUCKETS, duration);
      histogram(out, "ccr_time_to_first_token_seconds", "Time to the first byte of a streamed answer.", TTFT_BUCKETS, ttft);
      out.push("# HELP ccr_circuit_state Circuit breaker per route: 0 closed, 1 half-open, 2 open.", "# TYPE ccr_circuit_state gauge");
      for (const c of breaker?.snapshot() ?? []) {
        out.push(`ccr_circuit_state${labelText({ route: c.key })} ${c.state === "open" ? 2 : c.state === "half-open" ? 1 : 0}`);
      }
      return `${out.join("\n")}\n`;
    },
  };
}

/** The `/metrics` response. */
export function metricsResponse(text: string): Response {
  return new Response(text, { headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" } });
}

/** `GET /metrics`, mounted by the app behind the admin guard. */
export function metricsRoute(state: { metrics: Metrics; breaker: CircuitBreaker | undefined; version: string; startedAt: number }) {
  return new Elysia().get("/metrics", () => metricsResponse(state.metrics.render(state)));
}
