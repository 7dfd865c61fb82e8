import { describe, expect, test } from "bun:test";
import { cerebras } from "../../src/transformers/cerebras.ts";
import { deepseek } from "../../src/transformers/deepseek.ts";
import { groq } from "../../src/transformers/groq.ts";
import { maxToken } from "../../src/transformers/max-token.ts";
import { vercel } from "../../src/transformers/vercel.ts";
import type { Transformer } from "../../src/transformers/transformer.ts";
import { request } from "../helpers/chat-request.ts";
import type { MessagesRequest } from "../../src/formats/anthropic.ts";

function applyRequest(chain: readonly Transformer[], input: MessagesRequest, model: string): MessagesRequest {
  return chain.reduce((acc, t) => (t.request ? t.request(acc, { provider: "p", model }) : acc), input);
}

describe("deepseek", () => {
  test("clamps max_tokens to 8192 for deepseek-chat but allows 64K for deepseek-reasoner (spec §12 D1)", () => {
    const input = request({ max_tokens: 128000 });
    expect(applyRequest([deepseek(undefined)], input, "deepseek-chat").max_tokens).toBe(8192);
    expect(applyRequest([deepseek(undefined)], input, "deepseek-reasoner").max_tokens).toBe(65536);
    expect(applyRequest([deepseek(undefined)], input, "some-other-model")).toBe(input);
  });

  test("replays reasoning_content and switches thinking with DeepSeek's parameter", () => {
    expect(deepseek(undefined).profile).toEqual({ reasoningParam: "deepseek", reasoningReplay: "reasoning_content" });
  });

  test("composes with maxtoken: the smaller cap wins", () => {
    const out = applyRequest([deepseek(undefined), maxToken({ max_tokens: 4000 })], request({ max_tokens: 128000 }), "deepseek-chat");
    expect(out.max_tokens).toBe(4000);
  });
});

describe("groq", () => {
  test("removes $schema from tool parameters without changing the input", () => {
    const tools = [{ name: "Read", input_schema: { $schema: "http://json-schema.org/draft-07/schema#", type: "object" } }];
    const input = request({ tools });
    const out = applyRequest([groq(undefined)], input, "llama");
    expect(out.tools?.[0]?.input_schema).toEqual({ type: "object" });
    expect(input.tools?.[0]?.input_schema).toHaveProperty("$schema");
  });
});

describe("cerebras and vercel", () => {
  test("cerebras sends max_completion_tokens", () => {
    expect(cerebras(undefined).profile?.maxTokensField).toBe("max_completion_tokens");
    expect(() => cerebras({ x: 1 })).toThrow();
  });

  test("vercel merges its options into the wire body like openrouter", () => {
    const out = vercel({ providerOptions: { gateway: { order: ["bedrock"] } } }).wireRequest?.({ model: "m" }, { provider: "p", model: "m" });
    expect(out).toEqual({ model: "m", providerOptions: { gateway: { order: ["bedrock"] } } });
    expect(vercel(undefined).wireRequest).toBeUndefined();
    expect(vercel(undefined).profile?.reasoningParam).toBe("openrouter");
  });
});
