import { afterEach, describe, expect, test } from "bun:test";
import type { CompiledConfig } from "../../src/config/compiled.ts";
import { providerPresets } from "../../src/config/presets.ts";
import { silentLogger } from "../../src/log.ts";
import { providerRoutes } from "../../src/server/provider-routes.ts";
import { compiledConfig, provider } from "../helpers/compiled-config.ts";
import { startOpenAiUpstream, type OpenAiUpstream } from "../helpers/openai-upstream.ts";

let upstream: OpenAiUpstream | undefined;

afterEach(async () => {
  await upstream?.stop();
  upstream = undefined;
});

function appFor(config: CompiledConfig) {
  return providerRoutes({ config: () => config, logger: silentLogger });
}

async function call(config: CompiledConfig, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const init: RequestInit = body === undefined ? { method } : { method, body: JSON.stringify(body), headers: { "content-type": "application/json" } };
  const res = await appFor(config).handle(new Request(`http://127.0.0.1${path}`, init));
  return { status: res.status, json: await res.json() };
}

function withUpstream(up: OpenAiUpstream, apiKey = "sk-up-1234567890"): CompiledConfig {
  return compiledConfig({ providers: new Map([["mock", provider("mock", ["gpt-test"], { baseUrl: up.chatUrl, apiKey })]]) });
}

describe("provider routes", () => {
  test("list the vendor presets and the built-in transformer names", async () => {
    const presets = await call(compiledConfig(), "GET", "/api/presets");
    expect(presets.json.presets).toEqual(JSON.parse(JSON.stringify(providerPresets)));
    const transformers = await call(compiledConfig(), "GET", "/api/transformers");
    expect(transformers.json.transformers).toContain("maxtoken");
    expect(transformers.json.transformers).toContain("openrouter");
  });

  test("test a saved provider with a one-token request and answer with the reply", async () => {
    upstream = startOpenAiUpstream(() => ({
      json: { id: "c", object: "chat.completion", model: "gpt-test", choices: [{ index: 0, message: { role: "assistant", content: "p" }, finish_reason: "length" }], usage: { prompt_tokens: 3, completion_tokens: 1 } },
    }));
    const res = await call(withUpstream(upstream), "POST", "/api/providers/mock/test", { model: "gpt-test" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ ok: true, text: "p" });
    const sent = upstream.requests[0]?.body;
    expect(sent).toMatchObject({ model: "gpt-test" });
  });

  test("report the upstream's exact error without the key", async () => {
    upstream = startOpenAiUpstream(() => ({ status: 401, json: { error: { message: "Incorrect API key provided: sk-up-1234567890", type: "invalid_request_error" } } }));
    const res = await call(withUpstream(upstream), "POST", "/api/providers/mock/test", { model: "gpt-test" });
    expect(res.json.ok).toBe(false);
    expect(res.json.status).toBe(401);
    expect(String(res.json.message)).toContain("Incorrect API key");
    expect(JSON.stringify(res.json)).not.toContain("sk-up-1234567890");
  });

  test("answer 404 for a provider the saved config does not have", async () => {
    const res = await call(compiledConfig(), "POST", "/api/providers/nope/test", { model: "x" });
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ type: "error", error: { type: "not_found_error" } });
    expect((await call(compiledConfig(), "GET", "/api/providers/nope/models")).status).toBe(404);
  });

  test("refuse a test without a model", async () => {
    const res = await call(compiledConfig(), "POST", "/api/providers/mock/test", { model: "" });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json)).toContain("model");
  });

  test("fetch the model list of a saved provider from its own endpoint", async () => {
    upstream = startOpenAiUpstream(() => ({ json: { object: "list", data: [{ id: "b-model" }, { id: "a-model" }] } }));
    const res = await call(withUpstream(upstream), "GET", "/api/providers/mock/models");
    expect(res.json).toEqual({ provider: "mock", models: ["a-model", "b-model"] });
    expect(upstream.requests[0]?.path).toBe("/v1/models");
    expect(upstream.requests[0]?.headers.authorization).toBe("Bearer sk-up-1234567890");
  });

  test("find providers whose names need escaping in a URL", async () => {
    upstream = startOpenAiUpstream(() => ({ json: { object: "list", data: [{ id: "m" }] } }));
    const config = compiledConfig({ providers: new Map([["my 100% provider", provider("my 100% provider", ["m"], { baseUrl: upstream.chatUrl })]]) });
    const res = await call(config, "GET", `/api/providers/${encodeURIComponent("my 100% provider")}/models`);
    expect(res.json).toEqual({ provider: "my 100% provider", models: ["m"] });
  });
});
