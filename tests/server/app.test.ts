import { describe, expect, test } from "bun:test";
import type { CompiledConfig } from "../../src/config/compiled.ts";
import { silentLogger } from "../../src/log.ts";
import { createCircuitBreaker } from "../../src/proxy/circuit.ts";
import { createTokenCounter } from "../../src/router/tokens.ts";
import { createApp } from "../../src/server/app.ts";
import { compiledConfig } from "../helpers/compiled-config.ts";

function app(config: CompiledConfig = compiledConfig()) {
  const breaker = createCircuitBreaker({ settings: () => ({ failureThreshold: 0, cooldownMs: 0 }) });
  const deps = () => ({ config, logger: silentLogger, breaker, tokens: createTokenCounter() });
  return createApp({ config: () => config, deps, logger: silentLogger, version: "9.9.9", startedAt: Date.now() - 5000 });
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

async function errorOf(res: Response) {
  expect(res.headers.get("content-type")).toContain("application/json");
  const body = (await res.json()) as { type: string; error: { type: string; message: string } };
  expect(body.type).toBe("error");
  return body.error;
}

describe("GET /health", () => {
  test("reports status, version and uptime without a key even when APIKEY is set", async () => {
    const res = await app(compiledConfig({ apiKey: "k" })).handle(new Request("http://localhost/health"));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; version: string; uptime: number };
    expect(body.status).toBe("ok");
    expect(body.version).toBe("9.9.9");
    expect(body.uptime).toBeGreaterThanOrEqual(4);
  });
});

describe("auth", () => {
  const locked = app(compiledConfig({ apiKey: "sekret-key" }));
  test("rejects /v1/messages without the key with authentication_error", async () => {
    const res = await locked.handle(post("/v1/messages", {}));
    expect(res.status).toBe(401);
    expect((await errorOf(res)).type).toBe("authentication_error");
  });
  test("rejects a wrong Bearer token on /v1/models", async () => {
    const res = await locked.handle(new Request("http://localhost/v1/models", { headers: { authorization: "Bearer nope" } }));
    expect(res.status).toBe(401);
  });
  test("accepts the key in x-api-key", async () => {
    const res = await locked.handle(new Request("http://localhost/v1/models", { headers: { "x-api-key": "sekret-key" } }));
    expect(res.status).toBe(200);
  });
});

describe("GET /v1/models", () => {
  test("lists configured provider,model pairs in Anthropic's model-list shape", async () => {
    const res = await app().handle(new Request("http://localhost/v1/models"));
    const body = (await res.json()) as { data: { id: string; type: string }[]; has_more: boolean; first_id: string };
    expect(body.data.map((m) => m.id)).toEqual(["mock,gpt-test", "mock,gpt-big"]);
    expect(body.data[0]?.type).toBe("model");
    expect(body.has_more).toBe(false);
    expect(body.first_id).toBe("mock,gpt-test");
  });
});

describe("POST /v1/messages/count_tokens", () => {
  test("counts system, messages and tools locally", async () => {
    const small = await app().handle(post("/v1/messages/count_tokens", { model: "x", messages: [{ role: "user", content: "hello" }] }));
    const big = await app().handle(
      post("/v1/messages/count_tokens?beta=true", {
        model: "x",
        system: "You are a careful assistant who answers briefly.",
        messages: [{ role: "user", content: "hello there, how many tokens is this?" }],
        tools: [{ name: "Read", description: "Read a file", input_schema: { type: "object" } }],
      }),
    );
    const a = ((await small.json()) as { input_tokens: number }).input_tokens;
    const b = ((await big.json()) as { input_tokens: number }).input_tokens;
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a + 10);
  });
  test("names the bad field", async () => {
    const res = await app().handle(post("/v1/messages/count_tokens", { messages: "hi" }));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain("messages");
  });
});

describe("POST /v1/messages input errors", () => {
  test("malformed JSON is a 400 invalid_request_error", async () => {
    const res = await app().handle(post("/v1/messages", '{"model": '));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.type).toBe("invalid_request_error");
    expect(error.message).toContain("not valid JSON");
  });
  test("a wrong-typed field is named with its path and the expected type", async () => {
    const res = await app().handle(post("/v1/messages?beta=true", { model: "m", max_tokens: 10, messages: [{ role: "user", content: [{ type: "text", text: 5 }] }] }));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toBe("messages[0].content[0].text: expected string, got 5");
  });
  test("empty messages are rejected", async () => {
    const res = await app().handle(post("/v1/messages", { model: "m", max_tokens: 10, messages: [] }));
    expect((await errorOf(res)).message).toContain("messages: expected at least one message");
  });
  test("a body that is not an object is rejected", async () => {
    const res = await app().handle(post("/v1/messages", "[1,2]"));
    expect((await errorOf(res)).message).toContain("JSON object");
  });
  test("an unknown provider is a 400 listing what is configured", async () => {
    const res = await app().handle(post("/v1/messages", { model: "other,x", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain("Configured routes: mock,gpt-test, mock,gpt-big");
  });
  test("a body over the limit is a 413 request_too_large", async () => {
    const res = await app(compiledConfig({ bodyLimit: 1024 })).handle(post("/v1/messages", { model: "m", pad: "x".repeat(4096) }));
    expect(res.status).toBe(413);
    expect((await errorOf(res)).type).toBe("request_too_large");
  });
});

describe("unknown routes", () => {
  test("answer 404 not_found_error in Anthropic's shape, naming the routes that exist", async () => {
    const res = await app().handle(new Request("http://localhost/v1/nope"));
    expect(res.status).toBe(404);
    const error = await errorOf(res);
    expect(error.type).toBe("not_found_error");
    expect(error.message).toContain("POST /v1/messages");
  });
});
