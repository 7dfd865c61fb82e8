// Golden fixtures for the OpenAI Responses adapter: Anthropic requests → wire bodies, upstream streams and bodies →
// the Anthropic output we commit to.
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import { MessagesRequestSchema, type StreamEvent } from "../../src/formats/anthropic.ts";
import { type ResponseContext, defaultProfile } from "../../src/providers/adapter.ts";
import { decodeEnvelope } from "../../src/providers/envelope.ts";
import { messageFromEvents } from "../../src/providers/message-from-events.ts";
import { toOpenAiResponses } from "../../src/providers/openai-responses-request.ts";
import { fromOpenAiResponses } from "../../src/providers/openai-responses-response.ts";
import { createOpenAiResponsesStream } from "../../src/providers/openai-responses-stream.ts";
import { encodeEvents } from "../../src/sse/encode.ts";
import { createSseParser } from "../../src/sse/parse.ts";
import { responseContext } from "../helpers/chat-stream-run.ts";
import { expectGoldenJson, expectGoldenText, readFixtureJson } from "../helpers/golden.ts";
import { loadCapture } from "../helpers/load-capture.ts";
import { assertAnthropicStreamGrammar } from "../helpers/stream-grammar.ts";

const ROOT = join(import.meta.dir, "../fixtures/providers/openai-responses");
const TARGET = { provider: "openai", baseUrl: "https://api.openai.com/v1", apiKey: "k", model: "gpt-5-mini", profile: defaultProfile };

function normalizeIds(text: string): string {
  return text.replace(/msg_[0-9A-Za-z]{24}/g, "msg_<id>").replace(/toolu_[0-9A-Za-z]{24}/g, "toolu_<id>");
}

function fixtureContext(dir: string): ResponseContext {
  const path = join(dir, "context.json");
  const raw = existsSync(path) ? readFixtureJson(path) : {};
  const given = typeof raw === "object" && raw !== null ? Object.fromEntries(Object.entries(raw)) : {};
  const toolNames = typeof given.toolNames === "object" && given.toolNames !== null ? Object.entries(given.toolNames) : [];
  return responseContext({ model: "fixture-model", inputTokens: 1000, toolNames: new Map(toolNames.map(([k, val]) => [k, String(val)])) });
}

function convert(chunks: readonly Uint8Array[], ctx: ResponseContext): StreamEvent[] {
  const parser = createSseParser();
  const stream = createOpenAiResponsesStream(ctx);
  const events: StreamEvent[] = [];
  for (const chunk of chunks) for (const message of parser.push(chunk)) events.push(...stream.push(message));
  for (const message of parser.end()) events.push(...stream.push(message));
  events.push(...stream.end());
  return events;
}

const encodeText = (events: readonly StreamEvent[]) => normalizeIds(new TextDecoder().decode(encodeEvents(events)));

type WireItem = Record<string, unknown>;

function wireOf(request: unknown): { body: Record<string, unknown>; input: WireItem[] } {
  const { body } = toOpenAiResponses(v.parse(MessagesRequestSchema, request), TARGET);
  const json: Record<string, unknown> = JSON.parse(JSON.stringify(body));
  const input: WireItem[] = Array.isArray(json.input) ? json.input : [];
  return { body: json, input };
}

describe("openai-responses request fixtures", () => {
  test("a Claude Code tool-result turn keeps assistant text beside its calls, hoists the environment, drops billing", () => {
    const capture = loadCapture("cc-tool-result-turn");
    const { body, input } = wireOf(capture.body);
    expectGoldenJson(join(ROOT, "cc-tool-result-turn/wire-request.json"), body);
    const instructions = String(body.instructions);
    expect(instructions).not.toContain("x-anthropic-billing-header");
    const environment = capture.body.messages.find((m) => m.role === "system")?.content;
    expect(typeof environment).toBe("string");
    expect(instructions).toContain(typeof environment === "string" && environment.startsWith("# Environment") ? environment : "<missing>");
    expect(input.some((item) => "role" in item && item.role === "system")).toBe(false);
    const callAt = input.findIndex((item) => item.type === "function_call");
    expect(input[callAt - 1]).toEqual({ role: "assistant", content: "Writing the file." });
    const outputs = input.filter((item) => item.type === "function_call_output").map((item) => item.call_id);
    const calls = input.filter((item) => item.type === "function_call").map((item) => item.call_id);
    expect(outputs).toEqual(calls);
    expect(body.store).toBe(false);
    expect(body.max_output_tokens).toBe(capture.body.max_tokens);
  });

  test("replays Responses reasoning from its envelope and drops every other kind of thinking", () => {
    const request = readFixtureJson(join(ROOT, "reasoning-replay/request.json"));
    const { body, input } = wireOf(request);
    expectGoldenJson(join(ROOT, "reasoning-replay/wire-request.json"), body);
    expect(input.filter((item) => item.type === "reasoning")).toEqual([
      { type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "Need both files." }], encrypted_content: "gAAAA-enc1" },
      { type: "reasoning", id: "rs_2", summary: [], encrypted_content: "gAAAA-enc2" },
    ]);
    expect(JSON.stringify(input)).not.toContain("synthetic one");
    expect(JSON.stringify(input)).not.toContain("real anthropic");
    expect(body).toMatchObject({ max_output_tokens: 16, reasoning: { effort: "high", summary: "auto" }, include: ["reasoning.encrypted_content"] });
    expect(body).toMatchObject({ tool_choice: "required", parallel_tool_calls: false, instructions: "You are helpful.\n<env>cwd: /repo</env>" });
    expect(body).not.toHaveProperty("stop");
    expect(body).not.toHaveProperty("top_k");
  });
});

