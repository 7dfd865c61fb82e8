// Request-log rows for tests: a complete row with overridable fields.
import type { NewRow } from "../../src/usage/store.ts";

/** A successful request at `time` with a few tokens and a known cost. */
export function row(overrides: Partial<NewRow> = {}): NewRow {
  return {
    time: Date.now(),
    session: "s1",
    project: null,
    client_key: null,
    scenario: "default",
    reason: "default route",
    provider: "deepseek",
    model: "deepseek-chat",
    attempts: 1,
    failures: "[]",
    status: 200,
    error_type: null,
    stream: 1,
    input_tokens: 100,
    output_tokens: 10,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    tokens_estimated: 0,
    context_window: 128000,
    ttft_ms: 50,
    duration_ms: 200,
    tokens_per_second: 66,
    cost: 0.001,
    request_body: null,
    response_body: null,
    ...overrides,
  };
}

/** DeepSeek's published peak rule restated for tests: Monday to Friday, 01:00-04:00 and 06:00-10:00 UTC cost double. */
export function deepseekPeakFactor(time: number): number {
  const d = new Date(time);
  const h = d.getUTCHours();
  const weekday = d.getUTCDay() >= 1 && d.getUTCDay() <= 5;
  return weekday && ((h >= 1 && h < 4) || (h >= 6 && h < 10)) ? 2 : 1;
}
