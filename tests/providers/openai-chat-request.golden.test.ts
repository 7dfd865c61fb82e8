import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import * as v from "valibot";
import { MessagesRequestSchema, type MessagesRequest } from "../../src/formats/anthropic.ts";
import type { ChatMessage } from "../../src/formats/openai-chat.ts";
import type { Profile } from "../../src/providers/adapter.ts";
import { convert } from "../helpers/chat-request.ts";
import { expectGoldenJson, readFixtureJson } from "../helpers/golden.ts";

const DIR = join(import.meta.dir, "../fixtures/providers/openai-chat");

/** A fixture's Anthropic body; captures of real Claude Code traffic wrap it as `{ _comment, method, headers, body }`. */
function loadRequest(name: string): MessagesRequest {
  const raw = readFixtureJson(join(DIR, name, "request.json"));
  const body = typeof raw === "object" && raw !== null && "body" in raw && "method" in raw ? raw.body : raw;
  return v.parse(MessagesRequestSchema, body);
}

function textOf(message: ChatMessage | undefined): string {
  const content = message?.content;
  if (typeof content === "string") return content;
  return (content ?? []).map((part) => (part.type === "text" ? part.text : "")).join("\n");
}

const OPENAI: Partial<Profile> = { maxOutputTokens: 32768, reasoningParam: "reasoning_effort" };
const DEEPSEEK: Partial<Profile> = { maxOutputTokens: 8192, reasoningParam: "deepseek", reasoningReplay: "reasoning_content" };
const OPENROUTER: Partial<Profile> = {
  inlineSystem: "in_place",
  cacheControl: "keep",
  topK: "keep",
  supportsFiles: true,
  reasoningParam: "openrouter",
  reasoningReplay: "reasoning_details",
};

const CASES: [name: string, profile: Partial<Profile>][] = [
  ["cc-print-first-turn", OPENAI],
  ["cc-tool-result-turn", DEEPSEEK],
  ["cc-session-title", {}],
  ["history-repair-media", OPENROUTER],
];

describe("toOpenAiChat golden files", () => {
  test.each(CASES)("converts %s as wire-request.json records", (name, profile) => {
    const { body } = convert(loadRequest(name), profile);
    expectGoldenJson(join(DIR, name, "wire-request.json"), body);
  });
});

describe("toOpenAiChat on real Claude Code traffic", () => {
  test("puts the environment system message into the system prompt and drops the billing header", () => {
    const { body } = convert(loadRequest("cc-print-first-turn"), OPENAI);
    const [system, ...rest] = body.messages;
    expect(system?.role).toBe("system");
    expect(textOf(system)).toStartWith("You are a Claude agent, built on Anthropic's Claude Agent SDK.\n");
    expect(textOf(system)).toContain("# Environment\nYou have been invoked in the following environment");
    expect(textOf(system)).not.toContain("x-anthropic-billing-header");
    expect(rest.map((message) => message.role)).toEqual(["user"]);
  });

  test("sends a first-turn body an OpenAI model accepts", () => {
    const { body } = convert(loadRequest("cc-print-first-turn"), OPENAI);
    expect(body.max_tokens).toBe(32768);
    expect(body.reasoning_effort).toBe("medium");
    expect(body.tools?.map((tool) => tool.function.name)).not.toContain("DeferredToolPlaceholder");
    expect(body.tools).toHaveLength(11);
    expect(JSON.stringify(body.tools)).not.toContain("$schema");
    expect(Object.keys(body)).not.toContain("metadata");
    expect(Object.keys(body)).not.toContain("context_management");
  });

  test("avoids every bug CCR 1.0.73 shows on the tool-result turn", () => {
    const ccr = readFixtureJson(join(DIR, "cc-tool-result-turn", "ccr-1.0.73-wire-request.json"));
    const ccrText = JSON.stringify(ccr);
    const { body } = convert(loadRequest("cc-tool-result-turn"), DEEPSEEK);
    const ours = JSON.stringify(body);
    // CCR lost the environment message, forwarded the billing header, the placeholder tool, tool cache_control and a fake reasoning object.
    const found = (text: string) => [ccrText.includes(text), ours.includes(text)];
    expect(found("Primary working directory: /home/user/project")).toEqual([false, true]);
    expect(found("x-anthropic-billing-header")).toEqual([true, false]);
    expect(found('"name":"DeferredToolPlaceholder"')).toEqual([true, false]);
    expect(found('"reasoning":{"effort":"high","enabled":false}')).toEqual([true, false]);
    expect(found("cache_control")).toEqual([true, false]);
    expect(body).not.toHaveProperty("reasoning");
    expect(body.thinking).toEqual({ type: "enabled" });
    expect(body.reasoning_effort).toBe("high");
    expect(body.max_tokens).toBe(8192);
    expect(body.messages.slice(1).map((message) => message.role)).toEqual(["user", "assistant", "tool"]);
    expect(body.messages.at(-1)).toEqual({
      role: "tool",
      tool_call_id: "toolu_NONCE_0_0",
      content: "File created successfully at: /home/user/project/hello.txt (file state is current in your context — no need to Read it back)",
    });
  });

  test("sends the session-title schema as a json_schema response_format", () => {
    const { body } = convert(loadRequest("cc-session-title"), {});
    expect(body.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "response", schema: { required: ["title"] } } });
    expect(body).not.toHaveProperty("tools");
  });
});
