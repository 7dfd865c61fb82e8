// Retries and failover through the official Anthropic SDK, against two scripted upstreams.
import Anthropic from "@anthropic-ai/sdk";
import { afterEach, describe, expect, test } from "bun:test";
import { compileConfig } from "../../src/config/compile.ts";
import { silentLogger } from "../../src/log.ts";
import { createCircuitBreaker } from "../../src/proxy/circuit.ts";
import { handleMessages } from "../../src/proxy/handle.ts";
import { createTokenCounter } from "../../src/router/tokens.ts";
import { startCcr, type RunningCcr } from "../helpers/ccr-server.ts";
import { chatCompletion, openAiError, textStream } from "../helpers/openai-chunks.ts";
import { startOpenAiUpstream, type OpenAiUpstream, type UpstreamScript } from "../helpers/openai-upstream.ts";

const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
});

function upstream(script: UpstreamScript): OpenAiUpstream {
  const u = startOpenAiUpstream(script);
  running.push(u);
  return u;
}

function configFor(a: OpenAiUpstream, b: OpenAiUpstream, extra: Record<string, unknown> = {}) {
  return {
    Providers: [
      { name: "first", api_base_url: a.chatUrl, api_key: "ka", models: ["m1"] },
      { name: "second", api_base_url: b.chatUrl, api_key: "kb", models: ["m2"] },
    ],
    Router: { default: "first,m1", fallback: { default: ["second,m2"] } },
    ...extra,
  };
}

async function ccrFor(doc: object): Promise<RunningCcr> {
  const ccr = await startCcr(doc);
  running.push(ccr);
  return ccr;
}

const request = { model: "claude-opus-5-5", max_tokens: 100, messages: [{ role: "user" as const, content: "hi" }] };
const quickRetry = { "retry-after-ms": "1" };

describe("fallback", () => {
  test("retries the first route, then fails over to the fallback, which answers the SDK", async () => {
    const a = upstream((_req, n) => ({ json: openAiError(n === 0 ? "overloaded" : "boom", {}), status: n === 0 ? 503 : 500, headers: quickRetry }));
    const b = upstream(() => ({ sse: textStream("from second") }));
    const ccr = await ccrFor(configFor(a, b, { RETRIES: 1 }));
    const client = new Anthropic({ baseURL: ccr.url, apiKey: "x", maxRetries: 0 });
    const { data, response } = await client.messages.stream(request).withResponse();
    const message = await data.finalMessage();
    expect(message.content.map((b) => (b.type === "text" ? b.text : ""))).toEqual(["from second"]);
    expect(a.requests.length).toBe(2);
    expect(b.requests.length).toBe(1);
    expect(response.headers.get("x-ccr-route")).toBe("scenario=default; provider=second; model=m2; attempts=3");
  });

  test("waits as long as Retry-After asks before retrying", async () => {
    const a = upstream((_req, n) => (n === 0 ? { json: openAiError("slow down", {}), status: 429, headers: { "retry-after-ms": "300" } } : { json: chatCompletion({ content: "ok", finish_reason: "stop" }) }));
    const b = upstream(() => ({ json: chatCompletion({ content: "unused", finish_reason: "stop" }) }));
    const ccr = await ccrFor(configFor(a, b));
    const res = await fetch(`${ccr.url}/v1/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request) });
    expect(res.status).toBe(200);
    expect(a.requests.length).toBe(2);
    const gap = (a.requests[1]?.receivedAt ?? 0) - (a.requests[0]?.receivedAt ?? 0);
    expect(gap).toBeGreaterThanOrEqual(290);
    expect(b.requests.length).toBe(0);
  });

  test("does not fail over on an error caused by the request itself", async () => {
    const a = upstream(() => ({ json: openAiError("bad param", {}), status: 400 }));
    const b = upstream(() => ({ json: chatCompletion({ content: "unused", finish_reason: "stop" }) }));
    const ccr = await ccrFor(configFor(a, b));
    const res = await fetch(`${ccr.url}/v1/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request) });
    expect(res.status).toBe(400);
    expect(a.requests.length).toBe(1);
    expect(b.requests.length).toBe(0);
  });

  test("does not retry once bytes reached the client: a stream that dies ends with an error event", async () => {
    const a = upstream(() => ({ sse: textStream("partial answer").slice(0, 3), die: true }));
    const b = upstream(() => ({ sse: textStream("unused") }));
    const ccr = await ccrFor(configFor(a, b));
    const res = await fetch(`${ccr.url}/v1/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...request, stream: true }) });
    const text = await res.text();
    expect(text).toContain("event: message_start");
    expect(text).toContain("event: error");
    expect(text).not.toContain("unused");
    expect(b.requests.length).toBe(0);
  });

  test("says which routes were tried and why each failed when all fail", async () => {
    const a = upstream(() => ({ json: openAiError("a is down", {}), status: 503, headers: quickRetry }));
    const b = upstream(() => ({ json: openAiError("b is down", {}), status: 502, headers: quickRetry }));
    const ccr = await ccrFor(configFor(a, b, { RETRIES: 0 }));
    const res = await fetch(`${ccr.url}/v1/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request) });
    expect(res.status).toBe(502);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.message).toContain("first,m1: 503 overloaded_error: a is down");
    expect(body.error.message).toContain("second,m2: 502 api_error: b is down");
  });
});

describe("circuit breaker", () => {
  test("skips a route that keeps failing and probes it again after the cool-down", async () => {
    let aFails = true;
    const a = upstream(() => (aFails ? { json: openAiError("down", {}), status: 500 } : { json: chatCompletion({ content: "a is back", finish_reason: "stop" }) }));
    const b = upstream(() => ({ json: chatCompletion({ content: "from b", finish_reason: "stop" }) }));
    const config = compileConfig(configFor(a, b, { RETRIES: 0, CIRCUIT_FAILURES: 2, CIRCUIT_COOLDOWN_MS: 60_000 }), {});
    let now = 0;
    const breaker = createCircuitBreaker({ settings: () => ({ failureThreshold: 2, cooldownMs: 60_000 }), now: () => now });
    const deps = { config, logger: silentLogger, breaker, tokens: createTokenCounter(), sleep: async () => {} };
    const send = async () => {
      const res = await handleMessages(new Request("http://ccr/v1/messages", { method: "POST", body: JSON.stringify(request) }), deps);
      return ((await res.json()) as { content: { text: string }[] }).content[0]?.text;
    };
    expect(await send()).toBe("from b");
    expect(await send()).toBe("from b");
    expect(a.requests.length).toBe(2);
    expect(breaker.state("first,m1")).toBe("open");
    expect(await send()).toBe("from b");
    expect(a.requests.length).toBe(2);
    now += 60_000;
    aFails = false;
    expect(await send()).toBe("a is back");
    expect(breaker.state("first,m1")).toBe("closed");
  });
});
