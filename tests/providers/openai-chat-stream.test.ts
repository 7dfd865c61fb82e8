import { describe, expect, test } from "bun:test";
import type { StopReason, StreamEvent } from "../../src/formats/anthropic.ts";
import { SYNTHETIC_SIGNATURE, decodeEnvelope } from "../../src/providers/envelope.ts";
import { createOpenAiChatStream } from "../../src/providers/openai-chat-stream.ts";
import { chunk, responseContext, runChatStream, shape } from "../helpers/chat-stream-run.ts";
import { assertAnthropicStreamGrammar } from "../helpers/stream-grammar.ts";

function find<T extends StreamEvent["type"]>(events: readonly StreamEvent[], type: T): Extract<StreamEvent, { type: T }> {
  const found = events.find((e) => e.type === type);
  if (found === undefined) throw new Error(`no ${type} event`);
  // `type` was just checked to equal T.
  return found as Extract<StreamEvent, { type: T }>;
}

function signatures(events: readonly StreamEvent[]): string[] {
  return events.flatMap((e) => (e.type === "content_block_delta" && e.delta.type === "signature_delta" ? [e.delta.signature] : []));
}

const usageChunk = (usage: object) => ({ id: "chatcmpl-1", model: "up-model", choices: [], usage });

describe("createOpenAiChatStream: message_start", () => {
  test("emits message_start with the input estimate and all four usage keys, then a ping, on the first payload", () => {
    const stream = createOpenAiChatStream(responseContext({ inputTokens: 321 }));
    const events = stream.push({ event: undefined, data: JSON.stringify(chunk({ role: "assistant", content: "" })) });
    expect(events.map((e) => e.type)).toEqual(["message_start", "ping"]);
    const start = find(events, "message_start");
    expect(start.message.id).toMatch(/^msg_[0-9A-Za-z]{24}$/);
    expect(start.message).toMatchObject({ type: "message", role: "assistant", content: [], model: "up-model" });
    expect(start.message.stop_reason).toBeNull();
    expect(start.message.stop_sequence).toBeNull();
    expect(start.message.usage).toEqual({
      input_tokens: 321,
      output_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
    assertAnthropicStreamGrammar([...events, ...stream.push({ event: undefined, data: "[DONE]" })]);
  });

  test("emits message_start first even when the first payload carries only usage", () => {
    const { events } = runChatStream([usageChunk({ prompt_tokens: 5, completion_tokens: 0 }), chunk({ content: "hi" }, "stop")]);
    expect(events[0]?.type).toBe("message_start");
    expect(events[1]?.type).toBe("ping");
  });

  test("answers a stream of nothing but [DONE] with a complete, empty message", () => {
    const { events } = runChatStream([]);
    expect(shape(events)).toEqual(["message_start", "ping", "message_delta:end_turn", "message_stop"]);
    expect(find(events, "message_start").message.model).toBe("ctx-model");
    expect(find(events, "message_delta").usage).toEqual({
      input_tokens: 100,
      output_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
  });

  test("echoes the context model when the upstream names none", () => {
    const { events } = runChatStream([{ choices: [{ index: 0, delta: { content: "x" }, finish_reason: "stop" }] }]);
    expect(find(events, "message_start").message.model).toBe("ctx-model");
  });
});

describe("createOpenAiChatStream: text", () => {
  test("streams text deltas into one text block at index 0", () => {
    const { events } = runChatStream([chunk({ role: "assistant", content: "" }), chunk({ content: "Hel" }), chunk({ content: "lo" }, "stop")]);
    expect(shape(events).slice(2)).toEqual([
      "start:0:text",
      "delta:0:text_delta:Hel",
      "delta:0:text_delta:lo",
      "stop:0",
      "message_delta:end_turn",
      "message_stop",
    ]);
  });

  test("holds whitespace-only text until real text arrives, then emits all of it", () => {
    const { events } = runChatStream([chunk({ content: "\n" }), chunk({ content: " \t" }), chunk({ content: "Hi" }, "stop")]);
    expect(shape(events).slice(2, 5)).toEqual(["start:0:text", "delta:0:text_delta:\n \tHi", "stop:0"]);
  });

  test("streams whitespace deltas unchanged once a text block is open", () => {
    const { events } = runChatStream([chunk({ content: "a" }), chunk({ content: "\n\n" }), chunk({ content: "b" }, "stop")]);
    expect(shape(events).slice(3, 6)).toEqual(["delta:0:text_delta:a", "delta:0:text_delta:\n\n", "delta:0:text_delta:b"]);
  });

  test("discards buffered whitespace when a tool call comes first", () => {
    const { events } = runChatStream([
      chunk({ content: "\n\n" }),
      chunk({ tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "Read", arguments: "{}" } }] }, "tool_calls"),
    ]);
    expect(shape(events).slice(2, 5)).toEqual(["start:0:tool_use", "delta:0:input_json_delta:{}", "stop:0"]);
    expect(events.some((e) => e.type === "content_block_start" && e.content_block.type === "text")).toBe(false);
  });

  test("never emits a block for whitespace-only text at the end of the stream", () => {
    const { events } = runChatStream([chunk({ content: "  \n" }, "stop")]);
    expect(shape(events)).toEqual(["message_start", "ping", "message_delta:end_turn", "message_stop"]);
  });

  test("emits a refusal as text and stops with refusal", () => {
    const { events } = runChatStream([chunk({ refusal: "I can't help with that." }, "stop")]);
    expect(shape(events).slice(2)).toEqual([
      "start:0:text",
      "delta:0:text_delta:I can't help with that.",
      "stop:0",
      "message_delta:refusal",
      "message_stop",
    ]);
  });
});

describe("createOpenAiChatStream: thinking", () => {
  test("opens a thinking block for reasoning_content and closes it with one synthetic signature before the text", () => {
    const { events } = runChatStream([
      chunk({ reasoning_content: "Let me " }),
      chunk({ reasoning_content: "think." }),
      chunk({ content: "Answer" }, "stop"),
    ]);
    expect(shape(events).slice(2, 10)).toEqual([
      "start:0:thinking",
      "delta:0:thinking_delta:Let me ",
      "delta:0:thinking_delta:think.",
      "delta:0:signature_delta:sig",
      "stop:0",
      "start:1:text",
      "delta:1:text_delta:Answer",
      "stop:1",
    ]);
    expect(signatures(events)).toEqual([SYNTHETIC_SIGNATURE]);
  });

  test("reads reasoning from the reasoning field and from reasoning_details text, taking one source per chunk", () => {
    const { events } = runChatStream([
      chunk({ reasoning: "A", reasoning_details: [{ type: "reasoning.text", text: "A", index: 0 }] }),
      chunk({ reasoning_details: [{ type: "reasoning.text", text: "B", index: 0 }] }),
      chunk({}, "stop"),
    ]);
    expect(shape(events).slice(3, 5)).toEqual(["delta:0:thinking_delta:A", "delta:0:thinking_delta:B"]);
  });

  test("opens a new thinking block for reasoning that arrives after text", () => {
    const { events } = runChatStream([
      chunk({ reasoning_content: "first" }),
      chunk({ content: "text" }),
      chunk({ reasoning_content: "second" }),
      chunk({}, "stop"),
    ]);
    const starts = events.flatMap((e) => (e.type === "content_block_start" ? [`${e.index}:${e.content_block.type}`] : []));
    expect(starts).toEqual(["0:thinking", "1:text", "2:thinking"]);
    expect(signatures(events)).toHaveLength(2);
  });

  test("keeps an Anthropic signature that arrives in reasoning_details", () => {
    const { events } = runChatStream([
      chunk({ reasoning: "hmm", reasoning_details: [{ type: "reasoning.text", text: "hmm", index: 0, format: "anthropic-claude-v1" }] }),
      chunk({ reasoning_details: [{ type: "reasoning.text", signature: "EqRealSig==", index: 0, format: "anthropic-claude-v1" }] }),
      chunk({ content: "ok" }, "stop"),
    ]);
    expect(signatures(events)).toEqual(["EqRealSig=="]);
  });

  test("carries other reasoning_details in an openrouter envelope, merged across fragments", () => {
    const { events } = runChatStream([
      chunk({ reasoning_details: [{ type: "reasoning.text", text: "a", index: 0, format: "google-gemini-v1" }] }),
      chunk({ reasoning_details: [{ type: "reasoning.text", text: "b", index: 0, format: "google-gemini-v1" }] }),
      chunk({}, "stop"),
    ]);
    const [signature] = signatures(events);
    expect(decodeEnvelope(signature)).toEqual({
      v: 1,
      p: "openrouter",
      details: [{ type: "reasoning.text", text: "ab", index: 0, format: "google-gemini-v1" }],
    });
  });

  test("turns encrypted reasoning without text into a redacted_thinking block before the next block", () => {
    const encrypted = { type: "reasoning.encrypted", data: "opaque", index: 0, format: "google-gemini-v1" };
    const { events } = runChatStream([
      chunk({
        reasoning_details: [encrypted],
        tool_calls: [{ index: 0, id: "call_1", function: { name: "Bash", arguments: '{"command":"ls"}' } }],
      }),
      chunk({}, "tool_calls"),
    ]);
    expect(shape(events).slice(2, 7)).toEqual([
      "start:0:redacted_thinking",
      "stop:0",
      "start:1:tool_use",
      'delta:1:input_json_delta:{"command":"ls"}',
      "stop:1",
    ]);
    const start = events[2];
    if (start?.type !== "content_block_start" || start.content_block.type !== "redacted_thinking") throw new Error("no redacted");
    expect(decodeEnvelope(start.content_block.data)).toEqual({ v: 1, p: "openrouter", details: [encrypted] });
  });

  test("drops whitespace buffered before reasoning", () => {
    const { events } = runChatStream([chunk({ content: "\n" }), chunk({ reasoning_content: "r" }), chunk({ content: "t" }, "stop")]);
    expect(shape(events)).toContain("delta:1:text_delta:t");
  });
});

describe("createOpenAiChatStream: tool calls", () => {
  const call = (index: number | undefined, id: string | undefined, name: string | undefined, args: unknown) => ({
    ...(index === undefined ? {} : { index }),
    ...(id === undefined ? {} : { id }),
    type: "function",
    function: { ...(name === undefined ? {} : { name }), ...(args === undefined ? {} : { arguments: args }) },
  });

  test("starts a tool_use block with the upstream id and name and forwards argument fragments unchanged", () => {
    const { events } = runChatStream([
      chunk({ tool_calls: [call(0, "call_abc", "Read", "")] }),
      chunk({ tool_calls: [call(0, undefined, undefined, '{"file_')] }),
      chunk({ tool_calls: [call(0, undefined, undefined, 'path":"a"}')] }),
      chunk({}, "tool_calls"),
    ]);
    expect(events[2]).toEqual({
      type: "content_block_start",
      index: 0,
      content_block: { type: "tool_use", id: "call_abc", name: "Read", input: {} },
    });
    expect(shape(events).slice(3)).toEqual([
      'delta:0:input_json_delta:{"file_',
      'delta:0:input_json_delta:path":"a"}',
      "stop:0",
      "message_delta:tool_use",
      "message_stop",
    ]);
  });

  test("restores the original tool name through ctx.toolNames", () => {
    const toolNames = new Map([["mcp__srv__very_long_abcdef12", "mcp__srv__very.long"]]);
    const { events } = runChatStream([chunk({ tool_calls: [call(0, "c1", "mcp__srv__very_long_abcdef12", "{}")] }, "tool_calls")], {
      ctx: { toolNames },
    });
    const start = find(events, "content_block_start");
    expect(start.content_block).toMatchObject({ type: "tool_use", name: "mcp__srv__very.long" });
  });

  test("routes several tool calls in one chunk to separate blocks in array order", () => {
    const { events } = runChatStream([
      chunk({ tool_calls: [call(0, "c1", "A", '{"x":1}'), call(1, "c2", "B", '{"y":2}')] }, "tool_calls"),
    ]);
    expect(shape(events).slice(2, 8)).toEqual([
      "start:0:tool_use",
      'delta:0:input_json_delta:{"x":1}',
      "stop:0",
      "start:1:tool_use",
      'delta:1:input_json_delta:{"y":2}',
      "stop:1",
    ]);
  });

  test("opens a new block when a new id arrives on a reused index", () => {
    const { events } = runChatStream([
      chunk({ tool_calls: [call(0, "c1", "A", '{"a":1}')] }),
      chunk({ tool_calls: [call(0, "c2", "B", '{"b":')] }),
      chunk({ tool_calls: [call(0, undefined, undefined, "2}")] }),
      chunk({}, "stop"),
    ]);
    expect(shape(events).slice(2)).toEqual([
      "start:0:tool_use",
      'delta:0:input_json_delta:{"a":1}',
      "stop:0",
      "start:1:tool_use",
      'delta:1:input_json_delta:{"b":',
      "delta:1:input_json_delta:2}",
      "stop:1",
      "message_delta:tool_use",
      "message_stop",
    ]);
  });

  test("keeps fragments together when the server repeats the id and name on every fragment", () => {
    const { events } = runChatStream([
      chunk({ tool_calls: [call(0, "c1", "A", '{"k":')] }),
      chunk({ tool_calls: [call(0, "c1", "A", '"v"}')] }),
      chunk({}, "tool_calls"),
    ]);
    expect(shape(events).slice(2, 6)).toEqual([
      "start:0:tool_use",
      'delta:0:input_json_delta:{"k":',
      'delta:0:input_json_delta:"v"}',
      "stop:0",
    ]);
  });

  test("sends id-less fragments without an index to the most recent call", () => {
    const { events } = runChatStream([
      chunk({ tool_calls: [call(undefined, "c1", "A", "{")] }),
      chunk({ tool_calls: [call(undefined, undefined, undefined, "}")] }),
      chunk({}, "tool_calls"),
    ]);
    expect(shape(events).slice(2, 6)).toEqual(["start:0:tool_use", "delta:0:input_json_delta:{", "delta:0:input_json_delta:}", "stop:0"]);
  });

  test("defers a call's start until its name arrives, then emits the arguments buffered so far", () => {
    const { events } = runChatStream([
      chunk({ tool_calls: [call(0, "c1", undefined, '{"a"')] }),
      chunk({ tool_calls: [call(0, undefined, "Grep", ":1}")] }),
      chunk({}, "tool_calls"),
    ]);
    expect(shape(events).slice(2, 5)).toEqual(["start:0:tool_use", 'delta:0:input_json_delta:{"a":1}', "stop:0"]);
    expect(find(events, "content_block_start").content_block).toMatchObject({ name: "Grep" });
  });

  test("never emits a call whose name never arrives, and counts its dropped arguments", () => {
    const { events, stream } = runChatStream([chunk({ tool_calls: [call(0, "c1", undefined, '{"a":1}')] }, "tool_calls")]);
    expect(shape(events)).toEqual(["message_start", "ping", "message_delta:end_turn", "message_stop"]);
    expect(stream.droppedFragments()).toBe(1);
  });

  test("emits {} when a tool block closes without any argument fragment", () => {
    const { events } = runChatStream([chunk({ tool_calls: [call(0, "c1", "List", "")] }), chunk({}, "tool_calls")]);
    expect(shape(events).slice(2, 5)).toEqual(["start:0:tool_use", "delta:0:input_json_delta:{}", "stop:0"]);
  });

  test("generates a toolu_ id when the upstream id is empty", () => {
    const { events } = runChatStream([chunk({ tool_calls: [call(0, "", "A", "{}")] }, "tool_calls")]);
    const start = find(events, "content_block_start").content_block;
    if (start.type !== "tool_use") throw new Error("not a tool_use block");
    expect(start.id).toMatch(/^toolu_[0-9A-Za-z]{24}$/);
  });

  test("puts text that follows a tool call into a new text block", () => {
    const { events } = runChatStream([chunk({ tool_calls: [call(0, "c1", "A", "{}")] }), chunk({ content: "done" }, "stop")]);
    expect(shape(events).slice(2, 8)).toEqual([
      "start:0:tool_use",
      "delta:0:input_json_delta:{}",
      "stop:0",
      "start:1:text",
      "delta:1:text_delta:done",
      "stop:1",
    ]);
  });

  test("drops late fragments for a closed tool block instead of appending them elsewhere", () => {
    const { events, stream } = runChatStream([
      chunk({ tool_calls: [call(0, "c1", "A", '{"a":')] }),
      chunk({ tool_calls: [call(1, "c2", "B", "{}")] }),
      chunk({ tool_calls: [call(0, undefined, undefined, "1}")] }),
      chunk({}, "tool_calls"),
    ]);
    expect(shape(events).slice(2, 8)).toEqual([
      "start:0:tool_use",
      'delta:0:input_json_delta:{"a":',
      "stop:0",
      "start:1:tool_use",
      "delta:1:input_json_delta:{}",
      "stop:1",
    ]);
    expect(stream.droppedFragments()).toBe(1);
  });

  test("serializes object arguments (Ollama, llama.cpp) once", () => {
    const { events } = runChatStream([chunk({ tool_calls: [call(0, "c1", "A", { path: "x" })] }, "tool_calls")]);
    expect(shape(events)).toContain('delta:0:input_json_delta:{"path":"x"}');
  });
});

describe("createOpenAiChatStream: finish and usage", () => {
  test("closes the open block at finish_reason but sends message_delta only at [DONE]", () => {
    const stream = createOpenAiChatStream(responseContext());
    const first = stream.push({ event: undefined, data: JSON.stringify(chunk({ content: "x" }, "stop")) });
    expect(shape(first).slice(2)).toEqual(["start:0:text", "delta:0:text_delta:x", "stop:0"]);
    const usage = stream.push({ event: undefined, data: JSON.stringify(usageChunk({ prompt_tokens: 9, completion_tokens: 3 })) });
    expect(usage).toEqual([]);
    const last = stream.push({ event: undefined, data: "[DONE]" });
    expect(shape(last)).toEqual(["message_delta:end_turn", "message_stop"]);
    assertAnthropicStreamGrammar([...first, ...usage, ...last]);
  });

  test("ignores content after finish_reason but still takes the usage that follows", () => {
    const { events } = runChatStream([
      chunk({ content: "a" }, "stop"),
      chunk({ content: "ignored" }),
      usageChunk({ prompt_tokens: 50, completion_tokens: 7, prompt_tokens_details: { cached_tokens: 20 } }),
    ]);
    expect(shape(events).filter((s) => s.includes("ignored"))).toEqual([]);
    expect(find(events, "message_delta").usage).toEqual({
      input_tokens: 30,
      output_tokens: 7,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 20,
    });
  });

  test("takes usage from the finish chunk, DeepSeek style", () => {
    const { events } = runChatStream([
      chunk({ content: "a" }, "stop", { usage: { prompt_tokens: 40, completion_tokens: 2, prompt_cache_hit_tokens: 32 } }),
    ]);
    expect(find(events, "message_delta").usage).toEqual({
      input_tokens: 8,
      output_tokens: 2,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 32,
    });
  });

  test("keeps the last usage when every chunk carries cumulative usage", () => {
    const { events } = runChatStream([
      chunk({ content: "a" }, null, { usage: { prompt_tokens: 10, completion_tokens: 1 } }),
      chunk({ content: "b" }, "stop", { usage: { prompt_tokens: 10, completion_tokens: 2 } }),
    ]);
    expect(find(events, "message_delta").usage.output_tokens).toBe(2);
  });

  test("estimates usage from the input estimate and emitted characters when the upstream reports none", () => {
    const { events } = runChatStream(
      [
        chunk({ reasoning_content: "abcd" }),
        chunk({ content: "efgh" }),
        chunk({ tool_calls: [{ index: 0, id: "c", function: { name: "T", arguments: '{"a":1}' } }] }, "tool_calls"),
      ],
      { ctx: { inputTokens: 77 } },
    );
    // 4 thinking + 4 text + 7 argument characters = 15 → ceil(15 / 4) = 4.
    expect(find(events, "message_delta").usage).toEqual({
      input_tokens: 77,
      output_tokens: 4,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
  });

  test("finalizes normally at EOF after a finish_reason even without [DONE]", () => {
    const { events } = runChatStream([chunk({ content: "x" }, "length")], { done: false });
    expect(shape(events).slice(-2)).toEqual(["message_delta:max_tokens", "message_stop"]);
  });

  test("reports a truncated upstream as api_error when EOF comes with neither [DONE] nor finish_reason", () => {
    const { events } = runChatStream([chunk({ content: "partial" })], { done: false });
    expect(shape(events).slice(2)).toEqual(["start:0:text", "delta:0:text_delta:partial", "error:api_error"]);
    expect(events.at(-1)).toEqual({
      type: "error",
      error: { type: "api_error", message: "upstream stream ended before completion" },
    });
  });

  test("starts the message before reporting a truncated upstream that sent nothing", () => {
    const { events } = runChatStream([], { done: false });
    expect(shape(events)).toEqual(["message_start", "ping", "error:api_error"]);
  });

  test.each<[string, StopReason]>([
    ["stop", "end_turn"],
    ["length", "max_tokens"],
    ["content_filter", "refusal"],
    ["tool_calls", "end_turn"],
    ["function_call", "end_turn"],
    ["eos_token", "end_turn"],
  ])("maps finish_reason %s without tool calls to %s", (finish, stop) => {
    const { events } = runChatStream([chunk({ content: "x" }, finish)]);
    expect(find(events, "message_delta").delta).toEqual({ stop_reason: stop, stop_sequence: null });
  });

  test("maps stop with emitted tool calls to tool_use", () => {
    const { events } = runChatStream([chunk({ tool_calls: [{ index: 0, id: "c", function: { name: "T", arguments: "{}" } }] }, "stop")]);
    expect(find(events, "message_delta").delta.stop_reason).toBe("tool_use");
  });

  test("maps a vLLM stop string to stop_sequence", () => {
    const { events } = runChatStream([{ model: "m", choices: [{ index: 0, delta: { content: "x" }, finish_reason: "stop", stop_reason: "</end>" }] }]);
    expect(find(events, "message_delta").delta).toEqual({ stop_reason: "stop_sequence", stop_sequence: "</end>" });
  });

  test("keeps finish_reason length when usage arrives in the same chunk", () => {
    const { events } = runChatStream([chunk({ content: "x" }, "length", { usage: { prompt_tokens: 1, completion_tokens: 1 } })]);
    expect(find(events, "message_delta").delta.stop_reason).toBe("max_tokens");
  });

  test("returns nothing after message_stop", () => {
    const stream = createOpenAiChatStream(responseContext());
    assertAnthropicStreamGrammar(stream.push({ event: undefined, data: "[DONE]" }));
    expect(stream.push({ event: undefined, data: JSON.stringify(chunk({ content: "late" })) })).toEqual([]);
    expect(stream.push({ event: undefined, data: "[DONE]" })).toEqual([]);
    expect(stream.end()).toEqual([]);
  });

  test("skips payloads that are not JSON or not chunk-shaped", () => {
    const { events } = runChatStream(["{not json", '"a string"', chunk({ content: "ok" }, "stop")]);
    expect(shape(events)).toContain("delta:0:text_delta:ok");
  });
});

describe("createOpenAiChatStream: errors", () => {
  test("turns a top-level error payload into a terminal error event typed by its code", () => {
    const stream = createOpenAiChatStream(responseContext());
    const events = [
      ...stream.push({ event: undefined, data: JSON.stringify(chunk({ content: "a" })) }),
      ...stream.push({ event: undefined, data: JSON.stringify({ error: { message: "Rate limit reached", code: 429 } }) }),
    ];
    expect(shape(events).slice(2)).toEqual(["start:0:text", "delta:0:text_delta:a", "error:rate_limit_error"]);
    expect(events.at(-1)).toEqual({ type: "error", error: { type: "rate_limit_error", message: "Rate limit reached" } });
    assertAnthropicStreamGrammar(events);
    expect(stream.push({ event: undefined, data: JSON.stringify(chunk({ content: "b" }, "stop")) })).toEqual([]);
    expect(stream.push({ event: undefined, data: "[DONE]" })).toEqual([]);
    expect(stream.end()).toEqual([]);
  });

  test("reports OpenRouter's choices[0].error with finish_reason error", () => {
    const { events } = runChatStream([
      chunk({ content: "a" }),
      { choices: [{ index: 0, delta: {}, finish_reason: "error", error: { code: 502, message: "Provider disconnected" } }] },
    ]);
    expect(shape(events).slice(2)).toEqual(["start:0:text", "delta:0:text_delta:a", "error:api_error"]);
    expect(events.at(-1)).toEqual({ type: "error", error: { type: "api_error", message: "Provider disconnected" } });
  });

  test("reports finish_reason error without any detail as api_error", () => {
    const { events } = runChatStream([chunk({}, "error")]);
    expect(events.at(-1)).toEqual({ type: "error", error: { type: "api_error", message: 'upstream finished with "error"' } });
  });

  test("uses the error object OpenRouter puts in the choice", () => {
    const { events } = runChatStream([
      { choices: [{ index: 0, delta: { content: "" }, finish_reason: "error", error: { code: "overloaded", message: "busy" } }] },
    ]);
    expect(events.at(-1)).toEqual({ type: "error", error: { type: "overloaded_error", message: "busy" } });
  });

  test("maps DeepSeek's insufficient_system_resource finish to overloaded_error", () => {
    const { events } = runChatStream([chunk({ content: "x" }), chunk({}, "insufficient_system_resource")]);
    expect(events.at(-1)?.type).toBe("error");
    expect(shape(events).at(-1)).toBe("error:overloaded_error");
  });

  test("starts the message before an error that arrives as the very first payload", () => {
    const { events } = runChatStream([{ error: { message: "maximum context length is 8192 tokens", code: "context_length_exceeded" } }]);
    expect(shape(events)).toEqual(["message_start", "ping", "error:invalid_request_error"]);
    expect(events.at(-1)).toEqual({
      type: "error",
      error: { type: "invalid_request_error", message: "prompt is too long: maximum context length is 8192 tokens" },
    });
  });

  test("treats an SSE message named error as an upstream error", () => {
    const stream = createOpenAiChatStream(responseContext());
    const events = stream.push({ event: "error", data: JSON.stringify({ message: "server exploded", type: "server_error" }) });
    expect(events.at(-1)).toEqual({ type: "error", error: { type: "api_error", message: "server exploded" } });
    assertAnthropicStreamGrammar(events);
  });

  test("treats a plain-text SSE error event as an upstream error", () => {
    const stream = createOpenAiChatStream(responseContext());
    const events = stream.push({ event: "error", data: "Internal Server Error" });
    expect(shape(events)).toEqual(["message_start", "ping", "error:api_error"]);
    expect(events.at(-1)).toEqual({ type: "error", error: { type: "api_error", message: "Internal Server Error" } });
    assertAnthropicStreamGrammar(events);
  });
});
