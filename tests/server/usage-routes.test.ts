import { afterEach, describe, expect, test } from "bun:test";
import { createSseParser } from "../../src/sse/parse.ts";
import type { RequestRow } from "../../src/usage/schema.ts";
import { chatCompletion } from "../helpers/openai-chunks.ts";
import { startOpenAiUpstream } from "../helpers/openai-upstream.ts";
import { row } from "../usage/rows.ts";
import { startUsageServer, type UsageServer } from "../usage/usage-server.ts";

const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const r of running.splice(0).reverse()) await r.stop();
});

async function server(): Promise<UsageServer> {
  const ccr = await startUsageServer({ Providers: [{ name: "p", api_base_url: "http://127.0.0.1:9/v1/chat/completions", models: ["m"] }], Router: { default: "p,m" } });
  running.push(ccr);
  return ccr;
}

async function getJson(ccr: UsageServer, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(ccr.url + path);
  const body: unknown = await res.json();
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Error(`not an object: ${JSON.stringify(body)}`);
  return { status: res.status, body: Object.fromEntries(Object.entries(body)) };
}

function ids(body: Record<string, unknown>): number[] {
  const list = body.requests;
  return Array.isArray(list) ? list.map((r: RequestRow) => r.id) : [];
}

const NOW = Date.now();
const DAY = 86_400_000;

function seed(ccr: UsageServer): void {
  ccr.server.recorder.store?.insert([
    row({ time: NOW - 3 * DAY, provider: "a", model: "x", session: "s1", cost: 0.5, request_body: '{"secret":"no"}' }),
    row({ time: NOW - 2 * DAY, provider: "b", model: "y", session: "s2", status: 502, error_type: "api_error", cost: null, input_tokens: null, output_tokens: null }),
    row({ time: NOW - DAY, provider: "a", model: "x", session: "s1", scenario: "think", cost: 0.25 }),
    row({ time: NOW, provider: "a", model: "z", session: "s2", cost: null }),
  ]);
}

describe("GET /api/requests", () => {
  test("lists rows newest first and filters by provider, model, session, scenario, status class and time", async () => {
    const ccr = await server();
    seed(ccr);
    expect(ids((await getJson(ccr, "/api/requests")).body)).toEqual([4, 3, 2, 1]);
    expect(ids((await getJson(ccr, "/api/requests?provider=a")).body)).toEqual([4, 3, 1]);
    expect(ids((await getJson(ccr, "/api/requests?model=x")).body)).toEqual([3, 1]);
    expect(ids((await getJson(ccr, "/api/requests?session=s2")).body)).toEqual([4, 2]);
    expect(ids((await getJson(ccr, "/api/requests?scenario=think")).body)).toEqual([3]);
    expect(ids((await getJson(ccr, "/api/requests?status=5xx")).body)).toEqual([2]);
    expect(ids((await getJson(ccr, `/api/requests?since=${NOW - 2 * DAY}&until=${NOW}`)).body)).toEqual([3, 2]);
    expect(ids((await getJson(ccr, `/api/requests?since=${new Date(NOW - DAY - 1000).toISOString()}`)).body)).toEqual([4, 3]);
  });

  test("pages with limit and a before-id cursor, and leaves bodies out", async () => {
    const ccr = await server();
    seed(ccr);
    const first = await getJson(ccr, "/api/requests?limit=3");
    expect(ids(first.body)).toEqual([4, 3, 2]);
    expect(first.body.next_before).toBe(2);
    const second = await getJson(ccr, "/api/requests?limit=3&before=2");
    expect(ids(second.body)).toEqual([1]);
    expect(second.body.next_before).toBeNull();
    const list = second.body.requests;
    expect(Array.isArray(list) && list[0]?.request_body).toBeNull();
  });

  test("answers 400 with Anthropic error JSON for a bad filter", async () => {
    const ccr = await server();
    const res = await getJson(ccr, "/api/requests?limit=0");
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
    expect((await getJson(ccr, "/api/requests?status=teapot")).status).toBe(400);
    expect((await getJson(ccr, "/api/requests?since=yesterday")).status).toBe(400);
  });
});

