import { describe, expect, test } from "bun:test";
import { type AnthropicErrorType, ProviderError } from "../../src/errors.ts";
import { badResponseError, networkError, payloadError, streamErrorEvent, upstreamError } from "../../src/providers/upstream-error.ts";

const none = new Headers();
const json = (value: unknown) => JSON.stringify(value);

describe("upstreamError: status → type", () => {
  test.each<[number, AnthropicErrorType]>([
    [400, "invalid_request_error"],
    [422, "invalid_request_error"],
    [418, "invalid_request_error"],
    [401, "authentication_error"],
    [402, "billing_error"],
    [403, "permission_error"],
    [404, "not_found_error"],
    [408, "timeout_error"],
    [504, "timeout_error"],
    [413, "request_too_large"],
    [429, "rate_limit_error"],
    [500, "api_error"],
    [501, "api_error"],
    [502, "api_error"],
    [507, "api_error"],
    [503, "overloaded_error"],
    [529, "overloaded_error"],
  ])("answers upstream %i with that status and %s", (status, type) => {
    const err = upstreamError(status, json({ error: { message: "boom" } }), none, "p");
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.status).toBe(status);
    expect(err.type).toBe(type);
    expect(err.upstreamStatus).toBe(status);
    expect(err.provider).toBe("p");
  });

  test("takes the type from the status, not from the upstream's own type string", () => {
    const body = json({ error: { message: "Incorrect API key provided", type: "invalid_request_error", code: "invalid_api_key" } });
    const err = upstreamError(401, body, none, "openai");
    expect(err.type).toBe("authentication_error");
    expect(err.toBody()).toEqual({ type: "error", error: { type: "authentication_error", message: "Incorrect API key provided" } });
  });

  test("answers 1xx and 3xx upstream statuses with 502 api_error", () => {
    expect(upstreamError(302, "moved", none, "p")).toMatchObject({ status: 502, type: "api_error" });
    expect(upstreamError(101, "", none, "p")).toMatchObject({ status: 502, type: "api_error" });
  });

  test("answers an error body on 200 with its numeric code, else 502", () => {
    expect(upstreamError(200, json({ error: { message: "slow down", code: 429 } }), none, "p")).toMatchObject({
      status: 429,
      type: "rate_limit_error",
      message: "slow down",
    });
    expect(upstreamError(200, json({ error: { message: "odd", code: "weird" } }), none, "p")).toMatchObject({ status: 502, type: "api_error" });
  });

  test("keeps retry-after and retry-after-ms and no other upstream header", () => {
    const headers = new Headers({ "retry-after": "7", "retry-after-ms": "6500", "set-cookie": "x=1", "x-request-id": "r" });
    const err = upstreamError(429, json({ error: { message: "slow" } }), headers, "p");
    expect(err.headers).toEqual({ "retry-after": "7", "retry-after-ms": "6500" });
    expect(err.toResponse().headers.get("retry-after")).toBe("7");
  });
});

