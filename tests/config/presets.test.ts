import { describe, expect, test } from "bun:test";
import * as v from "valibot";
import { compileConfig } from "../../src/config/compile.ts";
import { presetById, providerEntry, providerPresets } from "../../src/config/presets.ts";
import { ProviderSchema } from "../../src/config/schema.ts";

const issued = ["deepseek", "openrouter", "gemini", "anthropic", "ollama", "groq", "siliconflow", "volcengine", "dashscope", "moonshot", "zhipu", "custom"];

describe("providerPresets", () => {
  test("offers every vendor the issue names, with unique ids", () => {
    expect(providerPresets.map((p) => p.id)).toEqual(issued);
  });

  test("gives every preset but custom an http(s) endpoint and at least one model", () => {
    for (const preset of providerPresets.filter((p) => p.id !== "custom")) {
      expect(preset.api_base_url).toMatch(/^https?:\/\//);
      expect(preset.models.length).toBeGreaterThan(0);
    }
  });

  test("names a key variable for every preset that needs a key", () => {
    const keyless = providerPresets.filter((p) => p.keyEnv === undefined).map((p) => p.id);
    expect(keyless).toEqual(["ollama", "custom"]);
    for (const preset of providerPresets) if (preset.keyEnv) expect(preset.keyEnv).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });

  test("compiles each preset's entry into a provider without issues", () => {
    const Providers = providerPresets
      .filter((p) => p.id !== "custom")
      .map((p) => providerEntry(p, { apiKey: p.keyEnv ? `$${p.keyEnv}` : "ollama", models: p.models }));
    const env = Object.fromEntries(providerPresets.flatMap((p) => (p.keyEnv ? [[p.keyEnv, "test-key"]] : [])));
    const config = compileConfig({ Providers }, env);
    expect([...config.providers.keys()]).toEqual(issued.filter((id) => id !== "custom"));
    expect(config.providers.get("gemini")?.plan.adapter.name).toBe("gemini");
    expect(config.providers.get("anthropic")?.plan.adapter.name).toBe("anthropic");
    expect(config.providers.get("deepseek")?.plan.adapter.name).toBe("openai-chat");
  });
});

describe("presetById", () => {
  test("finds a preset case-insensitively and returns undefined for an unknown id", () => {
    expect(presetById("DeepSeek")?.label).toBe("DeepSeek");
    expect(presetById("nope")).toBeUndefined();
  });
});

describe("providerEntry", () => {
  test("writes the CCR v1 shape with the key placeholder kept and the preset's transformers", () => {
    const preset = presetById("deepseek");
    if (!preset) throw new Error("missing preset");
    const entry = providerEntry(preset, { apiKey: "$DEEPSEEK_API_KEY", models: ["deepseek-chat"] });
    expect(entry).toEqual({
      name: "deepseek",
      api_base_url: "https://api.deepseek.com/chat/completions",
      api_key: "$DEEPSEEK_API_KEY",
      models: ["deepseek-chat"],
      transformer: { use: ["deepseek"] },
    });
    expect(v.safeParse(ProviderSchema, entry).success).toBe(true);
  });

  test("uses the given name and URL for a custom provider and omits an empty transformer", () => {
    const preset = presetById("custom");
    if (!preset) throw new Error("missing preset");
    const entry = providerEntry(preset, { name: "mine", apiKey: "$MINE_KEY", models: ["m1"], baseUrl: "http://127.0.0.1:8000/v1" });
    expect(entry).toEqual({ name: "mine", api_base_url: "http://127.0.0.1:8000/v1", api_key: "$MINE_KEY", models: ["m1"] });
  });

  test("copies the preset's lists so editing an entry never changes the preset", () => {
    const preset = presetById("openrouter");
    if (!preset) throw new Error("missing preset");
    const entry = providerEntry(preset, { apiKey: "k", models: preset.models });
    entry.models.push("x");
    entry.transformer?.use.push("maxtoken");
    expect(preset.models).not.toContain("x");
    expect(preset.transformer).toEqual(["openrouter"]);
  });
});
