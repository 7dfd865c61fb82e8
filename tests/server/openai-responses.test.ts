// ccr in front of a scripted OpenAI Responses upstream, as the official Anthropic SDK sees it.
import { afterEach, describe, expect, test } from "bun:test";
import Anthropic from "@anthropic-ai/sdk";
import { type RunningCcr, startCcr } from "../helpers/ccr-server.ts";

interface Scripted {
  status?: number;
  /** Responses stream events, sent as `event:` + `data:` lines. */
  events?: object[];
  json?: unknown;
}

interface Stack {
  client: Anthropic;
  requests: { path: string; headers: Record<string, string>; body: Record<string, unknown> }[];
  stop(): Promise<void>;
}

let stack: Stack | undefined;

afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

function sseBody(events: readonly object[]): string {
  return events.map((event) => `event: ${"type" in event ? String(event.type) : "message"}\ndata: ${JSON.stringify(event)}\n\n`).join("");
}

async function use(script: Scripted): Promise<Stack> {
  const requests: Stack["requests"] = [];
  const upstream = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const body: Record<string, unknown> = await req.json();
      requests.push({ path: new URL(req.url).pathname, headers: Object.fromEntries(req.headers), body });
      if (script.events !== undefined) {
        return new Response(sseBody(script.events), { status: script.status ?? 200, headers: { "content-type": "text/event-stream" } });
      }
      return Response.json(script.json ?? {}, { status: script.status ?? 200 });
    },
  });
  let ccr: RunningCcr;
  try {
    ccr = await startCcr({
      Providers: [
        {
          name: "oai",
          api_base_url: `http://127.0.0.1:${upstream.port}/v1`,
          api_key: "sk-responses-upstream",
          models: ["gpt-5-mini"],
          transformer: { use: ["openai-responses"] },
        },
      ],
      Router: { default: "oai,gpt-5-mini" },
    });
  } catch (err) {
    await upstream.stop(true);
    throw err;
  }
  stack = {
    client: new Anthropic({ baseURL: ccr.url, apiKey: "x", maxRetries: 0 }),
    requests,
    async stop() {
      await ccr.stop();
      await upstream.stop(true);
    },
  };
  return stack;
}

const response = (status: string, extra: object = {}) => ({ id: "resp_1", object: "response", model: "gpt-5-mini", status, output: [], ...extra });
const created = { type: "response.created", response: response("in_progress") };
const completed = (usage: object) => ({ type: "response.completed", response: response("completed", { usage }) });
const request = { model: "claude-opus-5-5", max_tokens: 1024, messages: [{ role: "user" as const, content: "Say hello" }] };

