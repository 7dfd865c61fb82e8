// The Responses adapter object and the shared helpers it added rows to (URL, auth, registry, usage, stop reasons).
import { describe, expect, test } from "bun:test";
import { defaultProfile } from "../../src/providers/adapter.ts";
import { openAiResponsesAdapter } from "../../src/providers/openai-responses.ts";
import { responsesStopReason } from "../../src/providers/stop-reason.ts";
import { usageFromResponses } from "../../src/providers/usage.ts";
import { findTransformer } from "../../src/transformers/registry.ts";

const target = (baseUrl: string, apiKey = "sk-1") => ({ provider: "p", baseUrl, apiKey, model: "m", profile: defaultProfile });

describe("openAiResponsesAdapter", () => {
  test("appends /responses to an API root and keeps a full /responses URL as is", () => {
    expect(openAiResponsesAdapter.url(target("https://api.openai.com/v1"), true)).toBe("https://api.openai.com/v1/responses");
    expect(openAiResponsesAdapter.url(target("https://api.openai.com/v1/"), false)).toBe("https://api.openai.com/v1/responses");
    expect(openAiResponsesAdapter.url(target("https://gw.example/openai/v1/responses"), true)).toBe("https://gw.example/openai/v1/responses");
  });

  test("authenticates with a Bearer token and sends none without a key", () => {
    expect(openAiResponsesAdapter.headers(target("https://x/v1"), new Headers()).authorization).toBe("Bearer sk-1");
    expect(openAiResponsesAdapter.headers(target("https://x/v1", ""), new Headers()).authorization).toBeUndefined();
  });

  test("is selected by the openai-responses and responses transformers, case-insensitively", () => {
    for (const name of ["openai-responses", "responses", "Responses"]) {
      expect(findTransformer(name)?.(undefined).adapter).toBe(openAiResponsesAdapter);
    }
    expect(() => findTransformer("responses")?.({ unexpected: true })).toThrow();
  });
});

describe("usageFromResponses", () => {
  test("subtracts cached input from input_tokens and reports it as cache reads", () => {
    const usage = usageFromResponses({ input_tokens: 1200, input_tokens_details: { cached_tokens: 1000 }, output_tokens: 50 }, { inputTokens: 1, outputTokens: 1 });
    expect(usage).toEqual({ input_tokens: 200, output_tokens: 50, cache_creation_input_tokens: 0, cache_read_input_tokens: 1000 });
  });

  test("falls back to the estimates when the upstream reports nothing", () => {
    expect(usageFromResponses(undefined, { inputTokens: 7, outputTokens: 3 })).toEqual({
      input_tokens: 7,
      output_tokens: 3,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
  });
});

describe("responsesStopReason", () => {
  const none = { emittedTool: false, refused: false };
  test("maps completed to tool_use, refusal or end_turn by what was emitted", () => {
    expect(responsesStopReason("completed", undefined, { emittedTool: true, refused: false })).toBe("tool_use");
    expect(responsesStopReason("completed", undefined, { emittedTool: false, refused: true })).toBe("refusal");
    expect(responsesStopReason("completed", undefined, none)).toBe("end_turn");
  });

  test("maps incomplete to max_tokens, or refusal for a content filter", () => {
    expect(responsesStopReason("incomplete", "max_output_tokens", { emittedTool: true, refused: false })).toBe("max_tokens");
    expect(responsesStopReason("incomplete", "content_filter", none)).toBe("refusal");
  });
});