describe("GET /api/requests/:id", () => {
  test("returns one row with its bodies, or 404", async () => {
    const ccr = await server();
    seed(ccr);
    const one = await getJson(ccr, "/api/requests/1");
    expect(one.body).toMatchObject({ id: 1, provider: "a", request_body: '{"secret":"no"}' });
    const missing = await getJson(ccr, "/api/requests/99");
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ type: "error", error: { type: "not_found_error" } });
  });
});

describe("GET /api/usage", () => {
  test("sums requests, tokens and known costs per model and counts unknown costs", async () => {
    const ccr = await server();
    seed(ccr);
    const { body } = await getJson(ccr, "/api/usage?days=30&by=model");
    expect(body.groups).toEqual([
      expect.objectContaining({ key: "a,x", requests: 2, cost: 0.75, unknown_cost: 0, input_tokens: 200 }),
      expect.objectContaining({ key: "a,z", requests: 1, cost: 0, unknown_cost: 1 }),
      expect.objectContaining({ key: "b,y", requests: 1, errors: 1, cost: 0, unknown_cost: 0 }),
    ]);
    expect(body.totals).toMatchObject({ requests: 4, errors: 1, cost: 0.75, unknown_cost: 1 });
  });

  test("groups per UTC day within the window", async () => {
    const ccr = await server();
    seed(ccr);
    const { body } = await getJson(ccr, "/api/usage?days=2&by=day");
    const groups = Array.isArray(body.groups) ? body.groups : [];
    expect(groups.map((g: { key: string }) => g.key)).toEqual([...new Set([NOW - DAY, NOW].map((t) => new Date(t).toISOString().slice(0, 10)))]);
    expect((await getJson(ccr, "/api/usage?by=colour")).status).toBe(400);
  });

  test("cuts days in the time zone given as tz, DST included, and says which zone it used", async () => {
    const ccr = await server();
    // 23:30 UTC is already the next day in Berlin, summer (UTC+2) and winter (UTC+1) alike.
    const year = new Date(NOW).getUTCFullYear() - 1;
    ccr.server.recorder.store?.insert([row({ time: Date.UTC(year, 6, 1, 23, 30) }), row({ time: Date.UTC(year, 0, 15, 23, 30) })]);
    const keys = (body: Record<string, unknown>) => (Array.isArray(body.groups) ? body.groups.map((g: { key: string }) => g.key) : []);
    const utc = await getJson(ccr, "/api/usage?days=3650&by=day");
    expect(utc.body.tz).toBe("UTC");
    expect(keys(utc.body)).toEqual([`${year}-01-15`, `${year}-07-01`]);
    const berlin = await getJson(ccr, "/api/usage?days=3650&by=day&tz=Europe/Berlin");
    expect(berlin.body.tz).toBe("Europe/Berlin");
    expect(keys(berlin.body)).toEqual([`${year}-01-16`, `${year}-07-02`]);
    expect(keys((await getJson(ccr, "/api/usage?days=3650&by=day&tz=-05:00")).body)).toEqual([`${year}-01-15`, `${year}-07-01`]);
    const bad = await getJson(ccr, "/api/usage?tz=Mars/Olympus");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("tz: expected an IANA time zone");
  });
});

describe("GET /api/requests/stream", () => {
  test("delivers each new row as a request event", async () => {
    const up = startOpenAiUpstream(() => ({ json: chatCompletion({ content: "ok" }) }));
    running.push(up);
    const ccr = await startUsageServer({ Providers: [{ name: "p", api_base_url: up.chatUrl, models: ["m"] }], Router: { default: "p,m" } });
    running.push(ccr);
    const abort = new AbortController();
    const res = await fetch(`${ccr.url}/api/requests/stream`, { signal: abort.signal });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body?.getReader();
    if (!reader) throw new Error("no body");
    await ccr.ask({ model: "m" });
    const parser = createSseParser();
    let found: { event: string | undefined; data: string } | undefined;
    for (let i = 0; i < 20 && !found; i++) {
      const { value, done } = await reader.read();
      if (done) break;
      found = parser.push(value).find((m) => m.event === "request");
    }
    abort.abort();
    expect(found).toBeDefined();
    expect(JSON.parse(found?.data ?? "{}")).toMatchObject({ id: 1, provider: "p", model: "m", status: 200, input_tokens: 11 });
  });
});
