// ccr in front of a scripted Gemini upstream (generateContent wire format), as the official Anthropic SDK sees it.
import { afterEach, describe, expect, test } from "bun:test";
import Anthropic from "@anthropic-ai/sdk";
import { type RunningCcr, startCcr } from "../helpers/ccr-server.ts";

interface Scripted {
  status?: number;
  /** GenerateContentResponse chunks, sent the way Gemini's `alt=sse` does: `data: {...}\r\n\r\n`. */
  chunks?: object[];
  json?: unknown;
}

interface Seen {
  path: string;
  search: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

interface Stack {
  client: Anthropic;
  requests: Seen[];
  stop(): Promise<void>;
}

let stack: Stack | undefined;

afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

function sseBody(chunks: readonly object[]): string {
  return chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`).join("");
}

async function use(script: Scripted): Promise<Stack> {
  const requests: Seen[] = [];
  const upstream = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      const body: Record<string, unknown> = await req.json();
      requests.push({ path: url.pathname, search: url.search, headers: Object.fromEntries(req.headers), body });
      if (script.chunks !== undefined) {
        return new Response(sseBody(script.chunks), { status: script.status ?? 200, headers: { "content-type": "text/event-stream" } });
      }
      return Response.json(script.json ?? {}, { status: script.status ?? 200 });
    },
  });
  let ccr: RunningCcr;
  try {
    ccr = await startCcr({
      Providers: [
        {
          name: "gemini",
          api_base_url: `http://127.0.0.1:${upstream.port}/v1beta/models/`,
          api_key: "AIzaSyTestKey0000000000000000000",
          models: ["gemini-3-pro-preview"],
          transformer: { use: ["gemini"] },
        },
      ],
      Router: { default: "gemini,gemini-3-pro-preview" },
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

const chunk = (parts: object[], finishReason?: string, usageMetadata?: object) => ({
  candidates: [{ content: { role: "model", parts }, ...(finishReason ? { finishReason } : {}), index: 0 }],
  ...(usageMetadata ? { usageMetadata } : {}),
  modelVersion: "gemini-3-pro-preview",
  responseId: "r1",
});
const request = { model: "claude-opus-5-5", max_tokens: 1024, messages: [{ role: "user" as const, content: "Say hello" }] };

describe("ccr with a Gemini upstream", () => {
  test("streams text to the SDK and calls streamGenerateContent with the key header", async () => {
    const { client, requests } = await use({
      chunks: [
        chunk([{ text: "Hello " }], undefined, { promptTokenCount: 8, candidatesTokenCount: 1 }),
        chunk([{ text: "there." }], "STOP", { promptTokenCount: 8, candidatesTokenCount: 3, thoughtsTokenCount: 4 }),
      ],
    });
    const message = await client.messages.stream(request).finalMessage();
    expect(message.content.map((b) => (b.type === "text" ? b.text : b.type))).toEqual(["Hello there."]);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage).toMatchObject({ input_tokens: 8, output_tokens: 7 });
    expect(requests[0]?.path).toBe("/v1beta/models/gemini-3-pro-preview:streamGenerateContent");
    expect(requests[0]?.search).toBe("?alt=sse");
    expect(requests[0]?.headers["x-goog-api-key"]).toBe("AIzaSyTestKey0000000000000000000");
    expect(requests[0]?.body.contents).toEqual([{ role: "user", parts: [{ text: "Say hello" }] }]);
    expect(requests[0]?.body.generationConfig).toEqual({ maxOutputTokens: 1024 });
  });

  test("streams parallel function calls from one chunk as tool_use with STOP mapped to tool_use", async () => {
    const { client } = await use({
      chunks: [
        chunk(
          [
            { functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: "U0lH" },
            { functionCall: { name: "get_time", args: { tz: "UTC" } } },
          ],
          "STOP",
        ),
      ],
    });
    const tools: Anthropic.Tool[] = [
      { name: "get_weather", input_schema: { type: "object", properties: { city: { type: "string" } } } },
      { name: "get_time", input_schema: { type: "object", properties: { tz: { type: "string" } } } },
    ];
    const message = await client.messages.stream({ ...request, tools }).finalMessage();
    expect(message.content.map((b) => b.type)).toEqual(["redacted_thinking", "tool_use", "tool_use"]);
    expect(message.content.flatMap((b) => (b.type === "tool_use" ? [[b.name, b.input]] : []))).toEqual([
      ["get_weather", { city: "Paris" }],
      ["get_time", { tz: "UTC" }],
    ]);
    expect(message.content.filter((b) => b.type === "tool_use").every((b) => b.type === "tool_use" && b.id.startsWith("toolu_"))).toBe(true);
    expect(message.stop_reason).toBe("tool_use");
  });

  test("streams thoughts as a thinking block whose signature brings the thought signature back next turn", async () => {
    const { client, requests } = await use({
      chunks: [
        chunk([{ text: "Weighing options.", thought: true }]),
        chunk([{ text: "Done.", thoughtSignature: "VEVYVF9TSUc=" }], "STOP"),
      ],
    });
    const first = await client.messages.stream({ ...request, thinking: { type: "enabled", budget_tokens: 2048 } }).finalMessage();
    expect(first.content.map((b) => b.type)).toEqual(["thinking", "text"]);
    const thinking = first.content[0];
    expect(thinking?.type === "thinking" && thinking.thinking).toBe("Weighing options.");
    expect(thinking?.type === "thinking" && thinking.signature.startsWith("ccr1.")).toBe(true);
    expect(requests[0]?.body.generationConfig).toMatchObject({ thinkingConfig: { includeThoughts: true, thinkingLevel: "LOW" } });

    await client.messages.stream({
      ...request,
      messages: [...request.messages, { role: "assistant", content: first.content }, { role: "user", content: "again" }],
    }).finalMessage();
    const contents = requests[1]?.body.contents;
    expect(Array.isArray(contents) ? contents[1] : undefined).toEqual({ role: "model", parts: [{ text: "Done.", thoughtSignature: "VEVYVF9TSUc=" }] });
  });

  test("answers an upstream 400 (a JSON array of Gemini errors) with an Anthropic invalid_request_error", async () => {
    const text = 'Invalid JSON payload received. Unknown name "exclusiveMinimum"';
    const { client } = await use({ status: 400, json: [{ error: { code: 400, message: text, status: "INVALID_ARGUMENT" } }] });
    const failure = await client.messages.stream(request).finalMessage().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(Anthropic.APIError);
    if (failure instanceof Anthropic.APIError) {
      expect(failure.status).toBe(400);
      expect(failure.error).toMatchObject({ type: "error", error: { type: "invalid_request_error", message: text } });
    }
  });

  test("converts a non-streaming generateContent answer", async () => {
    const { client, requests } = await use({
      json: {
        candidates: [{ content: { role: "model", parts: [{ text: "Plain answer." }] }, finishReason: "MAX_TOKENS" }],
        usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 2 },
        modelVersion: "gemini-3-pro-preview",
      },
    });
    const message = await client.messages.create(request);
    expect(message.content.map((b) => (b.type === "text" ? b.text : b.type))).toEqual(["Plain answer."]);
    expect(message.stop_reason).toBe("max_tokens");
    expect(requests[0]?.path).toBe("/v1beta/models/gemini-3-pro-preview:generateContent");
  });
});
