import { describe, expect, test } from "bun:test";
import { encodeEnvelope, SYNTHETIC_SIGNATURE } from "../../src/providers/envelope.ts";
import { chatBody, chatMessages } from "../helpers/chat-request.ts";

const user = (content: unknown) => ({ role: "user", content });
const assistant = (content: unknown) => ({ role: "assistant", content });
const text = (value: string, extra: Record<string, unknown> = {}) => ({ type: "text", text: value, ...extra });
const toolUse = (id: string, name = "Read", input: unknown = { path: "a" }) => ({ type: "tool_use", id, name, input });
const result = (id: string, content?: unknown, extra: Record<string, unknown> = {}) => ({
  type: "tool_result",
  tool_use_id: id,
  ...(content === undefined ? {} : { content }),
  ...extra,
});
const png = (data: string) => ({ type: "image", source: { type: "base64", media_type: "image/png", data } });
const ephemeral = { type: "ephemeral" };

describe("system prompt", () => {
  test("sends a system string as the first message", () => {
    const messages = chatMessages([user("hi")], {}, { system: "Be brief." });
    expect(messages[0]).toEqual({ role: "system", content: "Be brief." });
    expect(messages[1]).toEqual({ role: "user", content: "hi" });
  });

  test("joins system blocks with newlines and drops the billing header and empty blocks", () => {
    const system = [text("x-anthropic-billing-header: cc_version=2.1.328.bf4; cc_entrypoint=cli;"), text("A"), text(""), text("B")];
    expect(chatMessages([user("hi")], {}, { system })[0]).toEqual({ role: "system", content: "A\nB" });
  });

  test("keeps the billing header when the profile does not strip it", () => {
    const system = [text("x-anthropic-billing-header: x;"), text("A")];
    const messages = chatMessages([user("hi")], { stripBillingHeader: false }, { system });
    expect(messages[0]).toEqual({ role: "system", content: "x-anthropic-billing-header: x;\nA" });
  });

  test("emits no system message when the system prompt has no text", () => {
    expect(chatMessages([user("hi")], {}, { system: [text("")] })).toEqual([{ role: "user", content: "hi" }]);
  });

  test("drops cache_control from system blocks by default", () => {
    const messages = chatMessages([user("hi")], {}, { system: [text("A", { cache_control: ephemeral }), text("B")] });
    expect(messages[0]).toEqual({ role: "system", content: "A\nB" });
  });

  test("sends system text parts with their cache_control when the profile keeps it", () => {
    const messages = chatMessages([user("hi")], { cacheControl: "keep" }, { system: [text("A", { cache_control: ephemeral }), text("B")] });
    expect(messages[0]).toEqual({
      role: "system",
      content: [
        { type: "text", text: "A", cache_control: ephemeral },
        { type: "text", text: "B" },
      ],
    });
  });

  test("hoists role:system messages into the leading system message in order, ignoring their output_config", () => {
    const messages = chatMessages(
      [user("hi"), { role: "system", content: [text("# Environment")], output_config: { effort: "medium" } }, assistant("ok"), { role: "system", content: "later" }],
      {},
      { system: "Base" },
    );
    expect(messages).toEqual([
      { role: "system", content: "Base\n# Environment\nlater" },
      { role: "user", content: "hi" },
      { role: "assistant", content: "ok" },
    ]);
  });

  test("creates the leading system message for a hoisted message when the request has no system prompt", () => {
    const messages = chatMessages([user("hi"), { role: "system", content: [text("env 1"), text("env 2")] }]);
    expect(messages).toEqual([
      { role: "system", content: "env 1\nenv 2" },
      { role: "user", content: "hi" },
    ]);
  });

  test("keeps role:system messages at their position with in_place", () => {
    const messages = chatMessages([user("hi"), { role: "system", content: [text("env")], output_config: { effort: "low" } }], { inlineSystem: "in_place" }, { system: "Base" });
    expect(messages).toEqual([
      { role: "system", content: "Base" },
      { role: "user", content: "hi" },
      { role: "system", content: "env" },
    ]);
  });
});

