import { describe, expect, test } from "bun:test";
import { defaultProfile, type Target } from "../../src/providers/adapter.ts";
import { anthropicAdapter, sanitizeToolId } from "../../src/providers/anthropic.ts";
import { SYNTHETIC_SIGNATURE } from "../../src/providers/envelope.ts";
import { parseMessagesRequest } from "../../src/proxy/handle.ts";

const target: Target = { provider: "anth", baseUrl: "https://api.anthropic.com", apiKey: "sk-ant-test", model: "claude-x", profile: { ...defaultProfile, auth: "x-api-key" } };

function wire(body: unknown): Record<string, unknown> {
  // The passthrough adapter returns the request object it will serialize.
  return anthropicAdapter.toWire(parseMessagesRequest(body), target).body as Record<string, unknown>;
}

describe("anthropicAdapter.toWire", () => {
  test("replaces the model and keeps every other field, unknown ones included", () => {
    const out = wire({ model: "anth,claude-x", max_tokens: 5, messages: [{ role: "user", content: "hi" }], context_management: { edits: [] }, system: [{ type: "text", text: "x-anthropic-billing-header: cc_version=1" }] });
    expect(out.model).toBe("claude-x");
    expect(out.context_management).toEqual({ edits: [] });
    expect(out.system).toEqual([{ type: "text", text: "x-anthropic-billing-header: cc_version=1" }]);
  });

  test("restores block types ccr does not model exactly as the client sent them", () => {
    const block = { type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: { query: "q" } };
    const out = wire({ model: "m", max_tokens: 5, messages: [{ role: "assistant", content: [block] }] });
    expect(out.messages).toEqual([{ role: "assistant", content: [block] }]);
  });

  test("strips thinking blocks that carry a ccr envelope instead of an Anthropic signature", () => {
    const out = wire({
      model: "m",
      max_tokens: 5,
      messages: [
        { role: "user", content: "q" },
        { role: "assistant", content: [{ type: "thinking", thinking: "t", signature: SYNTHETIC_SIGNATURE }, { type: "text", text: "a" }] },
        { role: "assistant", content: [{ type: "thinking", thinking: "real", signature: "EqQBCkYIBxgCKkB" }, { type: "text", text: "b" }] },
      ],
    });
    const messages = out.messages as { content: { type: string }[] }[];
    expect(messages[1]?.content.map((b) => b.type)).toEqual(["text"]);
    expect(messages[2]?.content.map((b) => b.type)).toEqual(["thinking", "text"]);
  });

  test("turns thinking off when stripping leaves a tool-use turn without its leading thinking block", () => {
    const out = wire({
      model: "m",
      max_tokens: 5,
      thinking: { type: "enabled", budget_tokens: 2000 },
      messages: [
        { role: "user", content: "q" },
        { role: "assistant", content: [{ type: "thinking", thinking: "t", signature: SYNTHETIC_SIGNATURE }, { type: "tool_use", id: "functions.Read:0", name: "Read", input: {} }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "functions.Read:0", content: "x" }] },
      ],
    });
    expect(out.thinking).toBeUndefined();
    const messages = out.messages as { content: Record<string, unknown>[] }[];
    expect(messages[1]?.content[0]?.id).toBe("functions_Read_0");
    expect(messages[2]?.content[0]?.tool_use_id).toBe("functions_Read_0");
  });
});

describe("anthropicAdapter.headers", () => {
  test("sends the provider key as x-api-key and forwards anthropic-version and anthropic-beta only", () => {
    const client = new Headers({ "anthropic-version": "2023-06-01", "anthropic-beta": "claude-code-20250219", "x-api-key": "client-key", "x-stainless-os": "Linux" });
    const out = anthropicAdapter.headers(target, client);
    expect(out["x-api-key"]).toBe("sk-ant-test");
    expect(out["anthropic-beta"]).toBe("claude-code-20250219");
    expect(Object.values(out)).not.toContain("client-key");
    expect(out["x-stainless-os"]).toBeUndefined();
  });
  test("uses Authorization: Bearer when the profile says so", () => {
    const out = anthropicAdapter.headers({ ...target, profile: { ...target.profile, auth: "bearer" } }, new Headers());
    expect(out.authorization).toBe("Bearer sk-ant-test");
    expect(out["x-api-key"]).toBeUndefined();
  });
});

describe("anthropicAdapter.url", () => {
  test("appends /v1/messages to an API root and keeps a full endpoint", () => {
    expect(anthropicAdapter.url(target, true)).toBe("https://api.anthropic.com/v1/messages");
    expect(anthropicAdapter.url({ ...target, baseUrl: "https://open.bigmodel.cn/api/anthropic/v1/messages" }, true)).toBe("https://open.bigmodel.cn/api/anthropic/v1/messages");
  });
});

describe("sanitizeToolId", () => {
  test("replaces characters Anthropic rejects", () => {
    expect(sanitizeToolId("functions.Read:0")).toBe("functions_Read_0");
    expect(sanitizeToolId("toolu_abc-1")).toBe("toolu_abc-1");
  });
});
