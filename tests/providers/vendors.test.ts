import { describe, expect, test } from "bun:test";
import { vendorProfile } from "../../src/providers/vendors.ts";

describe("vendorProfile", () => {
  test("selects a vendor's quirks by the host of the provider URL", () => {
    expect(vendorProfile("https://api.deepseek.com/chat/completions")).toEqual({ reasoningReplay: "reasoning_content" });
    expect(vendorProfile("https://openrouter.ai/api/v1/chat/completions")).toMatchObject({ cacheControl: "keep" });
    expect(vendorProfile("https://dashscope.aliyuncs.com/compatible-mode/v1")).toEqual({ reasoningParam: "qwen" });
  });

  test("matches Ollama by host and port", () => {
    expect(vendorProfile("http://localhost:11434/v1/chat/completions")).toEqual({ topK: "keep" });
    expect(vendorProfile("http://localhost:8080/v1/chat/completions")).toEqual({});
  });

  test("gives unknown hosts and unparsable URLs no quirks", () => {
    expect(vendorProfile("https://llm.example.com/v1")).toEqual({});
    expect(vendorProfile("not a url")).toEqual({});
  });
});
