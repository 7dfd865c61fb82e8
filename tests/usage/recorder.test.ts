import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "../../src/log.ts";
import { newFacts, type RequestFacts } from "../../src/usage/facts.ts";
import { createRecorder, type Recorder } from "../../src/usage/recorder.ts";
import type { RequestRow } from "../../src/usage/schema.ts";
import { openUsageStore, type UsageStore } from "../../src/usage/store.ts";
import { compiledConfig } from "../helpers/compiled-config.ts";
import { deepseekPeakFactor, row } from "./rows.ts";

const DAY = 86_400_000;
const dirs: string[] = [];
const recorders: Recorder[] = [];

function store(): UsageStore {
  const dir = mkdtempSync(join(tmpdir(), "ccr-usage-recorder-"));
  dirs.push(dir);
  return openUsageStore(join(dir, "requests.db"));
}

function recorder(opts: Partial<Parameters<typeof createRecorder>[0]> = {}): Recorder {
  const r = createRecorder({ store: store(), config: () => compiledConfig(), logger: silentLogger, ...opts });
  recorders.push(r);
  return r;
}

function facts(overrides: Partial<RequestFacts> = {}): RequestFacts {
  return { ...newFacts(true, false), scenario: "default", provider: "ds", model: "deepseek-chat", attempts: 1, bodyBytes: 4000, ...overrides };
}

afterEach(async () => {
  for (const r of recorders.splice(0)) await r.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("createRecorder", () => {
  test("writes queued requests in one batch after the flush delay and tells subscribers", async () => {
    const r = recorder({ flushMs: 20 });
    const seen: RequestRow[] = [];
    r.subscribe((row) => seen.push(row));
    r.record(facts(), { status: 200, errorType: null, durationMs: 100 });
    r.record(facts(), { status: 200, errorType: null, durationMs: 100 });
    expect(seen).toEqual([]);
    await Bun.sleep(80);
    expect(seen.map((s) => s.id)).toEqual([1, 2]);
    expect(r.store?.list({}).length).toBe(2);
  });

  test("writes at once when a batch is full", async () => {
    const r = recorder({ flushMs: 60_000, batchSize: 2 });
    r.record(facts(), { status: 200, errorType: null, durationMs: 1 });
    r.record(facts(), { status: 200, errorType: null, durationMs: 1 });
    await Bun.sleep(10);
    expect(r.store?.list({}).length).toBe(2);
  });

  test("prices reported usage and marks nothing estimated", async () => {
    const r = recorder();
    const usage = { input_tokens: 1_000_000, output_tokens: 1_000_000, cache_read_input_tokens: 1_000_000, cache_creation_input_tokens: 0 };
    r.record(facts({ usage, ttftMs: 100 }), { status: 200, errorType: null, durationMs: 1100 });
    await r.flush();
    const stored = r.store?.get(1);
    expect(stored).toMatchObject({ input_tokens: 1_000_000, output_tokens: 1_000_000, cache_read_tokens: 1_000_000, tokens_estimated: 0, context_window: 1_048_576 });
    expect(stored?.cost).toBeCloseTo((0.15 + 0.6 + 0.003) * deepseekPeakFactor(stored?.time ?? 0), 10);
    expect(stored?.tokens_per_second).toBeCloseTo(1_000_000, 3);
  });

  test("estimates tokens when the usage is the adapter's own guess, preferring the router's count", async () => {
    const r = recorder();
    const guess = { input_tokens: 1000, output_tokens: 7, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
    r.record(facts({ usage: guess, seededInput: 1000, tokenCount: 812 }), { status: 200, errorType: null, durationMs: 10 });
    r.record(facts({ outputChars: 400 }), { status: 200, errorType: null, durationMs: 10 });
    await r.flush();
    expect(r.store?.get(1)).toMatchObject({ input_tokens: 812, output_tokens: 7, tokens_estimated: 1 });
    expect(r.store?.get(2)).toMatchObject({ input_tokens: 1000, output_tokens: 100, tokens_estimated: 1 });
  });

  test("leaves cost null for a model without a price and tokens null for a failure", async () => {
    const r = recorder();
    r.record(facts({ model: "my-own-model", usage: { input_tokens: 5, output_tokens: 5 } }), { status: 200, errorType: null, durationMs: 10 });
    r.record(facts(), { status: 502, errorType: "api_error", durationMs: 10 });
    await r.flush();
    expect(r.store?.get(1)).toMatchObject({ cost: null, context_window: null, input_tokens: 5 });
    expect(r.store?.get(2)).toMatchObject({ cost: null, input_tokens: null, output_tokens: null, status: 502, error_type: "api_error" });
  });

  test("looks up each session's project when writing", async () => {
    const r = recorder({ projectOf: async (session) => (session === "s1" ? "-home-me-app" : undefined) });
    r.record(facts({ session: "s1" }), { status: 200, errorType: null, durationMs: 1 });
    r.record(facts({ session: "s2" }), { status: 200, errorType: null, durationMs: 1 });
    await r.flush();
    expect([r.store?.get(1)?.project, r.store?.get(2)?.project]).toEqual(["-home-me-app", null]);
  });

  test("stores bodies only with LOG_BODIES, with secrets redacted", async () => {
    const config = compiledConfig({ logBodies: true, secrets: ["sk-secret-123456"] });
    const r = recorder({ config: () => config });
    const f = facts({ keepBodies: true, requestBody: { note: "key sk-secret-123456" }, responseBody: "ok" });
    r.record(f, { status: 200, errorType: null, durationMs: 1 });
    await r.flush();
    expect(r.store?.get(1)?.request_body).toBe('{"note":"key [redacted]"}');
    expect(r.store?.get(1)?.response_body).toBe("ok");
  });

  test("prunes rows past the retention at start and on demand, by an injected clock", async () => {
    const s = store();
    s.insert([row({ time: 0 }), row({ time: 40 * DAY }), row({ time: 45 * DAY })]);
    let now = 50 * DAY;
    const config = compiledConfig({ usageRetentionDays: 30 });
    const r = createRecorder({ store: s, config: () => config, logger: silentLogger, now: () => now });
    recorders.push(r);
    expect(s.list({}).map((x) => x.time)).toEqual([45 * DAY, 40 * DAY]);
    now = 72 * DAY;
    expect(r.prune()).toBe(1);
    expect(s.list({}).map((x) => x.time)).toEqual([45 * DAY]);
  });

  test("opens a lazily given database on the first write, and prunes it then", async () => {
    const s = store();
    s.insert([row({ time: 0 })]);
    let opens = 0;
    const r = createRecorder({ store: () => (opens++, s), config: () => compiledConfig(), logger: silentLogger, now: () => 100 * DAY });
    recorders.push(r);
    expect(opens).toBe(0);
    r.record(facts({ time: 100 * DAY }), { status: 200, errorType: null, durationMs: 1 });
    await r.flush();
    expect(opens).toBe(1);
    expect(s.list({}).map((x) => x.time)).toEqual([100 * DAY]);
  });

  test("numbers rows in memory when there is no database", async () => {
    const r = createRecorder({ store: undefined, config: () => compiledConfig(), logger: silentLogger });
    recorders.push(r);
    const seen: number[] = [];
    r.subscribe((x) => seen.push(x.id));
    r.record(facts(), { status: 200, errorType: null, durationMs: 1 });
    await r.flush();
    expect(seen).toEqual([1]);
  });
});