describe("upstreamError: message extraction", () => {
  const message = (body: string, status = 400) => upstreamError(status, body, none, "p").message;

  test("reads OpenAI-style and Gemini-style error objects", () => {
    expect(message(json({ error: { message: "bad model", type: "invalid_request_error" } }))).toBe("bad model");
    expect(message(json({ error: { code: 400, message: "Invalid JSON payload", status: "INVALID_ARGUMENT" } }))).toBe("Invalid JSON payload");
  });

  test("reads the first message of a Gemini error array", () => {
    expect(message(json([{ error: { code: 429, message: "Quota exceeded", status: "RESOURCE_EXHAUSTED" } }]), 429)).toBe("Quota exceeded");
  });

  test("reads {message}, {detail}, FastAPI detail lists and {error: string}", () => {
    expect(message(json({ message: "plain message" }))).toBe("plain message");
    expect(message(json({ detail: "Not authenticated" }), 401)).toBe("Not authenticated");
    expect(message(json({ detail: [{ loc: ["body"], msg: "field required" }] }), 422)).toBe("field required");
    expect(message(json({ error: "model not found" }), 404)).toBe("model not found");
  });

  test("adds OpenRouter's metadata.raw to its generic message", () => {
    const body = json({ error: { message: "Provider returned error", code: 400, metadata: { raw: "tools[0] is invalid" } } });
    expect(message(body)).toBe("Provider returned error: tools[0] is invalid");
  });

  test("strips an HTML page down to its visible text", () => {
    const html = "<html><head><style>b{}</style><script>x()</script><title>502</title></head><body><h1>Bad&nbsp;Gateway</h1>\n<p>nginx</p></body></html>";
    expect(message(html, 502)).toBe("502 Bad Gateway nginx");
  });

  test("trims plain text and caps it at 2000 characters", () => {
    expect(message("  upstream exploded \n", 500)).toBe("upstream exploded");
    expect(message("x".repeat(5000), 500).length).toBeLessThanOrEqual(2000);
  });

  test("names the status when the body is empty", () => {
    expect(message("", 503)).toBe("upstream returned HTTP 503");
  });

  test("never carries an echoed key or token into the message", () => {
    const text = message(json({ error: { message: "bad key sk-proj-abcdefghijklmnopqrstuvwx for https://h/v1?key=AIzaSyA1234567890abcdefghijklmnop" } }), 401);
    expect(text).not.toContain("abcdefghijklmnopqrstuvwx");
    expect(text).not.toContain("AIzaSyA1234567890");
    expect(message("Authorization: Bearer abcdef1234567890xyz", 401)).not.toContain("abcdef1234567890xyz");
  });

  test("does not wrap the upstream body in a 'provider said' string or leak a stack", () => {
    const text = message(json({ error: { message: "bad" } }), 400);
    expect(text).toBe("bad");
  });
});

describe("upstreamError: context overflow", () => {
  test.each([
    [json({ error: { message: "This model's maximum context length is 128000 tokens.", code: "context_length_exceeded" } }), 400],
    [json({ error: { message: "Request too large", code: "context_length_exceeded" } }), 400],
    [json({ error: { code: 400, message: "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).", status: "INVALID_ARGUMENT" } }), 400],
    [json({ error: { message: "This model's maximum context length is 65536 tokens" } }), 200],
    ["maximum context length is 4096 tokens", 413],
  ])("answers %s as 400 'prompt is too long'", (body, status) => {
    const err = upstreamError(status, body, none, "p");
    expect(err.status).toBe(400);
    expect(err.type).toBe("invalid_request_error");
    expect(err.message).toStartWith("prompt is too long: ");
  });

  test("keeps the upstream message after the prefix and does not double it", () => {
    expect(upstreamError(400, json({ error: { message: "maximum context length is 10" } }), none, "p").message).toBe(
      "prompt is too long: maximum context length is 10",
    );
    expect(upstreamError(400, json({ error: { message: "prompt is too long: 300 > 200" } }), none, "p").message).toBe(
      "prompt is too long: 300 > 200",
    );
  });
});

describe("payloadError and badResponseError", () => {
  test("uses the numeric code of an error found in a 200 body, else 502", () => {
    expect(payloadError({ message: "quota", code: 402 }, "p")).toMatchObject({ status: 402, type: "billing_error", upstreamStatus: 200 });
    expect(payloadError({ message: "??" }, "p")).toMatchObject({ status: 502, type: "api_error" });
  });

  test("answers unusable 200 bodies with 502 api_error", () => {
    expect(badResponseError("upstream returned no choices", "p")).toMatchObject({ status: 502, type: "api_error" });
  });
});

