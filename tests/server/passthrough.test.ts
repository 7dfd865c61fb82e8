import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startCcr, type RunningCcr } from "../helpers/ccr-server.ts";

interface Seen {
  path: string;
  headers: Headers;
  body: Record<string, unknown>;
}

const ANTHROPIC_SSE = [
  'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_up","type":"message","role":"assistant","content":[],"model":"claude-up","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":1}}}\n\n',
  'event: ping\ndata: {"type":"ping"}\n\n',
  'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi ✓"}}\n\n',
  'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
  'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":3}}\n\n',
  'event: message_stop\ndata: {"type":"message_stop"}\n\n',
];

let seen: Seen[] = [];
let upstream: ReturnType<typeof Bun.serve>;
let ccr: RunningCcr;

beforeAll(async () => {
  upstream = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const body = (await req.json()) as Record<string, unknown>;
      seen.push({ path: new URL(req.url).pathname, headers: req.headers, body });
      if (body.model === "overloaded") {
        return new Response('{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', {
          status: 529,
          headers: { "content-type": "application/json", "request-id": "req_123", "retry-after": "7" },
        });
      }
      if (body.stream) {
        const enc = new TextEncoder();
        return new Response(
          new ReadableStream({
            async pull(c) {
              const next = ANTHROPIC_SSE.shift();
              if (next === undefined) return c.close();
              c.enqueue(enc.encode(next));
              await Bun.sleep(2);
            },
          }),
          { headers: { "content-type": "text/event-stream" } },
        );
      }
      return Response.json({ id: "msg_up", type: "message", role: "assistant", model: "claude-up", content: [{ type: "text", text: "plain" }], stop_reason: "end_turn", stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1 } });
    },
  });
  ccr = await startCcr({
    Providers: [{ name: "anth", api_base_url: `http://127.0.0.1:${upstream.port}`, api_key: "sk-ant-provider", models: ["claude-up", "overloaded"], transformer: { use: ["Anthropic"] } }],
    Router: { default: "anth,claude-up" },
    RETRIES: 0,
  });
});

afterAll(async () => {
  await ccr.stop();
  upstream.stop(true);
});

describe("Anthropic passthrough", () => {
  test("streams the upstream's events to the SDK unchanged, ping included", async () => {
    seen = [];
    const raw = await fetch(`${ccr.url}/v1/messages?beta=true`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": "client-key", "anthropic-beta": "claude-code-20250219" },
      body: JSON.stringify({ model: "claude-opus-5-5", max_tokens: 100, stream: true, messages: [{ role: "user", content: "hi" }], context_management: { edits: [] } }),
    });
    const text = await raw.text();
    expect(text).toContain('event: ping\ndata: {"type":"ping"}');
    expect(text).toContain('"text":"Hi ✓"');
    const request = seen[0]!;
    expect(request.path).toBe("/v1/messages");
    expect(request.body.model).toBe("claude-up");
    expect(request.body.context_management).toEqual({ edits: [] });
    expect(request.headers.get("x-api-key")).toBe("sk-ant-provider");
    expect(request.headers.get("anthropic-beta")).toBe("claude-code-20250219");
  });

  test("answers a non-streamed request with the upstream's JSON", async () => {
    const client = new Anthropic({ baseURL: ccr.url, apiKey: "x", maxRetries: 0 });
    const message = await client.messages.create({ model: "claude-opus-5-5", max_tokens: 10, messages: [{ role: "user", content: "hi" }] });
    expect(message.content.map((b) => (b.type === "text" ? b.text : b.type))).toEqual(["plain"]);
  });

  test("returns upstream errors with their status, type and retry headers", async () => {
    const res = await fetch(`${ccr.url}/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "anth,overloaded", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }),
    });
    expect(res.status).toBe(529);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(await res.json()).toEqual({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } });
  });
});