describe("user messages", () => {
  test("sends text blocks as one newline-joined string, dropping empty blocks and keeping whitespace-only ones", () => {
    expect(chatMessages([user([text("a"), text(""), text("  "), text("b")])])).toEqual([{ role: "user", content: "a\n  \nb" }]);
  });

  test("sends base64 images as data URLs without extra keys", () => {
    const messages = chatMessages([user([text("look"), png("AAAA")])]);
    expect(messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "look" },
          { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } },
        ],
      },
    ]);
  });

  test("never prefixes an image that already is a data URL a second time", () => {
    const [message] = chatMessages([user([png("data:image/png;base64,AAAA")])]);
    expect(message).toEqual({ role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } }] });
  });

  test("sends url images by their url", () => {
    const image = { type: "image", source: { type: "url", url: "https://example.com/a.png" } };
    const [message] = chatMessages([user([image])]);
    expect(message).toEqual({ role: "user", content: [{ type: "image_url", image_url: { url: "https://example.com/a.png" } }] });
  });

  test("sends a PDF as a file part when the profile supports files", () => {
    const pdf = { type: "document", title: "spec.pdf", source: { type: "base64", media_type: "application/pdf", data: "JVBERi0=" } };
    const [message] = chatMessages([user([pdf])], { supportsFiles: true });
    expect(message).toEqual({
      role: "user",
      content: [{ type: "file", file: { filename: "spec.pdf", file_data: "data:application/pdf;base64,JVBERi0=" } }],
    });
  });

  test("replaces a PDF with a placeholder when the profile does not support files", () => {
    const pdf = { type: "document", source: { type: "base64", media_type: "application/pdf", data: "JVBERi0=" } };
    expect(chatMessages([user([text("read this"), pdf])])).toEqual([{ role: "user", content: "read this\n[PDF document omitted]" }]);
  });

  test("sends a plain-text document as text", () => {
    const doc = { type: "document", source: { type: "text", media_type: "text/plain", data: "the notes" } };
    expect(chatMessages([user([doc])])).toEqual([{ role: "user", content: "the notes" }]);
  });

  test("keeps cache_control on user text parts with the keep profile, which makes content a parts array", () => {
    const [message] = chatMessages([user([text("a"), text("b", { cache_control: ephemeral })])], { cacheControl: "keep" });
    expect(message).toEqual({ role: "user", content: [{ type: "text", text: "a" }, { type: "text", text: "b", cache_control: ephemeral }] });
  });

  test("drops thinking, tool_use and unknown blocks in user messages without crashing", () => {
    const odd = [{ type: "search_result", source: "x", title: "t", content: [] }, { type: "server_tool_use", id: "s", name: "web_search", input: {} }, text("ok")];
    expect(chatMessages([user(odd)])).toEqual([{ role: "user", content: "ok" }]);
  });
});

describe("tool results", () => {
  const call = assistant([toolUse("call_1")]);

  test("sends tool_result blocks as tool messages before the user's text", () => {
    const messages = chatMessages([user("go"), call, user([text("and now?"), result("call_1", "file body")])]);
    expect(messages.slice(2)).toEqual([
      { role: "tool", tool_call_id: "call_1", content: "file body" },
      { role: "user", content: "and now?" },
    ]);
  });

  test("joins array tool content with newlines and sends missing content as an empty string", () => {
    const twoCalls = assistant([toolUse("c1"), toolUse("c2")]);
    const messages = chatMessages([user("go"), twoCalls, user([result("c1", [text("line 1"), text("line 2")]), result("c2")])]);
    expect(messages.slice(2)).toEqual([
      { role: "tool", tool_call_id: "c1", content: "line 1\nline 2" },
      { role: "tool", tool_call_id: "c2", content: "" },
    ]);
  });

  test("prefixes failed tool results with Error:", () => {
    const messages = chatMessages([user("go"), call, user([result("call_1", "no such file", { is_error: true, cache_control: ephemeral })])]);
    expect(messages[2]).toEqual({ role: "tool", tool_call_id: "call_1", content: "Error: no such file" });
  });

  test("moves one tool image into a following user message and leaves the singular marker", () => {
    const messages = chatMessages([user("go"), call, user([result("call_1", [text("screenshot"), png("AAAA")])])]);
    expect(messages.slice(2)).toEqual([
      { role: "tool", tool_call_id: "call_1", content: "screenshot\n[tool returned 1 image; attached in the following user message]" },
      { role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } }] },
    ]);
  });

  test("puts moved tool images before the message's own parts and uses the plural marker", () => {
    const messages = chatMessages([user("go"), call, user([text("compare"), result("call_1", [png("AAAA"), png("BBBB")])])]);
    expect(messages.slice(2)).toEqual([
      { role: "tool", tool_call_id: "call_1", content: "[tool returned 2 images; attached in the following user message]" },
      {
        role: "user",
        content: [
          { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } },
          { type: "image_url", image_url: { url: "data:image/png;base64,BBBB" } },
          { type: "text", text: "compare" },
        ],
      },
    ]);
  });

  test("answers a tool call missing from history with a placeholder right after the answered ones", () => {
    const twoCalls = assistant([toolUse("c1"), toolUse("c2")]);
    const messages = chatMessages([user("go"), twoCalls, user([result("c1", "one"), text("next")])]);
    expect(messages.slice(2)).toEqual([
      { role: "tool", tool_call_id: "c1", content: "one" },
      { role: "tool", tool_call_id: "c2", content: "[tool result missing]" },
      { role: "user", content: "next" },
    ]);
  });

  test("answers unanswered tool calls before the next assistant turn and at the end of history", () => {
    const messages = chatMessages([user("go"), assistant([toolUse("c1")]), assistant([toolUse("c2")])]);
    expect(messages.slice(2)).toEqual([
      { role: "tool", tool_call_id: "c1", content: "[tool result missing]" },
      { role: "assistant", content: null, tool_calls: [{ id: "c2", type: "function", function: { name: "Read", arguments: '{"path":"a"}' } }] },
      { role: "tool", tool_call_id: "c2", content: "[tool result missing]" },
    ]);
  });

  test("turns a result for an unknown tool call into text at its original position", () => {
    const messages = chatMessages([user("go"), assistant("plain"), user([text("before"), result("toolu_gone", "old output"), text("after")])]);
    expect(messages[2]).toEqual({ role: "user", content: "before\n[tool result for toolu_gone]\nold output\nafter" });
  });

  test("treats a second result for an already answered call as an orphan", () => {
    const messages = chatMessages([user("go"), call, user([result("call_1", "first"), result("call_1", "again")])]);
    expect(messages.slice(2)).toEqual([
      { role: "tool", tool_call_id: "call_1", content: "first" },
      { role: "user", content: "[tool result for call_1]\nagain" },
    ]);
  });
});

