import { describe, expect, test } from "bun:test";
import type { StreamEvent } from "../../src/formats/anthropic.ts";
import type { StreamConverter } from "../../src/providers/adapter.ts";
import { pumpStream } from "../../src/proxy/stream.ts";
import { startWatchdog } from "../../src/proxy/watchdog.ts";
import { createSseParser } from "../../src/sse/parse.ts";

const encoder = new TextEncoder();

/** An upstream body whose chunks the test releases one by one. */
function controlledUpstream() {
  let ctrl!: ReadableStreamDefaultController<Uint8Array>;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      ctrl = c;
    },
    cancel: () => {
      cancelled = true;
    },
  });
  return {
    body,
    send: (text: string) => ctrl.enqueue(encoder.encode(text)),
    close: () => ctrl.close(),
    fail: (err: Error) => ctrl.error(err),
    get cancelled() {
      return cancelled;
    },
  };
}

/** A converter that turns each `data:` payload into a text event, so the pump can be tested alone. */
function echoConverter(): StreamConverter {
  let started = false;
  let index = -1;
  return {
    push(m) {
      const out: StreamEvent[] = [];
      if (!started) {
        started = true;
        out.push({ type: "message_start", message: { id: "msg_1", type: "message", role: "assistant", model: "m", content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } } });
      }
      if (m.data.startsWith("ERR")) {
        out.push({ type: "error", error: { type: "rate_limit_error", message: m.data } });
        return out;
      }
      if (index < 0) out.push({ type: "content_block_start", index: (index = 0), content_block: { type: "text", text: "" } });
      out.push({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text: m.data } });
      return out;
    },
    end: () => [{ type: "content_block_stop", index: 0 }, { type: "message_stop" }],
  };
}

async function readEvents(response: Response): Promise<StreamEvent[]> {
  const parser = createSseParser();
  const text = await response.text();
  return [...parser.push(text), ...parser.end()].map((m) => JSON.parse(m.data) as StreamEvent);
}

function pump(upstream: ReturnType<typeof controlledUpstream>, extra: { commitTimeoutMs?: number; pingIntervalMs?: number; timeoutMs?: number; secrets?: readonly string[] } = {}) {
  const aborted = { value: false };
  const timeoutMs = extra.timeoutMs ?? 10_000;
  const watchdog = startWatchdog(timeoutMs, () => upstream.fail(new Error("aborted")));
  const pumped = pumpStream({
    upstream: upstream.body,
    converter: echoConverter(),
    watchdog,
    timeoutMs,
    abort: () => {
      aborted.value = true;
    },
    headers: { "x-ccr-route": "test" },
    ...extra,
  });
  const response = pumped.then((r) => ("response" in r ? r.response : r.error.toResponse()));
  return { response, aborted, pumped };
}

describe("pumpStream", () => {
  test("hands back the error the upstream opened its stream with, before anything reached the client", async () => {
    const up = controlledUpstream();
    up.send("data: ERR slow down\n\n");
    const { response, aborted } = pump(up);
    const res = await response;
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({ type: "error", error: { type: "rate_limit_error", message: "ERR slow down" } });
    expect(aborted.value).toBe(true);
  });

  test("delivers the first events before the upstream sends its next chunk", async () => {
    const up = controlledUpstream();
    up.send("data: hello\n\n");
    const res = await pump(up).response;
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(res.headers.get("x-ccr-route")).toBe("test");
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain("event: message_start");
    expect(first).toContain('"text":"hello"');
    up.send("data: world\n\n");
    up.close();
    let rest = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      rest += new TextDecoder().decode(value);
    }
    expect(rest).toContain('"text":"world"');
    expect(rest).toContain("event: message_stop");
  });

  test("cuts configured secrets out of an error that arrives after the stream started", async () => {
    const up = controlledUpstream();
    up.send("data: part\n\n");
    const res = await pump(up, { secrets: ["sk-upstream-secret-1234"] }).response;
    up.send("data: ERR invalid key sk-upstream-secret-1234\n\n");
    const events = await readEvents(res);
    expect(events.at(-1)).toEqual({ type: "error", error: { type: "rate_limit_error", message: "ERR invalid key [redacted]" } });
  });

  test("ends the stream with an api_error event when the upstream connection breaks", async () => {
    const up = controlledUpstream();
    up.send("data: part\n\n");
    const res = await pump(up).response;
    setTimeout(() => up.fail(new Error("socket reset")), 5);
    const events = await readEvents(res);
    const last = events.at(-1);
    expect(last).toEqual({ type: "error", error: { type: "api_error", message: "upstream connection lost: socket reset" } });
  });

  test("reports a timeout_error when the upstream goes silent longer than the timeout", async () => {
    const up = controlledUpstream();
    up.send("data: part\n\n");
    const res = await pump(up, { timeoutMs: 50 }).response;
    const events = await readEvents(res);
    expect(events.at(-1)).toEqual({ type: "error", error: { type: "timeout_error", message: "upstream sent nothing for 50 ms" } });
  });

  test("commits the response after the commit timeout even if the upstream is still silent", async () => {
    const up = controlledUpstream();
    const res = await pump(up, { commitTimeoutMs: 20, pingIntervalMs: 30 }).response;
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    // No message_start yet, so the keep-alive is an SSE comment, which clients ignore.
    expect(first).toBe(": ping\n\n");
    up.send("data: late\n\n");
    up.close();
    await reader.cancel();
  });

  test("sends ping events while the upstream is silent after message_start", async () => {
    const up = controlledUpstream();
    up.send("data: a\n\n");
    const res = await pump(up, { pingIntervalMs: 30 }).response;
    const reader = res.body!.getReader();
    await reader.read();
    const next = new TextDecoder().decode((await reader.read()).value);
    expect(next).toBe('event: ping\ndata: {"type":"ping"}\n\n');
    up.close();
    await reader.cancel();
  });

  test("aborts the upstream request when the client cancels", async () => {
    const up = controlledUpstream();
    up.send("data: a\n\n");
    const { response, aborted } = pump(up);
    const res = await response;
    await res.body!.cancel();
    expect(aborted.value).toBe(true);
  });
});
