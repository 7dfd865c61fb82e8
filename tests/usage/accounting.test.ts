// Cost accounting per wire protocol: real-shaped upstream usage (the provider fixtures) through ccr into the request
// log. Each protocol counts cached prompt tokens differently; the log stores them apart and never charges them twice.
import { afterEach, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deepseekPeakFactor } from "./rows.ts";
import { startUsageServer } from "./usage-server.ts";

const FIXTURES = join(import.meta.dir, "../fixtures/providers");
const running: { stop(): unknown }[] = [];
afterEach(async () => {
  for (const r of running.splice(0).reverse()) await r.stop();
});

/** An upstream that answers every request with one fixture's recorded stream. */
function replay(fixture: string): string {
  const body = readFileSync(join(FIXTURES, fixture, "upstream.sse"));
  const upstream = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response(body, { headers: { "content-type": "text/event-stream" } }) });
  running.push({ stop: () => upstream.stop(true) });
  return `http://127.0.0.1:${upstream.port}`;
}

async function rowFor(provider: Record<string, unknown>, model: string) {
  const ccr = await startUsageServer({ Providers: [{ name: "up", api_key: "k", models: [model], ...provider }], Router: { default: `up,${model}` } });
  running.push(ccr);
  const res = await ccr.ask({ model: "m", stream: true });
  expect(res.status).toBe(200);
  const [row] = await ccr.rows();
  return row;
}

describe("cost accounting per protocol", () => {
  test("OpenAI Chat: prompt_tokens include cached tokens, so input is the uncached rest", async () => {
    // usage: prompt_tokens 1200, cached_tokens 1024, completion_tokens 48
    const row = await rowFor({ api_base_url: `${replay("openai-chat/parallel-tool-calls")}/v1/chat/completions` }, "gpt-4o");
    expect(row).toMatchObject({ input_tokens: 176, cache_read_tokens: 1024, cache_write_tokens: 0, output_tokens: 48, tokens_estimated: 0 });
    expect(row?.cost).toBeCloseTo((176 * 2.5 + 1024 * 1.25 + 48 * 10) / 1e6, 12);
  });

  test("OpenRouter: cache writes are part of prompt_tokens too and are charged at the write price", async () => {
    // usage: prompt_tokens 3000, cached_tokens 2048, cache_write_tokens 500, completion_tokens 60 (anthropic/claude-sonnet-4)
    const row = await rowFor({ api_base_url: `${replay("openai-chat/openrouter-claude-signature")}/v1/chat/completions` }, "anthropic/claude-sonnet-4");
    expect(row).toMatchObject({ input_tokens: 452, cache_read_tokens: 2048, cache_write_tokens: 500, output_tokens: 60 });
    expect(row?.cost).toBeCloseTo((452 * 3 + 2048 * 0.3 + 500 * 3.75 + 60 * 15) / 1e6, 12);
  });

  test("DeepSeek: cache-hit tokens are billed at the hit price, reasoning tokens as output", async () => {
    // usage: prompt_tokens 40 (32 hit, 8 miss), completion_tokens 30 (20 of them reasoning)
    const row = await rowFor({ api_base_url: `${replay("openai-chat/deepseek-reasoning-crlf")}/v1/chat/completions` }, "deepseek-reasoner");
    expect(row).toMatchObject({ input_tokens: 8, cache_read_tokens: 32, output_tokens: 30 });
    expect(row?.cost).toBeCloseTo(((8 * 0.15 + 32 * 0.003 + 30 * 0.6) / 1e6) * deepseekPeakFactor(row?.time ?? 0), 12);
  });

  test("Gemini: promptTokenCount includes cachedContentTokenCount", async () => {
    // usageMetadata: promptTokenCount 300, cachedContentTokenCount 200, candidatesTokenCount 2
    const row = await rowFor({ api_base_url: `${replay("gemini/usage-after-finish")}/v1beta/models/`, transformer: { use: ["gemini"] } }, "gemini-2.5-pro");
    expect(row).toMatchObject({ input_tokens: 100, cache_read_tokens: 200, cache_write_tokens: 0, output_tokens: 2 });
    expect(row?.cost).toBeCloseTo((100 * 1.25 + 200 * 0.125 + 2 * 10) / 1e6, 12);
  });

  test("OpenAI Responses: input_tokens include input_tokens_details.cached_tokens", async () => {
    // usage: input_tokens 1200, cached_tokens 1000, output_tokens 57 (30 reasoning)
    const row = await rowFor({ api_base_url: `${replay("openai-responses/text-reasoning-usage")}/v1`, transformer: { use: ["openai-responses"] } }, "gpt-5-mini");
    expect(row).toMatchObject({ input_tokens: 200, cache_read_tokens: 1000, output_tokens: 57 });
    expect(row?.cost).toBeCloseTo((200 * 0.25 + 1000 * 0.025 + 57 * 2) / 1e6, 12);
  });
});
