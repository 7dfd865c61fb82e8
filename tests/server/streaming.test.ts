// ccr's streaming over raw HTTP: events are not buffered, client aborts reach the upstream, the grammar holds.
import { afterEach, describe, expect, test } from "bun:test";
import type { StreamEvent } from "../../src/formats/anthropic.ts";
import { createSseParser } from "../../src/sse/parse.ts";
import { chatChunk, reasoningThenToolStream, textStream } from "../helpers/openai-chunks.ts";
import { assertAnthropicStreamGrammar } from "../helpers/stream-grammar.ts";
import type { UpstreamScript } from "../helpers/openai-upstream.ts";
import { baseRequest, startMockStack, within, type MockStack } from "../helpers/mock-stack.ts";

let stack: MockStack | undefined;

afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

async function use(script: UpstreamScript, extraConfig: Record<string, unknown> = {}): Promise<MockStack> {
  stack = await startMockStack(script, extraConfig);
  return stack;
}

interface TimedEvent {
  event: string | undefined;
  data: string;
  at: number;
}

/** POSTs a streaming request with fetch and yields each SSE event with the moment it arrived. */
async function* rawStream(url: string, signal?: AbortSignal, extra: object = {}): AsyncGenerator<TimedEvent> {
  const res = await fetch(`${url}/v1/messages?beta=true`, {
    method: "POST",
    headers: { "content-type": "application/json", "anthropic-version": "2023-06-01", "x-api-key": "x" },
    body: JSON.stringify({ ...baseRequest, stream: true, ...extra }),
    signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toStartWith("text/event-stream");
  if (!res.body) throw new Error("streamed response without a body");
  const parser = createSseParser();
  for await (const chunk of res.body) {
    const at = performance.now();
    for (const message of parser.push(chunk)) yield { ...message, at };
  }
}

describe("ccr streaming over raw HTTP", () => {
  test("delivers the first text delta before the upstream has sent the rest", async () => {
    // Role chunk and first text piece at once, then 500 ms of silence, then the remainder.
    const { ccr, upstream } = await use(() => ({ sse: textStream("Hello world, streaming.", { pieces: 3 }), delayMs: (i) => (i === 2 ? 500 : 0) }));
    const events: TimedEvent[] = [];
    for await (const event of rawStream(ccr.url)) events.push(event);
    const firstDelta = events.find((e) => e.event === "content_block_delta");
    const afterGap = upstream.requests[0]?.sentAt[2];
    expect(firstDelta).toBeDefined();
    expect(afterGap).toBeDefined();
    // Arrived before the upstream even sent its next chunk, with most of the 500 ms gap to spare.
    expect((afterGap ?? 0) - (firstDelta?.at ?? Infinity)).toBeGreaterThan(250);
    expect(events.at(-1)?.event).toBe("message_stop");
  });

  test("aborts the upstream request when the client goes away mid-stream", async () => {
    const { ccr, upstream } = await use(() => ({ sse: textStream("x".repeat(60), { pieces: 60 }), delayMs: 100 }));
    const ctrl = new AbortController();
    for await (const event of rawStream(ccr.url, ctrl.signal)) {
      if (event.event === "content_block_delta") break;
    }
    ctrl.abort();
    const rec = upstream.requests[0];
    const outcome = await within(rec?.aborted ?? Promise.reject(new Error("no upstream request")), 3000);
    expect(outcome.state).toBe("resolved");
    expect(rec?.sentAt.length ?? 0).toBeLessThan(textStream("x".repeat(60), { pieces: 60 }).length);
  });

  test("names every event after its type and keeps the Anthropic grammar through thinking, text and parallel tools", async () => {
    const calls = [
      { id: "call_r1", name: "Read", args: { file_path: "/tmp/a.txt" } },
      { id: "call_r2", name: "Read", args: { file_path: "/tmp/b.txt" } },
    ];
    const sse = reasoningThenToolStream("Need both files.", calls, { splitArgsInto: 3 });
    // A text burst between the reasoning and the calls: thinking, text and tool blocks must each close before the next.
    sse.splice(4, 0, chatChunk({ content: "Reading both." }));
    const { ccr } = await use(() => ({ sse, delayMs: 2 }));
    const events: TimedEvent[] = [];
    for await (const event of rawStream(ccr.url, undefined, { thinking: { type: "adaptive" } })) events.push(event);
    // Parsed off the wire; the grammar check below validates every field it relies on.
    const parsed = events.map((e) => JSON.parse(e.data) as StreamEvent);
    expect(events.map((e) => e.event)).toEqual(parsed.map((p) => p.type));
    assertAnthropicStreamGrammar(parsed);
    const starts = parsed.flatMap((p) => (p.type === "content_block_start" ? [p.content_block.type] : []));
    expect(starts).toEqual(["thinking", "text", "tool_use", "tool_use"]);
  });
});
