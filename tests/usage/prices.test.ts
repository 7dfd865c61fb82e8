import { describe, expect, test } from "bun:test";
import { modelInfoFor } from "../../src/usage/model-info.ts";
import { PRICE_TABLE } from "../../src/usage/price-table.ts";
import { builtInModelInfo, costOf, normalizeModel } from "../../src/usage/prices.ts";
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

  test("reads Bedrock ids and Claude Code's [1m] tag", () => {
    expect(normalizeModel("us.anthropic.claude-sonnet-4-5-20250929-v1:0")).toBe("claude-sonnet-4-5");
    expect(normalizeModel("anthropic.claude-haiku-4-5-20251001-v1:0")).toBe("claude-haiku-4-5");
    expect(normalizeModel("claude-opus-4-6[1m]")).toBe("claude-opus-4-6");
  });
});

describe("builtInModelInfo", () => {
  test("knows OpenRouter and native spellings of the same model", () => {
    expect(builtInModelInfo("anthropic/claude-sonnet-4.5")).toEqual(builtInModelInfo("claude-sonnet-4-5-20250929"));
    expect(builtInModelInfo("claude-haiku-4-5")?.price).toEqual({ input: 1, output: 5, cache_read: 0.1, cache_write: 1.25, cache_write_1h: 2 });
    expect(builtInModelInfo("deepseek-chat")?.context_window).toBe(1_048_576);
  });

  test("matches the longest known name followed by a date or version stamp", () => {
    expect(builtInModelInfo("gpt-4.1-mini-2025-04-14")?.price?.input).toBe(0.4);
    expect(builtInModelInfo("gpt-4.1")?.price?.input).toBe(2);
    expect(builtInModelInfo("kimi-k2-0905-preview")?.price?.input).toBe(0.6);
    expect(builtInModelInfo("gemini-2.5-flash-lite")?.price?.input).toBe(0.1);
    expect(builtInModelInfo("gemini-2.5-flash-preview-09-2025")?.price?.input).toBe(0.3);
  });

  test("does not lend a model's price to a newer version or a smaller sibling it does not know", () => {
    // `claude-opus-4` must not price an unknown `claude-opus-4-9` at the old $15/$75, nor `gpt-5` a `gpt-5.9`.
    expect(builtInModelInfo("claude-opus-4-9")).toBeUndefined();
    expect(builtInModelInfo("gpt-5.9")).toBeUndefined();
    expect(builtInModelInfo("gpt-5-codex-mini")).toBeUndefined();
    expect(builtInModelInfo("kimi-k2.5")).toBeUndefined();
    expect(builtInModelInfo("o3-deep-research")).toBeUndefined();
  });

  test("prices OpenRouter :free variants at zero", () => {
    expect(builtInModelInfo("qwen/qwen3-coder:free")?.price).toEqual({ input: 0, output: 0 });
  });

  test("knows a context window without a price when the price could not be confirmed", () => {
    expect(builtInModelInfo("llama-3.3-70b-versatile")).toEqual({ context_window: 131_072 });
  });

  test("is undefined for a model it does not know", () => {
    expect(builtInModelInfo("my-local-llama")).toBeUndefined();
    expect(builtInModelInfo("gpt-4.10")).toBeUndefined();
  });

  test("has one entry per model name and no negative price", () => {
    const names = PRICE_TABLE.map((r) => normalizeModel(r.name));
    expect(new Set(names).size).toBe(names.length);
    for (const row of PRICE_TABLE) {
      const values = row.price ? [row.price.input, row.price.output, row.price.cache_read ?? 0, row.price.cache_write ?? 0] : [];
      for (const v of values) expect(v).toBeGreaterThanOrEqual(0);
    }
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

  test("re-prices the whole request once the prompt, cache reads and writes included, passes a tier", () => {
    const sonnet = builtInModelInfo("claude-sonnet-4-5")?.price;
    const short = { input: 1000, output: 1000, cacheRead: 199_000, cacheWrite: 0 };
    expect(costOf(short, sonnet)).toBeCloseTo((1000 * 3 + 1000 * 15 + 199_000 * 0.3) / 1e6, 12);
    const long = { ...short, cacheWrite: 1000 };
    expect(costOf(long, sonnet)).toBeCloseTo((1000 * 6 + 1000 * 22.5 + 199_000 * 0.6 + 1000 * 7.5) / 1e6, 12);
  });

  test("charges cache writes with the 1-hour TTL at their own price, the rest at the 5-minute price", () => {
    const opus = builtInModelInfo("claude-opus-4-5")?.price;
    const counts = { input: 10, output: 10, cacheRead: 0, cacheWrite: 3000, cacheWrite1h: 2000 };
    expect(costOf(counts, opus)).toBeCloseTo((10 * 5 + 10 * 25 + 1000 * 6.25 + 2000 * 10) / 1e6, 12);
    // Without a 1-hour price (a config override) those writes cost the ordinary write price.
    expect(costOf(counts, { input: 1, output: 1, cache_write: 2 })).toBeCloseTo((10 + 10 + 3000 * 2) / 1e6, 12);
  });

  test("doubles DeepSeek's rates on weekdays in its peak hours and only then", () => {
    const flash = builtInModelInfo("deepseek-flash")?.price;
    const counts = { input: 1_000_000, output: 1_000_000, cacheRead: 1_000_000, cacheWrite: 0 };
    const offPeak = 0.15 + 0.6 + 0.003;
    expect(costOf(counts, flash, Date.UTC(2026, 11, 3, 7, 30))).toBeCloseTo(2 * offPeak, 10); // Thursday 07:30 UTC
    expect(costOf(counts, flash, Date.UTC(2026, 11, 3, 2, 0))).toBeCloseTo(2 * offPeak, 10); // Thursday 02:00 UTC
    expect(costOf(counts, flash, Date.UTC(2026, 11, 3, 4, 0))).toBeCloseTo(offPeak, 10); // Thursday 04:00 UTC
    expect(costOf(counts, flash, Date.UTC(2026, 11, 3, 10, 0))).toBeCloseTo(offPeak, 10); // Thursday 10:00 UTC
    expect(costOf(counts, flash, Date.UTC(2026, 11, 5, 7, 30))).toBeCloseTo(offPeak, 10); // Saturday
    expect(costOf(counts, flash)).toBeCloseTo(offPeak, 10);
  });

  test("is null for a prompt longer than the last confirmed tier", () => {
    const qwen = builtInModelInfo("qwen3-max")?.price;
    expect(costOf({ input: 10_000, output: 100, cacheRead: 0, cacheWrite: 0 }, qwen)).toBeCloseTo((10_000 * 1.2 + 100 * 6) / 1e6, 12);
    expect(costOf({ input: 40_000, output: 100, cacheRead: 0, cacheWrite: 0 }, qwen)).toBeNull();
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
