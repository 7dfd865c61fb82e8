// The Gemini adapter as a whole: URLs, auth, error bodies, and thought signatures surviving a round trip.
import { describe, expect, test } from "bun:test";
import { ProviderError } from "../../src/errors.ts";
import type { AnthropicMessage, MessagesRequest } from "../../src/formats/anthropic.ts";
import type { GeminiRequest } from "../../src/formats/gemini.ts";
import { type Target, defaultProfile } from "../../src/providers/adapter.ts";
import { geminiAdapter, geminiUrl } from "../../src/providers/gemini.ts";
import { fromGemini } from "../../src/providers/gemini-response.ts";
import { gemini } from "../../src/transformers/gemini.ts";
import { findTransformer } from "../../src/transformers/registry.ts";
import { responseContext } from "../helpers/chat-stream-run.ts";

const target: Target = {
  provider: "g",
  baseUrl: "https://generativelanguage.googleapis.com/v1beta/models/",
  apiKey: "AIzaKEY",
  model: "gemini-3-pro-preview",
  profile: { ...defaultProfile, auth: "x-goog-api-key" },
};

describe("geminiUrl", () => {
  test("appends the model and method to a models/ base, for both streaming and non-streaming calls", () => {
    expect(geminiAdapter.url(target, false)).toBe("https://generativelanguage.googleapis.com/v1beta/models/gemini-3-pro-preview:generateContent");
    expect(geminiAdapter.url(target, true)).toBe(
      "https://generativelanguage.googleapis.com/v1beta/models/gemini-3-pro-preview:streamGenerateContent?alt=sse",
    );
  });

  test("completes an API root or version base and never doubles a models/ prefix", () => {
    expect(geminiUrl("https://g.test", "models/gemini-2.5-pro", false)).toBe("https://g.test/v1beta/models/gemini-2.5-pro:generateContent");
    expect(geminiUrl("https://g.test/v1beta", "gemini-2.5-pro", true)).toBe("https://g.test/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse");
  });
});

describe("headers and transformer", () => {
  test("sends the key as x-goog-api-key", () => {
    const headers = geminiAdapter.headers(target, new Headers());
    expect(headers["x-goog-api-key"]).toBe("AIzaKEY");
    expect(headers.authorization).toBeUndefined();
  });

  test("the gemini transformer is registered and selects the adapter with x-goog-api-key auth", () => {
    const transformer = findTransformer("Gemini")?.(undefined);
    expect(transformer?.adapter).toBe(geminiAdapter);
    expect(transformer?.profile).toEqual({ auth: "x-goog-api-key" });
    expect(() => gemini({ unexpected: 1 })).toThrow();
  });
});

describe("errors", () => {
  test("reads Gemini error objects and JSON arrays of them, typed by HTTP status", () => {
    const body = JSON.stringify([{ error: { code: 429, message: "Quota exceeded for model.", status: "RESOURCE_EXHAUSTED" } }]);
    const error = geminiAdapter.toError(429, body, new Headers({ "retry-after": "7" }), "g");
    expect(error).toMatchObject({ status: 429, type: "rate_limit_error", message: "Quota exceeded for model." });
    const bad = geminiAdapter.toError(400, JSON.stringify({ error: { code: 400, message: "Invalid JSON payload received.", status: "INVALID_ARGUMENT" } }), new Headers(), "g");
    expect(bad).toMatchObject({ status: 400, type: "invalid_request_error", message: "Invalid JSON payload received." });
  });

  test("reports context overflow in Anthropic's words", () => {
    const body = JSON.stringify({ error: { code: 400, message: "The input token count (2000000) exceeds the maximum number of tokens allowed (1048576).", status: "INVALID_ARGUMENT" } });
    expect(geminiAdapter.toError(400, body, new Headers(), "g").message).toStartWith("prompt is too long: ");
  });

  test("rejects a 200 body with an error, or with neither candidates nor a block reason", () => {
    const ctx = responseContext();
    expect(() => fromGemini({ error: { code: 503, message: "The model is overloaded.", status: "UNAVAILABLE" } }, ctx)).toThrow(ProviderError);
    try {
      fromGemini({ error: { code: 503, message: "The model is overloaded.", status: "UNAVAILABLE" } }, ctx);
    } catch (err) {
      expect(err).toMatchObject({ status: 503, type: "overloaded_error" });
    }
    expect(() => fromGemini({ usageMetadata: { promptTokenCount: 1 } }, ctx)).toThrow("no candidates");
  });
});

describe("thought signature round trip", () => {
  test("signatures from a response are restored on the same parts of the next request", () => {
    const response = {
      candidates: [
        {
          content: {
            role: "model",
            parts: [
              { text: "Plan.", thought: true },
              { text: "Calling two tools." },
              { functionCall: { name: "Read", args: { file_path: "/a" } }, thoughtSignature: "SIG_A" },
              { functionCall: { name: "Read", args: { file_path: "/b" } } },
              { text: "", thoughtSignature: "SIG_LAST" },
            ],
          },
          finishReason: "STOP",
        },
      ],
    };
    const message: AnthropicMessage = fromGemini(response, responseContext());
    expect(message.stop_reason).toBe("tool_use");
    const calls = message.content.filter((b) => b.type === "tool_use");
    const request: MessagesRequest = {
      model: "m",
      max_tokens: 100,
      messages: [
        { role: "user", content: "go" },
        { role: "assistant", content: message.content },
        { role: "user", content: calls.map((c) => ({ type: "tool_result" as const, tool_use_id: c.type === "tool_use" ? c.id : "", content: "ok" })) },
      ],
    };
    // toGemini's body is a GeminiRequest; the adapter contract types it as unknown.
    const body = geminiAdapter.toWire(request, target).body as GeminiRequest;
    expect(body.contents[1]?.parts).toEqual([
      { text: "Calling two tools." },
      { functionCall: { name: "Read", args: { file_path: "/a" } }, thoughtSignature: "SIG_A" },
      { functionCall: { name: "Read", args: { file_path: "/b" } }, thoughtSignature: "skip_thought_signature_validator" },
      { text: "", thoughtSignature: "SIG_LAST" },
    ]);
  });
});

describe("envelopes from elsewhere", () => {
  test("ignores malformed gemini envelopes and other providers' envelopes when restoring signatures", () => {
    const bad = `ccr1.${Buffer.from(JSON.stringify({ v: 1, p: "gemini", sigs: [{ sig: 5, at: "fc:0" }, null] })).toString("base64url")}`;
    const request: MessagesRequest = {
      model: "m",
      max_tokens: 100,
      messages: [
        { role: "user", content: "go" },
        {
          role: "assistant",
          content: [
            { type: "redacted_thinking", data: bad },
            { type: "thinking", thinking: "t", signature: "ccr1.eyJ2IjoxLCJwIjoic3ludGhldGljIn0" },
            { type: "text", text: "hi" },
          ],
        },
      ],
    };
    // toGemini's body is a GeminiRequest; the adapter contract types it as unknown.
    const body = geminiAdapter.toWire(request, target).body as GeminiRequest;
    expect(body.contents[1]).toEqual({ role: "model", parts: [{ text: "hi" }] });
  });
});