const streamCases = readdirSync(ROOT).filter((name) => existsSync(join(ROOT, name, "upstream.sse")));
const jsonCases = readdirSync(ROOT).filter((name) => existsSync(join(ROOT, name, "upstream.json")));

describe("openai-responses stream fixtures", () => {
  for (const name of streamCases) {
    const dir = join(ROOT, name);
    const bytes = new Uint8Array(readFileSync(join(dir, "upstream.sse")));
    const ctx = fixtureContext(dir);
    test(`${name}: converts upstream.sse into expected.sse, following the stream grammar`, () => {
      const events = convert([bytes], ctx);
      assertAnthropicStreamGrammar(events);
      expectGoldenText(join(dir, "expected.sse"), encodeText(events));
    });
    test(`${name}: gives identical output at every split point and one byte at a time`, () => {
      const whole = encodeText(convert([bytes], ctx));
      for (let at = 0; at <= bytes.length; at++) {
        expect(encodeText(convert([bytes.subarray(0, at), bytes.subarray(at)], ctx))).toBe(whole);
      }
      expect(encodeText(convert(Array.from(bytes, (b) => new Uint8Array([b])), ctx))).toBe(whole);
    });
  }
});

describe("openai-responses JSON fixtures", () => {
  for (const name of jsonCases) {
    const dir = join(ROOT, name);
    test(`${name}: converts upstream.json into expected.json`, () => {
      const message = fromOpenAiResponses(readFixtureJson(join(dir, "upstream.json")), fixtureContext(dir));
      expectGoldenJson(join(dir, "expected.json"), JSON.parse(normalizeIds(JSON.stringify(message))));
    });
  }
});

describe("openai-responses stream semantics", () => {
  const run = (name: string) => convert([new Uint8Array(readFileSync(join(ROOT, name, "upstream.sse")))], fixtureContext(join(ROOT, name)));

  test("routes interleaved argument deltas of two parallel calls to their own tool_use blocks", () => {
    const folded = messageFromEvents(run("parallel-calls-interleaved"));
    if (!folded.ok) throw new Error(folded.error.message);
    expect(folded.message.content).toEqual([
      { type: "text", text: "Reading both files." },
      { type: "tool_use", id: "call_A", name: "Read", input: { file_path: "/a.ts" } },
      { type: "tool_use", id: "call_B", name: "mcp__srv__tool.x", input: { q: "b" } },
    ]);
    expect(folded.message.stop_reason).toBe("tool_use");
  });

  test("signs the thinking with an openai-responses envelope and maps cached usage", () => {
    const folded = messageFromEvents(run("text-reasoning-usage"));
    if (!folded.ok) throw new Error(folded.error.message);
    const [thinking, text] = folded.message.content;
    expect(thinking?.type === "thinking" && thinking.thinking).toBe("**Planning** the answer — quickly.\n\nSecond thought.");
    expect(decodeEnvelope(thinking?.type === "thinking" ? thinking.signature : undefined)).toEqual({
      v: 1,
      p: "openai-responses",
      id: "rs_1",
      enc: "gAAAAenc-secret==",
    });
    expect(text).toEqual({ type: "text", text: "\n\nHéllo wörld ✓" });
    expect(folded.message.usage).toEqual({ input_tokens: 200, output_tokens: 57, cache_creation_input_tokens: 0, cache_read_input_tokens: 1000 });
  });

  test("ends a truncated response with max_tokens and failures with Anthropic error events", () => {
    const incomplete = messageFromEvents(run("incomplete-max-tokens"));
    expect(incomplete.ok && incomplete.message.stop_reason).toBe("max_tokens");
    expect(messageFromEvents(run("response-failed"))).toEqual({
      ok: false,
      error: { type: "api_error", message: "The model failed to generate a response." },
    });
    expect(messageFromEvents(run("error-event"))).toEqual({
      ok: false,
      error: { type: "rate_limit_error", message: "Rate limit reached for gpt-5-mini." },
    });
    expect(messageFromEvents(run("truncated-stream")).ok).toBe(false);
  });

  test("carries reasoning without summary as a redacted_thinking block holding the envelope", () => {
    const folded = messageFromEvents(run("redacted-reasoning-then-call"));
    if (!folded.ok) throw new Error(folded.error.message);
    const first = folded.message.content[0];
    expect(first?.type).toBe("redacted_thinking");
    expect(decodeEnvelope(first?.type === "redacted_thinking" ? first.data : undefined)).toMatchObject({ id: "rs_9", enc: "gAAAA-only-enc" });
    expect(folded.message.content[1]).toEqual({ type: "tool_use", id: "call_1", name: "Bash", input: { command: "ls" } });
  });
  test("never emits whitespace-only text as a block, and skips payloads that are not JSON", () => {
    const lines = [
      { type: "response.created", response: { id: "r", model: "m", status: "in_progress", output: [] } },
      { type: "response.output_text.delta", item_id: "msg_1", output_index: 0, delta: "\n  " },
      "not json",
      { type: "response.output_item.added", output_index: 1, item: { id: "fc_1", type: "function_call", call_id: "c1", name: "Bash" } },
      { type: "response.output_item.done", output_index: 1, item: { id: "fc_1", type: "function_call", call_id: "c1", name: "Bash" } },
      { type: "response.completed", response: { id: "r", status: "completed", output: [] } },
    ];
    const text = lines.map((line) => `data: ${typeof line === "string" ? line : JSON.stringify(line)}\n\n`).join("");
    const events = convert([new TextEncoder().encode(text)], responseContext());
    assertAnthropicStreamGrammar(events);
    const folded = messageFromEvents(events);
    expect(folded.ok && folded.message.content).toEqual([{ type: "tool_use", id: "c1", name: "Bash", input: {} }]);
  });
});
