// ccr as the official Anthropic SDK sees it: conversations that succeed (text, tools, thinking, token counts, models).
import { afterEach, describe, expect, test } from "bun:test";
import type Anthropic from "@anthropic-ai/sdk";
import { asRecord, chatCompletion, chatMessages, textStream, toolCallStream, type ScriptedCall } from "../helpers/openai-chunks.ts";
import type { UpstreamScript } from "../helpers/openai-upstream.ts";
import { baseRequest, MOCK_ROUTES, startMockStack, type MockStack } from "../helpers/mock-stack.ts";

let stack: MockStack | undefined;

afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

async function use(script: UpstreamScript, extraConfig: Record<string, unknown> = {}): Promise<MockStack> {
  stack = await startMockStack(script, extraConfig);
  return stack;
}

const weatherTools: Anthropic.Tool[] = [
  { name: "get_weather", description: "Weather for a city", input_schema: { type: "object", properties: { city: { type: "string" } } } },
  { name: "get_time", description: "Time in a zone", input_schema: { type: "object", properties: { tz: { type: "string" } } } },
];

const parallelCalls: ScriptedCall[] = [
  { id: "call_w1", name: "get_weather", args: { city: "Paris" } },
  { id: "call_t2", name: "get_time", args: { tz: "Europe/Paris" } },
];

const expectedToolUses = [
  { id: "call_w1", name: "get_weather", input: { city: "Paris" } },
  { id: "call_t2", name: "get_time", input: { tz: "Europe/Paris" } },
];

/** The tool_use blocks of a message as `{id, name, input}`, other blocks as their type. */
function toolUses(content: Anthropic.ContentBlock[]): unknown[] {
  return content.map((b) => (b.type === "tool_use" ? { id: b.id, name: b.name, input: b.input } : b.type));
}

describe("ccr serving the Anthropic SDK", () => {
  test("streams text the SDK accumulates into a final message with the upstream's usage", async () => {
    const { client, upstream } = await use(() => ({ sse: textStream("Hello from the mock upstream.", { pieces: 5 }), delayMs: 5 }));
    const stream = client.messages.stream(baseRequest);
    const types: string[] = [];
    stream.on("streamEvent", (event) => types.push(event.type));
    const message = await stream.finalMessage();
    expect(message.content.map((b) => (b.type === "text" ? b.text : b.type))).toEqual(["Hello from the mock upstream."]);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage.input_tokens).toBe(11);
    expect(message.usage.output_tokens).toBe(7);
    expect(types[0]).toBe("message_start");
    expect(types.at(-1)).toBe("message_stop");
    const sent = asRecord(upstream.requests[0]?.body);
    expect(sent?.model).toBe("gpt-test");
    expect(sent?.stream).toBe(true);
    expect(chatMessages(sent).at(-1)).toMatchObject({ role: "user", content: "Say hello" });
    expect(upstream.requests[0]?.headers.authorization).toBe("Bearer sk-mock-upstream");
  });

  test("answers a non-streamed request with the upstream's text and usage", async () => {
    const { client, upstream } = await use(() => ({ json: chatCompletion({ content: "Plain answer." }) }));
    const message = await client.messages.create(baseRequest);
    expect(message.type).toBe("message");
    expect(message.role).toBe("assistant");
    expect(message.id).toStartWith("msg_");
    expect(message.content.map((b) => (b.type === "text" ? b.text : b.type))).toEqual(["Plain answer."]);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage).toMatchObject({ input_tokens: 11, output_tokens: 7 });
    expect(asRecord(upstream.requests[0]?.body)?.stream).not.toBe(true);
  });

  test("streams two parallel tool calls as two tool_use blocks with their full inputs", async () => {
    const { client, upstream } = await use(() => ({
      sse: toolCallStream(parallelCalls, { splitArgsInto: 4, text: "Checking both." }),
      delayMs: 2,
    }));
    const message = await client.messages.stream({ ...baseRequest, tools: weatherTools }).finalMessage();
    expect(message.content[0]).toMatchObject({ type: "text", text: "Checking both." });
    expect(toolUses(message.content.slice(1))).toEqual(expectedToolUses);
    expect(message.stop_reason).toBe("tool_use");
    const tools = asRecord(upstream.requests[0]?.body)?.tools;
    expect(Array.isArray(tools) ? tools.map((t) => asRecord(asRecord(t)?.function)?.name) : []).toEqual(["get_weather", "get_time"]);
  });

  test("answers non-streamed parallel tool calls as two tool_use blocks", async () => {
    const { client } = await use(() => ({ json: chatCompletion({ tool_calls: parallelCalls }) }));
    const message = await client.messages.create({ ...baseRequest, tools: weatherTools });
    expect(toolUses(message.content)).toEqual(expectedToolUses);
    expect(message.stop_reason).toBe("tool_use");
  });

  test("turns streamed reasoning_content into a signed thinking block before the text", async () => {
    const reasoning = "Two plus two is four.";
    const { client } = await use(() => ({ sse: textStream("The answer is 4.", { reasoning, pieces: 3 }), delayMs: 2 }));
    const message = await client.messages.stream({ ...baseRequest, thinking: { type: "adaptive" } }).finalMessage();
    const [thinking, text] = message.content;
    expect(thinking?.type).toBe("thinking");
    expect(thinking?.type === "thinking" ? thinking.thinking : "").toBe(reasoning);
    expect(thinking?.type === "thinking" ? thinking.signature.length : 0).toBeGreaterThan(0);
    expect(text?.type === "text" ? text.text : "").toBe("The answer is 4.");
  });

  test("turns non-streamed reasoning_content into a signed thinking block", async () => {
    const { client } = await use(() => ({ json: chatCompletion({ content: "Four.", reasoning_content: "2+2=4" }) }));
    const message = await client.messages.create({ ...baseRequest, thinking: { type: "adaptive" } });
    expect(message.content[0]).toMatchObject({ type: "thinking", thinking: "2+2=4" });
    const first = message.content[0];
    expect(first?.type === "thinking" ? first.signature.length : 0).toBeGreaterThan(0);
    expect(message.content[1]).toMatchObject({ type: "text", text: "Four." });
  });

  test("counts tokens locally, more for a longer prompt, without calling the upstream", async () => {
    const { client, upstream } = await use(() => ({ json: chatCompletion({ content: "unreachable" }) }));
    const short = await client.messages.countTokens({ model: baseRequest.model, messages: baseRequest.messages });
    const long = await client.messages.countTokens({
      model: baseRequest.model,
      messages: [{ role: "user", content: "Say hello to every one of these people by name. ".repeat(40) }],
    });
    expect(short.input_tokens).toBeGreaterThan(0);
    expect(long.input_tokens).toBeGreaterThan(short.input_tokens);
    expect(upstream.requests).toHaveLength(0);
  });

  test("lists every configured provider,model as a model", async () => {
    const { client } = await use(() => ({ json: chatCompletion({ content: "unreachable" }) }));
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining(MOCK_ROUTES));
  });
});
