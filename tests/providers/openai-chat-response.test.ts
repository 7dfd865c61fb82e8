import { describe, expect, test } from "bun:test";
import { ProviderError } from "../../src/errors.ts";
import { SYNTHETIC_SIGNATURE, decodeEnvelope } from "../../src/providers/envelope.ts";
import { fromOpenAiChat } from "../../src/providers/openai-chat-response.ts";
import { responseContext } from "../helpers/chat-stream-run.ts";

function body(message: object, extra: object = {}, choice: object = {}): object {
  return {
    id: "chatcmpl-1",
    object: "chat.completion",
    model: "up-model",
    choices: [{ index: 0, message: { role: "assistant", ...message }, finish_reason: "stop", ...choice }],
    usage: { prompt_tokens: 20, completion_tokens: 5 },
    ...extra,
  };
}

function thrown(fn: () => unknown): ProviderError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProviderError) return err;
    throw err;
  }
  throw new Error("expected a ProviderError");
}

const ctx = responseContext();

describe("fromOpenAiChat", () => {
  test("converts a text answer with id, model, stop and usage", () => {
    const message = fromOpenAiChat(body({ content: "Hello!" }), ctx);
    expect(message.id).toMatch(/^msg_[0-9A-Za-z]{24}$/);
    expect(message).toMatchObject({
      type: "message",
      role: "assistant",
      model: "up-model",
      content: [{ type: "text", text: "Hello!" }],
      stop_reason: "end_turn",
      stop_sequence: null,
      usage: { input_tokens: 20, output_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
  });

  test("puts thinking first, with a non-empty signature, then text, then tool calls", () => {
    const message = fromOpenAiChat(
      body(
        {
          content: "Let me look.",
          reasoning_content: "The user wants a file.",
          tool_calls: [{ id: "call_1", type: "function", function: { name: "Read", arguments: '{"file_path":"/a"}' } }],
        },
        {},
        { finish_reason: "tool_calls" },
      ),
      ctx,
    );
    expect(message.content).toEqual([
      { type: "thinking", thinking: "The user wants a file.", signature: SYNTHETIC_SIGNATURE },
      { type: "text", text: "Let me look." },
      { type: "tool_use", id: "call_1", name: "Read", input: { file_path: "/a" } },
    ]);
    expect(message.stop_reason).toBe("tool_use");
  });

  test("reads reasoning from `reasoning` and from reasoning_details text", () => {
    expect(fromOpenAiChat(body({ content: "x", reasoning: "via reasoning" }), ctx).content[0]).toMatchObject({
      type: "thinking",
      thinking: "via reasoning",
    });
    const details = [
      { type: "reasoning.text", text: "part one, ", index: 0, format: "unknown" },
      { type: "reasoning.text", text: "part two", index: 1, format: "unknown" },
    ];
    const thinking = fromOpenAiChat(body({ content: "x", reasoning_details: details }), ctx).content[0];
    if (thinking?.type !== "thinking") throw new Error("no thinking block");
    expect(thinking.thinking).toBe("part one, part two");
    expect(decodeEnvelope(thinking.signature)).toEqual({ v: 1, p: "openrouter", details });
  });

  test("keeps a real Anthropic signature from reasoning_details", () => {
    const details = [{ type: "reasoning.text", text: "t", signature: "ErUBCkYIBBgC", format: "anthropic-claude-v1", index: 0 }];
    expect(fromOpenAiChat(body({ content: "x", reasoning_details: details }), ctx).content[0]).toEqual({
      type: "thinking",
      thinking: "t",
      signature: "ErUBCkYIBBgC",
    });
  });

  test("turns encrypted reasoning without text into redacted_thinking", () => {
    const details = [{ type: "reasoning.encrypted", data: "gAAAA", index: 0, format: "openai-responses-v1" }];
    const [first, second] = fromOpenAiChat(body({ content: "x", reasoning_details: details }), ctx).content;
    if (first?.type !== "redacted_thinking") throw new Error("no redacted block");
    expect(decodeEnvelope(first.data)).toEqual({ v: 1, p: "openrouter", details });
    expect(second).toEqual({ type: "text", text: "x" });
  });

  test("joins array content parts with no separator and skips whitespace-only text", () => {
    expect(fromOpenAiChat(body({ content: [{ type: "text", text: "a" }, { type: "text", text: "b" }] }), ctx).content).toEqual([
      { type: "text", text: "ab" },
    ]);
    expect(fromOpenAiChat(body({ content: "  \n\n " }), ctx).content).toEqual([]);
  });

  test("turns a refusal into text and stops with refusal", () => {
    const message = fromOpenAiChat(body({ content: null, refusal: "I can't do that." }), ctx);
    expect(message.content).toEqual([{ type: "text", text: "I can't do that." }]);
    expect(message.stop_reason).toBe("refusal");
  });

  test("parses tool arguments leniently, accepts object arguments, and restores tool names", () => {
    const message = fromOpenAiChat(
      body(
        {
          content: null,
          tool_calls: [
            { id: "a", type: "function", function: { name: "Bash", arguments: '{"command": "ls",}' } },
            { id: "b", type: "function", function: { name: "mcp__x__y_1234", arguments: { q: 1 } } },
            { id: "c", type: "function", function: { name: "Read", arguments: "not json" } },
            { id: "d", type: "function", function: { name: "Read", arguments: "[1]" } },
          ],
        },
        {},
        { finish_reason: "stop" },
      ),
      responseContext({ toolNames: new Map([["mcp__x__y_1234", "mcp__x__y.z"]]) }),
    );
    expect(message.content).toEqual([
      { type: "tool_use", id: "a", name: "Bash", input: { command: "ls" } },
      { type: "tool_use", id: "b", name: "mcp__x__y.z", input: { q: 1 } },
      { type: "tool_use", id: "c", name: "Read", input: {} },
      { type: "tool_use", id: "d", name: "Read", input: {} },
    ]);
    expect(message.stop_reason).toBe("tool_use");
  });

  test("keeps tool calls without ids apart and gives each a unique toolu_ id", () => {
    const message = fromOpenAiChat(
      body({
        tool_calls: [
          { type: "function", function: { name: "A", arguments: '{"i":1}' } },
          { id: "", type: "function", function: { name: "B", arguments: '{"i":2}' } },
          { id: "dup", type: "function", function: { name: "C", arguments: '{"i":3}' } },
          { id: "dup", type: "function", function: { name: "D", arguments: '{"i":4}' } },
        ],
      }),
      ctx,
    );
    const tools = message.content.flatMap((b) => (b.type === "tool_use" ? [b] : []));
    expect(tools.map((t) => [t.name, t.input])).toEqual([
      ["A", { i: 1 }],
      ["B", { i: 2 }],
      ["C", { i: 3 }],
      ["D", { i: 4 }],
    ]);
    expect(tools[0]?.id).toMatch(/^toolu_[0-9A-Za-z]{24}$/);
    expect(new Set(tools.map((t) => t.id)).size).toBe(4);
  });

  test("maps finish reasons, including a vLLM stop string", () => {
    expect(fromOpenAiChat(body({ content: "x" }, {}, { finish_reason: "length" }), ctx).stop_reason).toBe("max_tokens");
    expect(fromOpenAiChat(body({ content: "x" }, {}, { finish_reason: "content_filter" }), ctx).stop_reason).toBe("refusal");
    expect(fromOpenAiChat(body({ content: "x" }, {}, { finish_reason: null }), ctx).stop_reason).toBe("end_turn");
    const vllm = fromOpenAiChat(body({ content: "x" }, {}, { stop_reason: "STOP!" }), ctx);
    expect([vllm.stop_reason, vllm.stop_sequence]).toEqual(["stop_sequence", "STOP!"]);
  });

  test("maps cached usage and estimates usage when the upstream sends none", () => {
    const cached = fromOpenAiChat(body({ content: "x" }, { usage: { prompt_tokens: 100, completion_tokens: 3, prompt_tokens_details: { cached_tokens: 64 } } }), ctx);
    expect(cached.usage).toEqual({ input_tokens: 36, output_tokens: 3, cache_creation_input_tokens: 0, cache_read_input_tokens: 64 });
    const estimated = fromOpenAiChat(body({ content: "12345678" }, { usage: undefined }), responseContext({ inputTokens: 42 }));
    expect(estimated.usage).toEqual({ input_tokens: 42, output_tokens: 2, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
  });

  test("echoes the context model when the upstream names none", () => {
    expect(fromOpenAiChat(body({ content: "x" }, { model: undefined }), ctx).model).toBe("ctx-model");
  });

  test("does not fabricate web search blocks from annotations", () => {
    const annotations = [{ type: "url_citation", url_citation: { url: "https://x", title: "X", start_index: 0, end_index: 1 } }];
    expect(fromOpenAiChat(body({ content: "x", annotations }), ctx).content).toEqual([{ type: "text", text: "x" }]);
  });

  test("does not change the body it was given", () => {
    const input = body({ content: "x", tool_calls: [{ type: "function", function: { name: "A", arguments: "{}" } }] });
    const before = JSON.stringify(input);
    fromOpenAiChat(input, ctx);
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe("fromOpenAiChat: errors", () => {
  test("throws 502 api_error when there are no choices", () => {
    expect(thrown(() => fromOpenAiChat({ id: "x", choices: [] }, ctx))).toMatchObject({ status: 502, type: "api_error" });
    expect(thrown(() => fromOpenAiChat({ id: "x" }, ctx))).toMatchObject({ status: 502, type: "api_error" });
  });

  test("throws 502 api_error for a body that is not a chat response", () => {
    expect(thrown(() => fromOpenAiChat("<html>", ctx))).toMatchObject({ status: 502, type: "api_error" });
    expect(thrown(() => fromOpenAiChat({ choices: "nope" }, ctx))).toMatchObject({ status: 502, type: "api_error" });
  });

  test("throws the error a 200 body carries, with its numeric code as status", () => {
    const err = thrown(() => fromOpenAiChat({ error: { message: "Rate limited", code: 429 } }, ctx));
    expect(err).toMatchObject({ status: 429, type: "rate_limit_error", message: "Rate limited", provider: "test" });
  });

  test("throws 400 'prompt is too long' for a context overflow in a 200 body", () => {
    const err = thrown(() => fromOpenAiChat({ error: { message: "This model's maximum context length is 8k", code: "context_length_exceeded" } }, ctx));
    expect(err).toMatchObject({ status: 400, type: "invalid_request_error", message: "prompt is too long: This model's maximum context length is 8k" });
  });

  test("throws the choice's error when finish_reason is error (OpenRouter)", () => {
    const err = thrown(() => fromOpenAiChat(body({ content: "" }, {}, { finish_reason: "error", error: { code: 503, message: "down" } }), ctx));
    expect(err).toMatchObject({ status: 503, type: "overloaded_error", message: "down" });
  });

  test("throws overloaded_error for DeepSeek's insufficient_system_resource", () => {
    const err = thrown(() => fromOpenAiChat(body({ content: "x" }, {}, { finish_reason: "insufficient_system_resource" }), ctx));
    expect(err.type).toBe("overloaded_error");
  });
});
