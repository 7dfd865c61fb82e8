// ccr's failures as the official Anthropic SDK sees them: upstream errors, broken streams, timeouts, bad routes.
import { afterEach, describe, expect, test } from "bun:test";
import Anthropic from "@anthropic-ai/sdk";
import { chatCompletion, openAiError, textStream } from "../helpers/openai-chunks.ts";
import type { UpstreamScript } from "../helpers/openai-upstream.ts";
import { baseRequest, errorBody, rejection, startMockStack, type MockStack } from "../helpers/mock-stack.ts";

let stack: MockStack | undefined;

afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

// Retries and failover have their own tests (fallback.test.ts); here every error must reach the client as it came.
async function use(script: UpstreamScript, extraConfig: Record<string, unknown> = {}): Promise<MockStack> {
  stack = await startMockStack(script, { RETRIES: 0, ...extraConfig });
  return stack;
}

describe("ccr reporting failures to the Anthropic SDK", () => {
  test("passes an upstream 429 through as a RateLimitError with its retry-after header", async () => {
    const { client } = await use(() => ({
      json: openAiError("Rate limit reached for gpt-test on requests per min (RPM): Limit 3, Used 3.", { type: "requests", code: "rate_limit_exceeded" }),
      status: 429,
      headers: { "retry-after": "7" },
    }));
    const err = await rejection(client.messages.create({ ...baseRequest, stream: true }));
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    expect(err instanceof Anthropic.APIError ? err.status : 0).toBe(429);
    expect(err instanceof Anthropic.APIError ? err.headers?.get("retry-after") : null).toBe("7");
    expect(errorBody(err).type).toBe("rate_limit_error");
    expect(String(errorBody(err).message)).toContain("Rate limit reached");
  });

  test("passes an upstream 500 through as an InternalServerError of type api_error", async () => {
    const { client } = await use(() => ({ json: openAiError("The server had an error while processing your request.", { type: "server_error" }), status: 500 }));
    const err = await rejection(client.messages.create(baseRequest));
    expect(err).toBeInstanceOf(Anthropic.InternalServerError);
    expect(err instanceof Anthropic.APIError ? err.status : 0).toBe(500);
    expect(errorBody(err)).toMatchObject({ type: "api_error", message: "The server had an error while processing your request." });
  });

  test("passes an upstream 401 through as an AuthenticationError", async () => {
    const { client } = await use(() => ({
      json: openAiError("Incorrect API key provided: sk-mock-*****ream.", { code: "invalid_api_key" }),
      status: 401,
    }));
    const err = await rejection(client.messages.create({ ...baseRequest, stream: true }));
    expect(err).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(errorBody(err).type).toBe("authentication_error");
    expect(String(errorBody(err).message)).toContain("Incorrect API key provided");
  });

  test("reports an HTML 502 page from the upstream as a 502 api_error with a readable message", async () => {
    const page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    const { client } = await use(() => ({ raw: page, status: 502, headers: { "content-type": "text/html" } }));
    const err = await rejection(client.messages.create({ ...baseRequest, stream: true }));
    expect(err).toBeInstanceOf(Anthropic.InternalServerError);
    expect(err instanceof Anthropic.APIError ? err.status : 0).toBe(502);
    expect(errorBody(err).type).toBe("api_error");
    expect(String(errorBody(err).message)).toContain("502 Bad Gateway");
    expect(String(errorBody(err).message).length).toBeLessThanOrEqual(2100);
  });

  test("makes the SDK stream fail, not hang, when the upstream stream ends before finishing", async () => {
    const partial = textStream("This answer never finishes.", { pieces: 4 }).slice(0, 3);
    const { client } = await use(() => ({ sse: partial, delayMs: 5 }));
    const err = await rejection(client.messages.stream(baseRequest).finalMessage());
    expect(err).toBeInstanceOf(Error);
  });

  test("makes the SDK stream fail, not hang, when the upstream connection is cut mid-stream", async () => {
    const partial = textStream("This answer is cut off.", { pieces: 4 }).slice(0, 3);
    const { client } = await use(() => ({ sse: partial, delayMs: 5, die: true }));
    const err = await rejection(client.messages.stream(baseRequest).finalMessage());
    expect(err).toBeInstanceOf(Error);
  });

  test("answers an error payload that opens a 200 stream with an HTTP error the SDK can act on", async () => {
    // OpenRouter's shape: a numeric code in a 200 stream; it becomes the HTTP status (conversion spec §11.2).
    const { client } = await use(() => ({ sse: [{ error: { message: "Provider returned error", code: 429 } }] }));
    const err = await rejection(client.messages.create({ ...baseRequest, stream: true }));
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    expect(errorBody(err)).toMatchObject({ type: "rate_limit_error", message: "Provider returned error" });
  });

  test("ends the SDK stream with the typed error when the upstream reports one mid-stream", async () => {
    const head = textStream("Half an answer", { pieces: 3 }).slice(0, 3);
    const { client } = await use(() => ({ sse: [...head, { error: { message: "Rate limited mid-stream", code: "rate_limit_exceeded" } }] }));
    const err = await rejection(client.messages.stream(baseRequest).finalMessage());
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect(errorBody(err)).toMatchObject({ type: "rate_limit_error", message: "Rate limited mid-stream" });
  });

  test("gives up on an upstream that never answers after API_TIMEOUT_MS with a 504 timeout_error", async () => {
    const { client } = await use(() => ({ hang: true }), { API_TIMEOUT_MS: 800 });
    const started = performance.now();
    const err = await rejection(client.messages.create({ ...baseRequest, stream: true }));
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect(err instanceof Anthropic.APIError ? err.status : 0).toBe(504);
    expect(errorBody(err).type).toBe("timeout_error");
    expect(performance.now() - started).toBeLessThan(5000);
  });

  test("ends the SDK stream with a timeout_error when the upstream goes silent mid-stream", async () => {
    const { client } = await use(() => ({ sse: textStream("abc def ghi", { pieces: 3 }), delayMs: (i) => (i === 3 ? 3000 : 0) }), {
      API_TIMEOUT_MS: 800,
    });
    const err = await rejection(client.messages.stream(baseRequest).finalMessage());
    expect(errorBody(err).type).toBe("timeout_error");
  });

  test("reports an upstream context-length error as 400 'prompt is too long'", async () => {
    const { client } = await use(() => ({
      json: openAiError(
        "This model's maximum context length is 128000 tokens. However, your messages resulted in 210000 tokens. Please reduce the length of the messages.",
        { code: "context_length_exceeded", param: "messages" },
      ),
      status: 400,
    }));
    const err = await rejection(client.messages.create({ ...baseRequest, stream: true }));
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect(errorBody(err).type).toBe("invalid_request_error");
    expect(String(errorBody(err).message)).toStartWith("prompt is too long");
  });

  test("rejects an unknown provider,model with a 400 that lists the configured routes", async () => {
    const { client, upstream } = await use(() => ({ json: chatCompletion({ content: "unreachable" }) }));
    const err = await rejection(client.messages.create({ ...baseRequest, model: "nowhere,gpt-x" }));
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect(errorBody(err).type).toBe("invalid_request_error");
    expect(String(errorBody(err).message)).toContain("mock,gpt-test");
    expect(upstream.requests).toHaveLength(0);
  });
});

describe("ccr with upstreams that answer a stream request with JSON", () => {
  test("reports a 200 JSON error body as the error it carries", async () => {
    const { client } = await use(() => ({ json: { error: { message: "Invalid model gpt-test", type: "invalid_request_error", code: 400 } } }));
    const err = await rejection(client.messages.create({ ...baseRequest, stream: true }));
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect(errorBody(err)).toMatchObject({ type: "invalid_request_error", message: "Invalid model gpt-test" });
  });

  test("converts a whole chat completion into a stream the SDK accepts", async () => {
    const { client } = await use(() => ({ json: chatCompletion({ content: "not streamed", finish_reason: "stop" }) }));
    const message = await client.messages.stream(baseRequest).finalMessage();
    expect(message.content.map((b) => (b.type === "text" ? b.text : b.type))).toEqual(["not streamed"]);
    expect(message.stop_reason).toBe("end_turn");
  });
});

describe("ccr with upstreams that stream although stream was false", () => {
  test("folds the stream into one message", async () => {
    const { client } = await use(() => ({ sse: textStream("streamed anyway") }));
    const message = await client.messages.create(baseRequest);
    expect(message.content.map((b) => (b.type === "text" ? b.text : b.type))).toEqual(["streamed anyway"]);
  });
});
