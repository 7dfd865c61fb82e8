import { afterEach, describe, expect, test } from "bun:test";
import { chatCompletion, textStream } from "../helpers/openai-chunks.ts";
import { startOpenAiUpstream, type UpstreamScript } from "../helpers/openai-upstream.ts";
import { deepseekPeakFactor } from "./rows.ts";
import { startUsageServer, type UsageServer } from "./usage-server.ts";

const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const r of running.splice(0).reverse()) await r.stop();
});

/** ccr in front of one scripted OpenAI upstream serving `deepseek-chat` (a model with a built-in price). */
async function setup(script: UpstreamScript, extra: Record<string, unknown> = {}): Promise<UsageServer> {
  const up = startOpenAiUpstream(script);
  running.push(up);
  const ccr = await startUsageServer({
    Providers: [{ name: "ds", api_base_url: up.chatUrl, api_key: "sk-upstream-secret", models: ["deepseek-chat", "mystery"] }],
    Router: { default: "ds,deepseek-chat" },
    RETRIES: 0,
    ...extra,
  });
  running.push(ccr);
  return ccr;
}

const SESSION = { "x-claude-code-session-id": "3f1c2d4e-0000-4000-8000-00000000abcd" };

describe("request recording", () => {
  test("records a streamed request with the upstream's usage, time to first token and cost", async () => {
    const ccr = await setup(() => ({ sse: textStream("Hi there!", { usage: { prompt_tokens: 2000, completion_tokens: 50, prompt_tokens_details: { cached_tokens: 1000 } } }), delayMs: 5 }));
    const res = await ccr.ask({ model: "whatever", stream: true }, SESSION);
    expect(res.status).toBe(200);
    const [row] = await ccr.rows();
    expect(row).toMatchObject({
      session: SESSION["x-claude-code-session-id"],
      scenario: "default",
      provider: "ds",
      model: "deepseek-chat",
      attempts: 1,
      status: 200,
      error_type: null,
      stream: 1,
      input_tokens: 1000,
      output_tokens: 50,
      cache_read_tokens: 1000,
      cache_write_tokens: 0,
      tokens_estimated: 0,
      context_window: 1_048_576,
      request_body: null,
      response_body: null,
    });
    expect(row?.cost).toBeCloseTo(((1000 * 0.15 + 50 * 0.6 + 1000 * 0.003) / 1e6) * deepseekPeakFactor(row?.time ?? 0), 12);
    expect(row?.ttft_ms).toBeGreaterThan(0);
    expect(row?.duration_ms).toBeGreaterThanOrEqual(row?.ttft_ms ?? 0);
    expect(row?.tokens_per_second).toBeGreaterThan(0);
  });

  test("estimates and marks the tokens of a stream without usage", async () => {
    const ccr = await setup(() => ({ sse: textStream("x".repeat(400), { usage: null }) }));
    await ccr.ask({ model: "m", stream: true });
    const [row] = await ccr.rows();
    expect(row?.tokens_estimated).toBe(1);
    expect(row?.output_tokens).toBe(100);
    expect(row?.input_tokens).toBeGreaterThan(0);
    expect(row?.cost).toBeGreaterThan(0);
  });

  test("records a non-streamed request with and without upstream usage", async () => {
    const ccr = await setup((_req, n) => {
      const body = chatCompletion({ content: "fine", usage: { prompt_tokens: 30, completion_tokens: 4 } });
      if (n === 1) delete body.usage;
      return { json: body };
    });
    await ccr.ask({ model: "m" });
    await ccr.ask({ model: "m" });
    const [first, second] = await ccr.rows();
    expect(first).toMatchObject({ stream: 0, input_tokens: 30, output_tokens: 4, tokens_estimated: 0, ttft_ms: null });
    expect(second).toMatchObject({ stream: 0, tokens_estimated: 1 });
    expect(second?.input_tokens).toBeGreaterThan(0);
  });

  test("leaves the cost unknown for a model without a price", async () => {
    const ccr = await setup(() => ({ json: chatCompletion({ content: "ok" }) }));
    await ccr.ask({ model: "ds,mystery" });
    const [row] = await ccr.rows();
    expect(row).toMatchObject({ scenario: "explicit", model: "mystery", input_tokens: 11, cost: null, context_window: null });
  });

  test("uses the config's model_info price", async () => {
    const up = startOpenAiUpstream(() => ({ json: chatCompletion({ content: "ok", usage: { prompt_tokens: 1_000_000, completion_tokens: 0 } }) }));
    running.push(up);
    const ccr = await startUsageServer({
      Providers: [{ name: "p", api_base_url: up.chatUrl, models: ["mystery"], model_info: { mystery: { price: { input: 2, output: 4 }, context_window: 9000 } } }],
      Router: { default: "p,mystery" },
    });
    running.push(ccr);
    await ccr.ask({ model: "m" });
    const [row] = await ccr.rows();
    expect(row).toMatchObject({ cost: 2, context_window: 9000 });
  });

  test("records a request that failed validation", async () => {
    const ccr = await setup(() => ({ json: chatCompletion({}) }));
    const res = await ccr.ask({ model: "m", max_tokens: "many" });
    expect(res.status).toBe(400);
    const [row] = await ccr.rows();
    expect(row).toMatchObject({ status: 400, error_type: "invalid_request_error", provider: null, attempts: 0, input_tokens: null, cost: null });
  });

  test("stores bodies with secrets redacted only when LOG_BODIES is on", async () => {
    const ccr = await setup(() => ({ json: chatCompletion({ content: "the answer" }) }), { LOG_BODIES: true });
    await ccr.ask({ model: "m", messages: [{ role: "user", content: "my key is sk-upstream-secret" }] });
    const [row] = await ccr.rows();
    expect(row?.request_body).toContain("my key is [redacted]");
    expect(row?.request_body).not.toContain("sk-upstream-secret");
    expect(row?.response_body).toContain("the answer");
  });
});

