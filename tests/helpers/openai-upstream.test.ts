// Checks the scripted upstream against the official OpenAI SDK, so server tests rest on a genuine wire format.
import { afterEach, describe, expect, test } from "bun:test";
import OpenAI from "openai";
import { chatCompletion, openAiError, reasoningThenToolStream, textStream, toolCallStream } from "./openai-chunks.ts";
import { startOpenAiUpstream, type OpenAiUpstream, type UpstreamReply, type UpstreamScript } from "./openai-upstream.ts";

let upstream: OpenAiUpstream | undefined;

afterEach(async () => {
  await upstream?.stop();
  upstream = undefined;
});

function start(script: UpstreamScript): OpenAI {
  upstream = startOpenAiUpstream(script);
  return new OpenAI({ baseURL: `${upstream.url}/v1`, apiKey: "sk-test", maxRetries: 0 });
}

const ask: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: "user", content: "hi" }];

describe("startOpenAiUpstream", () => {
  test("streams a text answer the OpenAI SDK accumulates, with usage when asked for", async () => {
    const client = start(() => ({ sse: textStream("Hello there, world.", { pieces: 4 }) }));
    const stream = client.chat.completions.stream({
      model: "gpt-test",
      messages: ask,
      stream_options: { include_usage: true },
    });
    const done = await stream.finalChatCompletion();
    expect(done.choices[0]?.message.content).toBe("Hello there, world.");
    expect(done.choices[0]?.finish_reason).toBe("stop");
    expect(done.usage?.completion_tokens).toBe(7);
    expect(upstream?.requests[0]?.path).toBe("/v1/chat/completions");
    expect(upstream?.requests[0]?.headers.authorization).toBe("Bearer sk-test");
  });

  test("leaves the usage chunk out when the request did not ask for it, as OpenAI does", async () => {
    const client = start(() => ({ sse: textStream("Hi.") }));
    const chunks: OpenAI.Chat.ChatCompletionChunk[] = [];
    for await (const chunk of await client.chat.completions.create({ model: "gpt-test", messages: ask, stream: true })) {
      chunks.push(chunk);
    }
    expect(chunks.some((c) => c.choices.length === 0)).toBe(false);
    expect(chunks.every((c) => c.object === "chat.completion.chunk" && c.id.startsWith("chatcmpl-"))).toBe(true);
  });

  test("streams parallel tool calls whose fragmented arguments reassemble to the scripted input", async () => {
    const calls = [
      { id: "call_a1", name: "get_weather", args: { city: "Paris" } },
      { id: "call_b2", name: "get_time", args: { tz: "Europe/Paris" } },
    ];
    const client = start(() => ({ sse: reasoningThenToolStream("Let me look.", calls, { splitArgsInto: 4 }) }));
    const stream = client.chat.completions.stream({ model: "gpt-test", messages: ask });
    const done = await stream.finalChatCompletion();
    const got = done.choices[0]?.message.tool_calls?.map((c) => (c.type === "function" ? [c.id, c.function.name, JSON.parse(c.function.arguments)] : []));
    expect(got).toEqual([
      ["call_a1", "get_weather", { city: "Paris" }],
      ["call_b2", "get_time", { tz: "Europe/Paris" }],
    ]);
    expect(done.choices[0]?.finish_reason).toBe("tool_calls");
    const fragments = toolCallStream(calls, { splitArgsInto: 4 }).length;
    expect(fragments).toBeGreaterThan(8);
  });

  test("answers non-streamed completions and scripted errors with their status", async () => {
    let n = 0;
    const client = start(() => {
      n += 1;
      if (n === 1) return { json: chatCompletion({ content: "ok", reasoning_content: "hmm" }) };
      return { json: openAiError("Rate limit reached", { code: "rate_limit_exceeded" }), status: 429, headers: { "retry-after": "3" } };
    });
    const first = await client.chat.completions.create({ model: "gpt-test", messages: ask });
    expect(first.choices[0]?.message.content).toBe("ok");
    const err = await client.chat.completions.create({ model: "gpt-test", messages: ask }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect(err instanceof OpenAI.APIError ? err.headers?.get("retry-after") : undefined).toBe("3");
  });

  test("paces chunks with real delays between separate writes", async () => {
    start(() => ({ sse: textStream("abcdef", { pieces: 3 }), delayMs: (i) => (i === 1 ? 300 : 0) }));
    const res = await fetch(`${upstream?.url}/v1/chat/completions`, { method: "POST", body: "{}" });
    const reader = res.body?.getReader();
    const first = await reader?.read();
    const firstAt = performance.now();
    expect(new TextDecoder().decode(first?.value)).toStartWith("data: {");
    while (!(await reader?.read())?.done) {
      // drain the rest
    }
    const sent = upstream?.requests[0]?.sentAt ?? [];
    expect(sent.length).toBeGreaterThan(3);
    expect((sent[1] ?? 0) - (sent[0] ?? 0)).toBeGreaterThanOrEqual(290);
    expect(firstAt).toBeLessThan(sent[1] ?? 0);
  });

  test("reports a client that goes away mid-stream", async () => {
    start(() => ({ sse: textStream("x".repeat(40), { pieces: 40 }), delayMs: 100 }));
    const ctrl = new AbortController();
    const res = await fetch(`${upstream?.url}/v1/chat/completions`, { method: "POST", body: "{}", signal: ctrl.signal });
    await res.body?.getReader().read();
    ctrl.abort();
    const abortedAt = await Promise.race([upstream?.requests[0]?.aborted, Bun.sleep(3000).then(() => -1)]);
    expect(abortedAt).toBeGreaterThan(0);
  });

  test("cuts the connection when told to die, and hangs until stopped", async () => {
    start((_req, n): UpstreamReply => (n === 0 ? { raw: ["data: {\"id\":\"x\"}\n\n"], die: true } : { hang: true }));
    const res = await fetch(`${upstream?.url}/v1/chat/completions`, { method: "POST", body: "{}" });
    const error = await res.text().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const hung = await Promise.race([
      fetch(`${upstream?.url}/v1/chat/completions`, { method: "POST", body: "{}" }).then(() => "answered", () => "failed"),
      Bun.sleep(300).then(() => "hanging"),
    ]);
    expect(hung).toBe("hanging");
  });
});
