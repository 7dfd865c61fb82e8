import { describe, expect, test } from "bun:test";
import type { MessagesRequest } from "../../src/formats/anthropic.ts";
import { findTransformer, transformerRegistry } from "../../src/transformers/registry.ts";
import type { Transformer } from "../../src/transformers/transformer.ts";

const ctx = { provider: "p", model: "m" };

function request(overrides: Partial<MessagesRequest> = {}): MessagesRequest {
  return { model: "m", max_tokens: 32000, messages: [{ role: "user", content: "hi" }], ...overrides };
}

function build(name: string, options?: unknown): Transformer {
  const factory = findTransformer(name);
  if (factory === undefined) throw new Error(`no transformer ${name}`);
  return factory(options);
}

describe("transformer registry", () => {
  test("finds CCR names case-insensitively", () => {
    expect(build("Anthropic").name).toBe("Anthropic");
    expect(build("MaxToken", { max_tokens: 1 }).name).toBe("maxtoken");
    expect(findTransformer("no-such-transformer")).toBeUndefined();
  });

  test("registers every built-in under a lower-case key", () => {
    for (const key of transformerRegistry.keys()) expect(key).toBe(key.toLowerCase());
    expect([...transformerRegistry.keys()]).toEqual(
      expect.arrayContaining([
        "anthropic",
        "cerebras",
        "cleancache",
        "customparams",
        "deepseek",
        "enhancetool",
        "extrathinktag",
        "forcereasoning",
        "groq",
        "maxcompletiontokens",
        "maxtoken",
        "openai",
        "openrouter",
        "reasoning",
        "sampling",
        "streamoptions",
        "tooluse",
        "vercel",
      ]),
    );
  });
});

describe("maxtoken", () => {
  test("caps max_tokens above the limit and leaves smaller requests as they are", () => {
    const maxtoken = build("maxtoken", { max_tokens: 8192 });
    expect(maxtoken.request?.(request(), ctx).max_tokens).toBe(8192);
    const small = request({ max_tokens: 100 });
    expect(maxtoken.request?.(small, ctx)).toBe(small);
  });
});

describe("sampling", () => {
  test("overrides only the configured sampling parameters", () => {
    const out = build("sampling", { temperature: 0.6, top_k: 20 }).request?.(request({ temperature: 1, top_p: 0.9 }), ctx);
    expect([out?.temperature, out?.top_p, out?.top_k]).toEqual([0.6, 0.9, 20]);
  });

  test("puts repetition_penalty into the wire body", () => {
    expect(build("sampling", { repetition_penalty: 1.1 }).wireRequest?.({ model: "m" }, ctx)).toEqual({
      model: "m",
      repetition_penalty: 1.1,
    });
  });
});

describe("customparams and openrouter", () => {
  test("customparams deep-merges its options into the wire body without changing the input", () => {
    const body = { model: "m", chat_template_kwargs: { a: 1 }, stop: ["x"] };
    const out = build("customparams", { chat_template_kwargs: { enable_thinking: false }, stop: ["y"] }).wireRequest?.(body, ctx);
    expect(out).toEqual({ model: "m", chat_template_kwargs: { a: 1, enable_thinking: false }, stop: ["y"] });
    expect(body).toEqual({ model: "m", chat_template_kwargs: { a: 1 }, stop: ["x"] });
  });

  test("openrouter merges its options (e.g. provider routing) into the wire body", () => {
    const out = build("openrouter", { provider: { only: ["anthropic"] } }).wireRequest?.({ model: "m" }, ctx);
    expect(out).toEqual({ model: "m", provider: { only: ["anthropic"] } });
    expect(build("openrouter").wireRequest).toBeUndefined();
  });
});

describe("profiles", () => {
  test("deepseek, reasoning and maxcompletiontokens switch on their profile quirks", () => {
    expect(build("deepseek").profile).toEqual({ reasoningParam: "deepseek", reasoningReplay: "reasoning_content" });
    expect(build("reasoning", { enable: true }).profile).toEqual({ reasoningParam: "qwen", reasoningReplay: "reasoning_content" });
    expect(build("maxcompletiontokens").profile).toEqual({ maxTokensField: "max_completion_tokens" });
  });

  test("reasoning with enable false always sends enable_thinking false, like CCR", () => {
    const off = build("reasoning", { enable: false });
    expect(off.profile?.reasoningParam).toBe("none");
    expect(off.wireRequest?.({ model: "m", enable_thinking: true }, ctx)).toEqual({ model: "m", enable_thinking: false });
    expect(build("reasoning").wireRequest).toBeUndefined();
  });

  test("transformers without options accept an empty object and reject any key", () => {
    expect(build("groq", {}).name).toBe("groq");
    expect(() => build("streamoptions", { include_usage: true })).toThrow();
  });
});
