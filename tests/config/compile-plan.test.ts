import { describe, expect, test } from "bun:test";
import { compileConfig } from "../../src/config/compile.ts";
import type { CompiledProvider } from "../../src/config/compiled.ts";
import { ConfigError } from "../../src/errors.ts";
import { defaultProfile } from "../../src/providers/adapter.ts";
import { anthropicAdapter } from "../../src/providers/anthropic.ts";
import { openAiChatAdapter } from "../../src/providers/openai-chat.ts";

function compileProvider(transformer: unknown, models = ["deepseek-chat", "deepseek-reasoner"]): CompiledProvider {
  const provider = { name: "deepseek", api_base_url: "https://api.deepseek.com/chat/completions", api_key: "k", models, transformer };
  const compiled = compileConfig({ Providers: [provider] }, {}).providers.get("deepseek");
  if (compiled === undefined) throw new Error("provider not compiled");
  return compiled;
}

function issuesOf(transformer: unknown): ConfigError["issues"] {
  try {
    compileProvider(transformer);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("transformer chains", () => {
  test("uses the OpenAI Chat adapter and the vendor's profile defaults without transformers", () => {
    const provider = compileProvider(undefined);
    expect(provider.plan.adapter).toBe(openAiChatAdapter);
    // api.deepseek.com needs reasoning_content replayed (src/providers/vendors.ts).
    expect(provider.plan.profile).toEqual({ ...defaultProfile, reasoningReplay: "reasoning_content" });
    expect(provider.plan.transformers).toEqual([]);
    expect(provider.modelPlans.size).toBe(0);
  });

  test("selects the Anthropic adapter for `Anthropic` in any letter case, with x-api-key or bearer auth", () => {
    const plain = compileProvider({ use: ["anthropic"] });
    expect(plain.plan.adapter).toBe(anthropicAdapter);
    expect(plain.plan.profile.auth).toBe("x-api-key");
    const bearer = compileProvider({ use: [["Anthropic", { UseBearer: true }]] });
    expect(bearer.plan.profile.auth).toBe("bearer");
  });

  test("merges transformer profiles over the default profile in order", () => {
    const provider = compileProvider({ use: ["openrouter", "cleancache", "maxcompletiontokens"] });
    expect(provider.plan.profile).toEqual({
      ...defaultProfile,
      cacheControl: "drop",
      reasoningParam: "openrouter",
      reasoningReplay: "reasoning_details",
      inlineSystem: "in_place",
      topK: "keep",
      maxTokensField: "max_completion_tokens",
    });
  });

  test("runs model-level transformers after the provider-level ones", () => {
    const provider = compileProvider({
      use: ["deepseek", ["maxtoken", { max_tokens: 8192 }]],
      "deepseek-reasoner": { use: ["reasoning", "sampling"] },
    });
    expect(provider.plan.transformers.map((t) => t.name)).toEqual(["deepseek", "maxtoken"]);
    expect(provider.modelPlans.get("deepseek-reasoner")?.transformers.map((t) => t.name)).toEqual([
      "deepseek",
      "maxtoken",
      "reasoning",
      "sampling",
    ]);
    expect(provider.modelPlans.has("deepseek-chat")).toBe(false);
  });

  test("selects the Anthropic adapter for one model when only its own chain names Anthropic", () => {
    const provider = compileProvider({ "deepseek-chat": { use: ["Anthropic"] } });
    expect(provider.plan.adapter).toBe(openAiChatAdapter);
    expect(provider.modelPlans.get("deepseek-chat")?.adapter).toBe(anthropicAdapter);
  });

  test("rejects an unknown transformer, naming provider, model and transformer, with a suggestion", () => {
    expect(issuesOf({ "deepseek-chat": { use: ["deepseeek"] }, use: ["nonsense"] })).toEqual([
      { path: "Providers[0].transformer.use[0]", message: 'unknown transformer "nonsense" (provider "deepseek", all models)' },
      {
        path: "Providers[0].transformer.deepseek-chat.use[0]",
        message: 'unknown transformer "deepseeek" (provider "deepseek", model "deepseek-chat") (did you mean "deepseek"?)',
      },
    ]);
  });

  test("fills vertex-gemini options from the GOOGLE_* environment variables, options first", () => {
    const use = [["vertex-gemini", { location: "europe-west4" }]];
    const provider = { name: "vertex", api_base_url: "https://aiplatform.googleapis.com", models: ["gemini-2.5-pro"], transformer: { use } };
    const env = { GOOGLE_CLOUD_PROJECT: "proj-1", GOOGLE_CLOUD_LOCATION: "us-central1", GOOGLE_APPLICATION_CREDENTIALS: "/keys/sa.json" };
    const plan = compileConfig({ Providers: [provider] }, env).providers.get("vertex")?.plan;
    expect(plan?.adapter.name).toBe("vertex-gemini");
    expect(plan?.profile.auth).toBe("google-oauth");
    expect(plan?.profile.vertex).toEqual({ project: "proj-1", location: "europe-west4", credentials: "/keys/sa.json" });
  });

  test("rejects a vertex-claude transformer with no project anywhere, naming the environment variable", () => {
    const provider = { name: "vertex", api_base_url: "https://aiplatform.googleapis.com", models: ["m"], transformer: { use: ["vertex-claude"] } };
    let issues: ConfigError["issues"] = [];
    try {
      compileConfig({ Providers: [provider] }, { GOOGLE_APPLICATION_CREDENTIALS: "/keys/sa.json" });
    } catch (err) {
      if (err instanceof ConfigError) issues = err.issues;
    }
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe("Providers[0].transformer.use[0]");
    expect(issues[0]?.message).toContain("options.project");
    expect(issues[0]?.message).toContain("GOOGLE_CLOUD_PROJECT");
  });

  test("applies a vendor profile before the transformer profiles", () => {
    const provider = compileProvider({ use: ["cleancache"] });
    expect(provider.plan.profile.reasoningReplay).toBe("reasoning_content");
    expect(provider.modelPlans.size).toBe(0);
    const merged = compileProvider({ use: ["openrouter"] });
    expect(merged.plan.profile.reasoningReplay).toBe("reasoning_details");
  });

  test("rejects options that do not fit a transformer, naming provider, model and transformer", () => {
    expect(issuesOf({ use: [["maxtoken", { max_tokens: "lots" }]], "deepseek-chat": { use: [["deepseek", { fast: true }]] } })).toEqual([
      {
        path: "Providers[0].transformer.use[0]",
        message: 'transformer "maxtoken" (provider "deepseek", all models): options.max_tokens: expected a number, got "lots"',
      },
      {
        path: "Providers[0].transformer.deepseek-chat.use[0]",
        message: 'transformer "deepseek" (provider "deepseek", model "deepseek-chat"): options.fast: unknown key',
      },
    ]);
  });

  test("rejects a maxtoken entry without options", () => {
    expect(issuesOf({ use: ["maxtoken"] })[0]?.message).toBe(
      'transformer "maxtoken" (provider "deepseek", all models): options: required field is missing',
    );
  });

  test("rejects a use entry that is neither a name nor a [name, options] pair", () => {
    expect(issuesOf({ use: [42] })).toEqual([
      { path: "Providers[0].transformer.use[0]", message: 'expected a transformer name or ["name", {options}], got 42' },
    ]);
  });
});