describe("streamErrorEvent", () => {
  test("renders Anthropic's error event shape with `error`, never `message`, as the key", () => {
    const event = streamErrorEvent({ message: "bad", code: 400 });
    expect(event).toEqual({ type: "error", error: { type: "invalid_request_error", message: "bad" } });
    expect(Object.keys(event)).toEqual(["type", "error"]);
  });

  test.each([
    [{ code: 429, message: "m" }, "rate_limit_error"],
    [{ code: "503", message: "m" }, "overloaded_error"],
    [{ status: 401, message: "m" }, "authentication_error"],
    [{ code: "rate_limit_exceeded", message: "m" }, "rate_limit_error"],
    [{ type: "too_many_requests", message: "m" }, "rate_limit_error"],
    [{ status: "RESOURCE_EXHAUSTED", message: "m" }, "rate_limit_error"],
    [{ type: "overloaded_error", message: "m" }, "overloaded_error"],
    [{ status: "UNAVAILABLE", message: "m" }, "overloaded_error"],
    [{ code: "insufficient_system_resource", message: "m" }, "overloaded_error"],
    [{ code: "no_capacity", message: "m" }, "overloaded_error"],
    [{ type: "invalid_request_error", message: "m" }, "invalid_request_error"],
    [{ status: "INVALID_ARGUMENT", message: "m" }, "invalid_request_error"],
    [{ code: "timeout", message: "m" }, "timeout_error"],
    [{ status: "DEADLINE_EXCEEDED", message: "m" }, "timeout_error"],
    [{ code: "invalid_api_key", message: "m" }, "authentication_error"],
    [{ status: "UNAUTHENTICATED", message: "m" }, "authentication_error"],
    [{ status: "PERMISSION_DENIED", message: "m" }, "permission_error"],
    [{ type: "server_error", message: "m" }, "api_error"],
    [{ message: "m" }, "api_error"],
  ] satisfies [object, AnthropicErrorType][])("types %j as %s", (error, type) => {
    const event = streamErrorEvent(error);
    if (event.type !== "error") throw new Error("not an error event");
    expect(event.error.type).toBe(type);
  });

  test("reads a nested {error:{…}} and a bare string", () => {
    expect(streamErrorEvent({ error: { message: "inner", code: 429 } })).toEqual({
      type: "error",
      error: { type: "rate_limit_error", message: "inner" },
    });
    expect(streamErrorEvent("just text")).toEqual({ type: "error", error: { type: "api_error", message: "just text" } });
  });

  test("reports a context overflow as invalid_request_error with Anthropic's wording", () => {
    expect(streamErrorEvent({ code: "context_length_exceeded", message: "too long" })).toEqual({
      type: "error",
      error: { type: "invalid_request_error", message: "prompt is too long: too long" },
    });
  });

  test("says something even when the upstream gave no message", () => {
    expect(streamErrorEvent(null)).toEqual({ type: "error", error: { type: "api_error", message: "upstream reported an error" } });
  });
});

describe("networkError", () => {
  test("reports a timeout as 504 timeout_error naming the provider and the URL", () => {
    const err = networkError("timeout", "deepseek", "https://api.deepseek.com/chat/completions");
    expect(err).toMatchObject({ status: 504, type: "timeout_error", provider: "deepseek" });
    expect(err.message).toContain("deepseek");
    expect(err.message).toContain("https://api.deepseek.com/chat/completions");
  });

  test("reports an unreachable upstream as 502 api_error without the query string or credentials", () => {
    const url = "https://user:secret@generativelanguage.googleapis.com/v1beta/models/g:streamGenerateContent?alt=sse&key=AIzaSECRET#x";
    const err = networkError("unreachable", "gemini", url);
    expect(err).toMatchObject({ status: 502, type: "api_error" });
    expect(err.message).toContain("gemini");
    expect(err.message).toContain("https://generativelanguage.googleapis.com/v1beta/models/g:streamGenerateContent");
    expect(err.message).not.toContain("AIzaSECRET");
    expect(err.message).not.toContain("secret");
    expect(err.message).not.toContain("?");
  });

  // A container without the right CA, a typo in the host, a server that is down: the log and the client see which.
  test("names the fetch error's code, so a certificate problem is told apart from a refused connection", async () => {
    const refused = await fetch("http://127.0.0.1:1/").catch((err: unknown) => err);
    expect(networkError("unreachable", "local", "http://127.0.0.1:1/v1").message).toBe('could not reach provider "local" at http://127.0.0.1:1/v1');
    expect(networkError("unreachable", "local", "http://127.0.0.1:1/v1", refused).message).toBe(
      'could not reach provider "local" at http://127.0.0.1:1/v1 (ECONNREFUSED)',
    );
    const tls = Object.assign(new TypeError("self signed certificate"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" });
    expect(networkError("unreachable", "corp", "https://llm.corp/v1", tls).message).toEndWith("(DEPTH_ZERO_SELF_SIGNED_CERT)");
    const odd = Object.assign(new Error("x"), { code: "sk-not a code" });
    expect(networkError("unreachable", "corp", "https://llm.corp/v1", odd).message).toEndWith("/v1");
  });

  test("cuts the query string from a URL it cannot parse", () => {
    expect(networkError("unreachable", "x", "not a url?key=1").message).not.toContain("key=1");
  });
});