describe("assistant messages", () => {
  test("joins text blocks with newlines and sends tool_use as tool_calls with JSON arguments", () => {
    const messages = chatMessages([user("go"), assistant([text("one"), text(""), text("two"), toolUse("c1", "Write", { a: 1 }), toolUse("c2", "Bash", null)])]);
    expect(messages[1]).toEqual({
      role: "assistant",
      content: "one\ntwo",
      tool_calls: [
        { id: "c1", type: "function", function: { name: "Write", arguments: '{"a":1}' } },
        { id: "c2", type: "function", function: { name: "Bash", arguments: "{}" } },
      ],
    });
  });

  test("sends content null when there are tool calls and no text", () => {
    const [, message] = chatMessages([user("go"), assistant([{ type: "text", text: " " }, toolUse("c1")])]);
    expect(message).toMatchObject({ role: "assistant", content: null });
  });

  test("drops an assistant message with nothing to send", () => {
    const odd = [{ type: "redacted_thinking", data: "abc" }, { type: "thinking", thinking: "hmm", signature: "sig" }, { type: "server_tool_use", id: "s", name: "web_search", input: {} }];
    expect(chatMessages([user("go"), assistant(odd), user("more")])).toEqual([
      { role: "user", content: "go" },
      { role: "user", content: "more" },
    ]);
  });

  test("sanitizes tool names in replayed tool_calls", () => {
    const body = chatBody({ messages: [user("go"), assistant([toolUse("c1", "mcp__srv__do.it")])] });
    expect(body.messages[1]).toMatchObject({ tool_calls: [{ function: { name: "mcp__srv__do_it" } }] });
  });
});

describe("thinking replay", () => {
  const thinking = (value: string, signature: string) => ({ type: "thinking", thinking: value, signature });
  const history = (blocks: unknown[]) => [user("go"), assistant([...blocks, toolUse("c1")]), user([result("c1", "ok")])];

  test("sends nothing of prior thinking with the none replay", () => {
    const [, message] = chatMessages(history([thinking("plan", SYNTHETIC_SIGNATURE)]));
    expect(message).toEqual({ role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "Read", arguments: '{"path":"a"}' } }] });
  });

  test("replays synthetic and real-signature thinking as reasoning_content joined with newlines", () => {
    const [, message] = chatMessages(history([thinking("plan", SYNTHETIC_SIGNATURE), thinking("more", "EqRealAnthropicSig")]), { reasoningReplay: "reasoning_content" });
    expect(message).toMatchObject({ role: "assistant", content: null, reasoning_content: "plan\nmore" });
  });

  test("replays thinking text in reasoning with that profile", () => {
    const [, message] = chatMessages(history([thinking("plan", "EqRealAnthropicSig")]), { reasoningReplay: "reasoning" });
    expect(message).toMatchObject({ reasoning: "plan" });
    expect(message).not.toHaveProperty("reasoning_content");
  });

  test("replays OpenRouter reasoning_details from the envelope and other thinking as text", () => {
    const details = [{ type: "reasoning.text", text: "plan", signature: "or-sig" }];
    const openrouter = encodeEnvelope({ v: 1, p: "openrouter", details });
    const encrypted = [{ type: "reasoning.encrypted", data: "opaque" }];
    const blocks = [thinking("plan", openrouter), { type: "redacted_thinking", data: encodeEnvelope({ v: 1, p: "openrouter", details: encrypted }) }, thinking("legacy", SYNTHETIC_SIGNATURE)];
    const [, message] = chatMessages(history(blocks), { reasoningReplay: "reasoning_details" });
    expect(message).toMatchObject({ reasoning_details: [...details, ...encrypted], reasoning: "legacy" });
  });

  test("keeps a reasoning-only assistant turn with empty string content", () => {
    const [, message] = chatMessages([user("go"), assistant([thinking("just thought", SYNTHETIC_SIGNATURE)])], { reasoningReplay: "reasoning_content" });
    expect(message).toEqual({ role: "assistant", content: "", reasoning_content: "just thought" });
  });

  test("drops redacted_thinking blocks with the text replays", () => {
    const [, message] = chatMessages(history([{ type: "redacted_thinking", data: "opaque" }]), { reasoningReplay: "reasoning_content" });
    expect(message).not.toHaveProperty("reasoning_content");
  });
});
