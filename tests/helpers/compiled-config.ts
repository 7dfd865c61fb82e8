// Builds a CompiledConfig by hand for unit tests of code that only reads it (routing, server shell).
import { emptySlots } from "../../src/config/compile-routes.ts";
import type { CompiledConfig, CompiledProvider, ModelPlan } from "../../src/config/compiled.ts";
import { defaultProfile, type Adapter } from "../../src/providers/adapter.ts";
import { openAiChatAdapter } from "../../src/providers/openai-chat.ts";

export function plan(adapter: Adapter = openAiChatAdapter): ModelPlan {
  return { adapter, profile: defaultProfile, transformers: [] };
}

export function provider(name: string, models: string[], overrides: Partial<CompiledProvider> = {}): CompiledProvider {
  return { name, baseUrl: "http://127.0.0.1:9/v1/chat/completions", apiKey: "", models, plan: plan(), modelPlans: new Map(), ...overrides };
}

export function compiledConfig(overrides: Partial<CompiledConfig> = {}): CompiledConfig {
  const providers = overrides.providers ?? new Map([["mock", provider("mock", ["gpt-test", "gpt-big"])]]);
  return {
    path: undefined,
    host: "127.0.0.1",
    port: 0,
    apiKey: undefined,
    timeoutMs: 600_000,
    proxyUrl: undefined,
    noProxy: [],
    log: false,
    logLevel: "info",
    bodyLimit: 32 * 1024 * 1024,
    nonInteractive: true,
    retries: 2,
    retryMaxWaitMs: 10_000,
    circuitFailures: 3,
    circuitCooldownMs: 30_000,
    customRouterPath: undefined,
    customRouter: undefined,
    customRouterConfig: {},
    router: { ...emptySlots(), default: { provider: "mock", model: "gpt-test" } },
    secrets: [],
    warnings: [],
    raw: {},
    claudePath: "claude",
    statusLine: undefined,
    fallback: {},
    customTransformers: [],
    rewriteSystemPromptPath: undefined,
    forceUseImageAgent: false,
    smallFastModel: undefined,
    ...overrides,
    providers,
  };
}
