import { afterEach, describe, expect, test } from "bun:test";
import { compileConfig } from "../../src/config/compile.ts";
import { presetById, providerEntry } from "../../src/config/presets.ts";
import { listModels, modelListRequest, ModelListError, testConnection } from "../../src/proxy/probe.ts";
import { startOpenAiUpstream, type OpenAiUpstream, type UpstreamScript } from "../helpers/openai-upstream.ts";

let upstream: OpenAiUpstream | undefined;
afterEach(async () => {
  await upstream?.stop();
  upstream = undefined;
});

function serve(script: UpstreamScript): OpenAiUpstream {
  upstream = startOpenAiUpstream(script);
  return upstream;
}

const chatReply = {
  id: "c1",
  object: "chat.completion",
  model: "m1",
  choices: [{ index: 0, message: { role: "assistant", content: "pong" }, finish_reason: "length" }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
};

function configFor(url: string, extra: Record<string, unknown> = {}) {
  const Providers = [{ name: "up", api_base_url: url, api_key: "$UP_KEY", models: ["m1"], ...extra }];
  return compileConfig({ Providers, RETRIES: 3 }, { UP_KEY: "sk-secret-123" });
}

describe("testConnection", () => {
  test("sends a one-token ping to provider,model and returns the reply text and latency", async () => {
    const up = serve(() => ({ json: chatReply }));
    const result = await testConnection(configFor(up.chatUrl), "up", "m1");
    expect(result).toEqual({ ok: true, ms: expect.any(Number), text: "pong" });
    expect(up.requests).toHaveLength(1);
    expect(up.requests[0]?.headers.authorization).toBe("Bearer sk-secret-123");
    expect(up.requests[0]?.body).toMatchObject({ model: "m1", messages: [{ role: "user", content: "ping" }] });
  });

  test("reports the upstream's status and mapped message without retrying", async () => {
    const up = serve(() => ({ status: 401, json: { error: { message: "Invalid API key", type: "invalid_request_error" } } }));
    const result = await testConnection(configFor(up.chatUrl), "up", "m1");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(401);
    expect(result.message).toContain("Invalid API key");
    expect(up.requests).toHaveLength(1);
  });

  test("fails with a clear message when the server does not answer in time", async () => {
    const up = serve(() => ({ hang: true }));
    const result = await testConnection(configFor(up.chatUrl), "up", "m1", { timeoutMs: 200 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBeGreaterThanOrEqual(500);
  });

  test("fails when the provider is unknown", async () => {
    const up = serve(() => ({ json: chatReply }));
    const result = await testConnection(configFor(up.chatUrl), "nope", "m1");
    expect(result.ok).toBe(false);
    expect(up.requests).toHaveLength(0);
  });
});

describe("modelListRequest", () => {
  test("derives the Ollama server root from its OpenAI-compatible endpoint", () => {
    expect(modelListRequest("ollama", "http://localhost:11434/v1/chat/completions", "").url).toBe("http://localhost:11434/api/tags");
    expect(modelListRequest("ollama", "http://host/ollama/v1/chat/completions", "").url).toBe("http://host/ollama/api/tags");
  });

  test("puts /models next to an OpenAI-compatible chat endpoint with a bearer key", () => {
    const r = modelListRequest("openai", "https://openrouter.ai/api/v1/chat/completions", "k");
    expect(r).toEqual({ url: "https://openrouter.ai/api/v1/models", headers: { accept: "application/json", authorization: "Bearer k" } });
    expect(modelListRequest("openai", "https://api.deepseek.com/chat/completions", "").url).toBe("https://api.deepseek.com/models");
  });

  test("uses Gemini's models collection and Anthropic's /v1/models with their own key headers", () => {
    const g = modelListRequest("gemini", "https://generativelanguage.googleapis.com/v1beta/models/", "gk");
    expect(g.url).toBe("https://generativelanguage.googleapis.com/v1beta/models?pageSize=1000");
    expect(g.headers["x-goog-api-key"]).toBe("gk");
    const a = modelListRequest("anthropic", "https://api.anthropic.com/v1/messages", "ak");
    expect(a.url).toBe("https://api.anthropic.com/v1/models?limit=1000");
    expect(a.headers["x-api-key"]).toBe("ak");
    expect(a.headers["anthropic-version"]).toBe("2023-06-01");
  });
});

describe("listModels", () => {
  test("lists an Ollama server's pulled models from /api/tags", async () => {
    const up = serve(() => ({ json: { models: [{ name: "qwen3:8b", model: "qwen3:8b" }, { name: "llama3.2:latest" }] } }));
    const models = await listModels({ api_base_url: `${up.url}/v1/chat/completions`, apiKey: "", modelList: "ollama" });
    expect(models).toEqual(["llama3.2:latest", "qwen3:8b"]);
    expect(up.requests[0]?.path).toBe("/api/tags");
    expect(up.requests[0]?.method).toBe("GET");
  });

  test("lists an OpenAI-compatible provider's models with its compiled key", async () => {
    const up = serve(() => ({ json: { object: "list", data: [{ id: "m2" }, { id: "m1" }] } }));
    const provider = configFor(up.chatUrl).providers.get("up");
    if (!provider) throw new Error("no provider");
    expect(await listModels(provider)).toEqual(["m1", "m2"]);
    expect(up.requests[0]?.path).toBe("/v1/models");
    expect(up.requests[0]?.headers.authorization).toBe("Bearer sk-secret-123");
  });

  test("keeps only Gemini models that generate content, without the models/ prefix", async () => {
    const up = serve(() => ({
      json: {
        models: [
          { name: "models/gemini-2.5-pro", supportedGenerationMethods: ["generateContent", "countTokens"] },
          { name: "models/text-embedding-004", supportedGenerationMethods: ["embedContent"] },
        ],
      },
    }));
    const preset = presetById("gemini");
    if (!preset) throw new Error("no preset");
    const entry = providerEntry(preset, { apiKey: "gk", models: [], baseUrl: `${up.url}/v1beta/models/` });
    expect(await listModels({ api_base_url: entry.api_base_url, apiKey: "gk", modelList: preset.modelList })).toEqual(["gemini-2.5-pro"]);
    expect(up.requests[0]?.path).toBe("/v1beta/models?pageSize=1000");
  });

  test("explains a refused key with the status and hides the key", async () => {
    const up = serve(() => ({ status: 401, json: { error: { message: "bad key sk-secret-123" } } }));
    const error = await listModels({ api_base_url: up.chatUrl, apiKey: "sk-secret-123" }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ModelListError);
    expect(String(error)).toContain("HTTP 401");
    expect(String(error)).not.toContain("sk-secret-123");
  });

  test("says the server cannot be reached when nothing listens", async () => {
    const error = await listModels({ api_base_url: "http://127.0.0.1:9/v1/chat/completions", apiKey: "", modelList: "ollama" }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ModelListError);
    expect(String(error)).toContain("cannot reach http://127.0.0.1:9/api/tags");
  });

  test("times out when the server does not answer", async () => {
    const up = serve(() => ({ hang: true }));
    const error = await listModels({ api_base_url: up.chatUrl, apiKey: "" }, { timeoutMs: 150 }).catch((err: unknown) => err);
    expect(String(error)).toContain("within 150 ms");
  });

  test("rejects an answer that is not a model list", async () => {
    const up = serve(() => ({ json: { hello: "world" } }));
    const error = await listModels({ api_base_url: up.chatUrl, apiKey: "" }).catch((err: unknown) => err);
    expect(String(error)).toContain("did not answer with a model list");
  });
});
