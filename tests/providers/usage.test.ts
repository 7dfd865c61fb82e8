import { describe, expect, test } from "bun:test";
import { estimateTokens, usageFromChat, usageFromGemini } from "../../src/providers/usage.ts";

const estimate = { inputTokens: 11, outputTokens: 3 };

describe("usageFromChat", () => {
  test("subtracts OpenAI cached tokens from input and reports them as cache reads", () => {
    expect(
      usageFromChat({ prompt_tokens: 1000, completion_tokens: 50, prompt_tokens_details: { cached_tokens: 800 } }, estimate),
    ).toEqual({ input_tokens: 200, output_tokens: 50, cache_creation_input_tokens: 0, cache_read_input_tokens: 800 });
  });

  test("reads DeepSeek's prompt_cache_hit_tokens and Moonshot's cached_tokens", () => {
    expect(usageFromChat({ prompt_tokens: 100, completion_tokens: 1, prompt_cache_hit_tokens: 60 }, estimate).cache_read_input_tokens).toBe(60);
    expect(usageFromChat({ prompt_tokens: 100, completion_tokens: 1, cached_tokens: 70 }, estimate)).toEqual({
      input_tokens: 30,
      output_tokens: 1,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 70,
    });
  });

  test("reports OpenRouter cache writes and keeps the three input keys summing to prompt_tokens", () => {
    const usage = usageFromChat(
      { prompt_tokens: 3000, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 2048, cache_write_tokens: 500 } },
      estimate,
    );
    expect(usage).toEqual({ input_tokens: 452, output_tokens: 1, cache_creation_input_tokens: 500, cache_read_input_tokens: 2048 });
  });

  test("never reports negative input when cached exceeds prompt tokens", () => {
    expect(usageFromChat({ prompt_tokens: 5, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 9 } }, estimate).input_tokens).toBe(0);
  });

  test("falls back to the estimates for missing figures and always returns all four keys", () => {
    expect(usageFromChat(undefined, estimate)).toEqual({
      input_tokens: 11,
      output_tokens: 3,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
    expect(usageFromChat({ prompt_tokens: null, completion_tokens: 8 }, estimate)).toEqual({
      input_tokens: 11,
      output_tokens: 8,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
  });
});

describe("estimateTokens", () => {
  test("counts about four characters per token, rounding up", () => {
    expect(estimateTokens(0)).toBe(0);
    expect(estimateTokens(1)).toBe(1);
    expect(estimateTokens(8)).toBe(2);
    expect(estimateTokens(9)).toBe(3);
  });
});

describe("usageFromGemini", () => {
  test("takes cached content out of the prompt, adds tool-use prompt tokens and counts thoughts as output", () => {
    expect(
      usageFromGemini(
        { promptTokenCount: 1000, cachedContentTokenCount: 400, toolUsePromptTokenCount: 10, candidatesTokenCount: 40, thoughtsTokenCount: 60 },
        estimate,
      ),
    ).toEqual({ input_tokens: 610, output_tokens: 100, cache_creation_input_tokens: 0, cache_read_input_tokens: 400 });
  });

  test("falls back to estimates when Gemini reports nothing", () => {
    expect(usageFromGemini(undefined, estimate)).toEqual({
      input_tokens: 11,
      output_tokens: 3,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
  });
});
