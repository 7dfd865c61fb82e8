import { describe, expect, test } from "bun:test";
import { builtInModelInfo, costOf, normalizeModel } from "../../src/usage/prices.ts";
import { modelInfoFor } from "../../src/usage/model-info.ts";
import { compiledConfig } from "../helpers/compiled-config.ts";

describe("normalizeModel", () => {
  test("drops the vendor prefix, routing suffix and date stamp and turns version dots into dashes", () => {
    expect(normalizeModel("anthropic/claude-sonnet-4.5")).toBe("claude-sonnet-4-5");
    expect(normalizeModel("claude-sonnet-4-5-20250929")).toBe("claude-sonnet-4-5");
    expect(normalizeModel("claude-sonnet-4-5@20250929")).toBe("claude-sonnet-4-5");
    expect(normalizeModel("gpt-4.1-mini-2025-04-14")).toBe("gpt-4-1-mini");
    expect(normalizeModel("deepseek/deepseek-chat:free")).toBe("deepseek-chat");
    expect(normalizeModel("gemini-3-pro-preview")).toBe("gemini-3-pro");
  });
});

describe("builtInModelInfo", () => {
  test("knows OpenRouter and native spellings of the same model", () => {
    expect(builtInModelInfo("anthropic/claude-sonnet-4.5")).toEqual(builtInModelInfo("claude-sonnet-4-5-20250929"));
    expect(builtInModelInfo("claude-sonnet-4-5")?.price).toEqual({ input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 });
    expect(builtInModelInfo("deepseek-chat")?.context_window).toBe(128_000);
  });

  test("matches the longest known name followed by a dash", () => {
    expect(builtInModelInfo("gpt-4.1-mini-2025-04-14")?.price?.input).toBe(0.4);
    expect(builtInModelInfo("gpt-4.1")?.price?.input).toBe(2);
    expect(builtInModelInfo("kimi-k2-0905-preview")?.price?.input).toBe(0.6);
    expect(builtInModelInfo("gemini-2.5-flash-lite")?.price?.input).toBe(0.1);
  });

  test("prices OpenRouter :free variants at zero", () => {
    expect(builtInModelInfo("qwen/qwen3-coder:free")?.price).toEqual({ input: 0, output: 0 });
  });

  test("is undefined for a model it does not know", () => {
    expect(builtInModelInfo("my-local-llama")).toBeUndefined();
    expect(builtInModelInfo("gpt-4.10")).toBeUndefined();
  });
});

describe("costOf", () => {
  const tokens = { input: 1_000_000, output: 100_000, cacheRead: 2_000_000, cacheWrite: 10_000 };

  test("charges each kind of token at its price per million", () => {
    expect(costOf(tokens, { input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 })).toBeCloseTo(3 + 1.5 + 0.6 + 0.0375, 10);
  });

  test("charges cache tokens at the input price when the model has no cache prices", () => {
    expect(costOf(tokens, { input: 1, output: 2 })).toBeCloseTo(1 + 0.2 + 2 + 0.01, 10);
  });

  test("is null, never 0, when the price or the token counts are unknown", () => {
    expect(costOf(tokens, undefined)).toBeNull();
    expect(costOf({ ...tokens, output: null }, { input: 1, output: 1 })).toBeNull();
  });
});

describe("modelInfoFor", () => {
  test("prefers the config's model_info field by field over the built-in table", () => {
    const config = compiledConfig({ modelInfo: new Map([["or,anthropic/claude-sonnet-4.5", { price: { input: 1, output: 2 } }]]) });
    expect(modelInfoFor(config, "or", "anthropic/claude-sonnet-4.5")).toEqual({ price: { input: 1, output: 2 }, context_window: 200_000 });
    expect(modelInfoFor(config, "other", "anthropic/claude-sonnet-4.5").price?.input).toBe(3);
    expect(modelInfoFor(config, "or", "unknown-model")).toEqual({ price: undefined, context_window: undefined });
  });
});