describe("request recording with failover", () => {
  test("counts every attempt and lists the failures of the routes that failed", async () => {
    const bad = startOpenAiUpstream(() => ({ json: { error: { message: "down" } }, status: 503 }));
    const good = startOpenAiUpstream(() => ({ json: chatCompletion({ content: "ok", usage: { prompt_tokens: 8, completion_tokens: 2 } }) }));
    running.push(bad, good);
    const ccr = await startUsageServer({
      Providers: [
        { name: "first", api_base_url: bad.chatUrl, models: ["m1"] },
        { name: "second", api_base_url: good.chatUrl, models: ["deepseek-chat"] },
      ],
      Router: { default: "first,m1", fallback: { default: ["second,deepseek-chat"] } },
      RETRIES: 1,
      RETRY_MAX_WAIT_MS: 5000,
    });
    running.push(ccr);
    const res = await ccr.ask({ model: "m" });
    expect(res.status).toBe(200);
    const [row] = await ccr.rows();
    expect(row).toMatchObject({ provider: "second", model: "deepseek-chat", attempts: 3, status: 200, input_tokens: 8 });
    expect(JSON.parse(row?.failures ?? "[]")).toEqual(["first,m1: 503 overloaded_error", "first,m1: 503 overloaded_error"]);
  }, 15_000);

  test("records the final error when every route failed", async () => {
    const bad = startOpenAiUpstream(() => ({ json: { error: { message: "nope" } }, status: 500 }));
    running.push(bad);
    const ccr = await startUsageServer({
      Providers: [{ name: "first", api_base_url: bad.chatUrl, models: ["m1"] }],
      Router: { default: "first,m1" },
      RETRIES: 0,
    });
    running.push(ccr);
    const res = await ccr.ask({ model: "m" });
    expect(res.status).toBe(500);
    const [row] = await ccr.rows();
    expect(row).toMatchObject({ provider: "first", attempts: 1, status: 500, error_type: "api_error", input_tokens: null, cost: null });
  });
});

describe("request recording of Anthropic passthrough", () => {
  const SSE = [
    'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":20,"cache_read_input_tokens":100,"cache_creation_input_tokens":10,"output_tokens":1}}}\n\n',
    'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
    'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}\n\n',
    'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
    'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":6}}\n\n',
    'event: message_stop\ndata: {"type":"message_stop"}\n\n',
  ];

  test("reads usage from the streamed bytes and from a plain JSON answer", async () => {
    const upstream = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      async fetch(req) {
        const body: unknown = await req.json();
        if (typeof body === "object" && body !== null && Reflect.get(body, "stream") === true) {
          return new Response(SSE.join(""), { headers: { "content-type": "text/event-stream" } });
        }
        return Response.json({ id: "m", type: "message", role: "assistant", model: "claude-sonnet-4-5", content: [{ type: "text", text: "x" }], stop_reason: "end_turn", stop_sequence: null, usage: { input_tokens: 7, output_tokens: 3 } });
      },
    });
    running.push({ stop: () => upstream.stop(true) });
    const ccr = await startUsageServer({
      Providers: [{ name: "anth", api_base_url: `http://127.0.0.1:${upstream.port}`, api_key: "k", models: ["claude-sonnet-4-5"], transformer: { use: ["Anthropic"] } }],
      Router: { default: "anth,claude-sonnet-4-5" },
    });
    running.push(ccr);
    const streamed = await ccr.ask({ model: "m", stream: true });
    expect(streamed.text).toBe(SSE.join(""));
    await ccr.ask({ model: "m" });
    const [a, b] = await ccr.rows();
    expect(a).toMatchObject({ stream: 1, input_tokens: 20, output_tokens: 6, cache_read_tokens: 100, cache_write_tokens: 10, tokens_estimated: 0, context_window: 200_000 });
    expect(a?.cost).toBeCloseTo((20 * 3 + 6 * 15 + 100 * 0.3 + 10 * 3.75) / 1e6, 12);
    expect(a?.ttft_ms).toBeGreaterThan(0);
    expect(b).toMatchObject({ stream: 0, input_tokens: 7, output_tokens: 3, tokens_estimated: 0 });
  });
});