describe("ccr with an OpenAI Responses upstream", () => {
  test("streams text to the SDK and sends a stateless Responses request with Bearer auth", async () => {
    const { client, requests } = await use({
      events: [
        created,
        { type: "response.output_item.added", output_index: 0, item: { id: "msg_1", type: "message", role: "assistant", content: [] } },
        { type: "response.output_text.delta", item_id: "msg_1", output_index: 0, delta: "Hello " },
        { type: "response.output_text.delta", item_id: "msg_1", output_index: 0, delta: "there." },
        { type: "response.output_item.done", output_index: 0, item: { id: "msg_1", type: "message", content: [] } },
        completed({ input_tokens: 12, output_tokens: 3 }),
      ],
    });
    const message = await client.messages.stream(request).finalMessage();
    expect(message.content.map((b) => (b.type === "text" ? b.text : b.type))).toEqual(["Hello there."]);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage).toMatchObject({ input_tokens: 12, output_tokens: 3 });
    expect(requests[0]?.path).toBe("/v1/responses");
    expect(requests[0]?.headers.authorization).toBe("Bearer sk-responses-upstream");
    expect(requests[0]?.body).toMatchObject({ model: "gpt-5-mini", store: false, stream: true, max_output_tokens: 1024 });
    expect(requests[0]?.body.input).toEqual([{ role: "user", content: [{ type: "input_text", text: "Say hello" }] }]);
  });

  test("streams two function calls as tool_use blocks with their full inputs", async () => {
    const call = (id: string, n: number, name: string) => ({ id, type: "function_call", call_id: `call_${n}`, name, arguments: "" });
    const { client, requests } = await use({
      events: [
        created,
        { type: "response.output_item.added", output_index: 0, item: call("fc_1", 1, "get_weather") },
        { type: "response.function_call_arguments.delta", item_id: "fc_1", output_index: 0, delta: '{"city":' },
        { type: "response.output_item.added", output_index: 1, item: call("fc_2", 2, "get_time") },
        { type: "response.function_call_arguments.delta", item_id: "fc_2", output_index: 1, delta: '{"tz":"UTC"}' },
        { type: "response.function_call_arguments.delta", item_id: "fc_1", output_index: 0, delta: '"Paris"}' },
        { type: "response.output_item.done", output_index: 0, item: { ...call("fc_1", 1, "get_weather"), arguments: '{"city":"Paris"}' } },
        { type: "response.output_item.done", output_index: 1, item: { ...call("fc_2", 2, "get_time"), arguments: '{"tz":"UTC"}' } },
        completed({ input_tokens: 40, output_tokens: 20 }),
      ],
    });
    const tools: Anthropic.Tool[] = [
      { name: "get_weather", input_schema: { type: "object", properties: { city: { type: "string" } } } },
      { name: "get_time", input_schema: { type: "object", properties: { tz: { type: "string" } } } },
    ];
    const message = await client.messages.stream({ ...request, tools }).finalMessage();
    expect(message.content.map((b) => (b.type === "tool_use" ? { id: b.id, name: b.name, input: b.input } : b.type))).toEqual([
      { id: "call_1", name: "get_weather", input: { city: "Paris" } },
      { id: "call_2", name: "get_time", input: { tz: "UTC" } },
    ]);
    expect(message.stop_reason).toBe("tool_use");
    expect(requests[0]?.body.tools).toEqual([
      { type: "function", name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } }, strict: false },
      { type: "function", name: "get_time", parameters: { type: "object", properties: { tz: { type: "string" } } }, strict: false },
    ]);
  });

  test("returns reasoning as signed thinking and replays it as a reasoning item on the next turn", async () => {
    const { client, requests } = await use({
      json: response("completed", {
        output: [
          { id: "rs_1", type: "reasoning", summary: [{ type: "summary_text", text: "Think first." }], encrypted_content: "enc-xyz" },
          { id: "msg_1", type: "message", role: "assistant", content: [{ type: "output_text", text: "Answer." }] },
        ],
        usage: { input_tokens: 9, output_tokens: 4 },
      }),
    });
    const thinking = { type: "adaptive" } as const;
    // The installed SDK's types predate adaptive thinking, which current Claude Code sends.
    const first = await client.messages.create({ ...request, thinking } as Anthropic.MessageCreateParamsNonStreaming);
    expect(first.content.map((b) => b.type)).toEqual(["thinking", "text"]);
    expect(requests[0]?.body).toMatchObject({ reasoning: { effort: "medium", summary: "auto" }, include: ["reasoning.encrypted_content"] });
    await client.messages.create({
      ...request,
      messages: [...request.messages, { role: "assistant", content: first.content }, { role: "user", content: "More" }],
    });
    const input = requests[1]?.body.input;
    expect(Array.isArray(input) ? input[1] : undefined).toEqual({
      type: "reasoning",
      id: "rs_1",
      summary: [{ type: "summary_text", text: "Think first." }],
      encrypted_content: "enc-xyz",
    });
  });

  test("turns an upstream 429 into the SDK's RateLimitError and a failed response into an error event", async () => {
    const limited = await use({ status: 429, json: { error: { message: "Slow down", type: "requests", code: "rate_limit_exceeded" } } });
    const err = await limited.client.messages.create(request).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    await limited.stop();
    stack = undefined;

    const failing = await use({
      events: [
        created,
        { type: "response.output_item.added", output_index: 0, item: { id: "msg_1", type: "message", content: [] } },
        { type: "response.output_text.delta", item_id: "msg_1", output_index: 0, delta: "Part" },
        { type: "response.failed", response: response("failed", { error: { code: "server_error", message: "Model crashed" } }) },
      ],
    });
    const streamed = await failing.client.messages.stream(request).finalMessage().then(() => undefined, (e: unknown) => e);
    expect(streamed).toBeInstanceOf(Anthropic.APIError);
    expect(String(streamed instanceof Error ? streamed.message : "")).toContain("Model crashed");
  });
});
