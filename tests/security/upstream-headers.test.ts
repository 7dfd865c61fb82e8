// Client headers never reach an upstream, except anthropic-beta and anthropic-version for Anthropic upstreams.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startCcr, type RunningCcr } from "../helpers/ccr-server.ts";

const CLIENT_KEY = "ccr-client-key-0123456789";

/** What fetch itself adds, plus what each adapter sets on purpose. */
const TRANSPORT = ["host", "user-agent", "accept", "accept-encoding", "connection", "content-length", "content-type"];

let seen: { path: string; headers: Record<string, string> }[] = [];
let upstream: ReturnType<typeof Bun.serve>;
let ccr: RunningCcr;

beforeAll(async () => {
  upstream = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const path = new URL(req.url).pathname;
      seen.push({ path, headers: Object.fromEntries(req.headers) });
      await req.text();
      if (path === "/v1/messages") {
        return Response.json({ id: "msg_1", type: "message", role: "assistant", model: "c", content: [{ type: "text", text: "ok" }], stop_reason: "end_turn", stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } });
      }
      return Response.json({ id: "c", object: "chat.completion", created: 1, model: "m", choices: [{ index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } });
    },
  });
  const base = `http://127.0.0.1:${upstream.port}`;
  ccr = await startCcr({
    APIKEY: CLIENT_KEY,
    Providers: [
      { name: "oa", api_base_url: `${base}/v1/chat/completions`, api_key: "sk-oa-provider-key", models: ["m"] },
      { name: "an", api_base_url: base, api_key: "sk-an-provider-key", models: ["c"], transformer: { use: ["Anthropic"] } },
    ],
    Router: { default: "oa,m" },
  });
});
afterAll(async () => {
  await ccr.stop();
  await upstream.stop(true);
});

const CLIENT_HEADERS: Record<string, string> = {
  "content-type": "application/json",
  authorization: `Bearer ${CLIENT_KEY}`,
  cookie: "session=abc",
  "x-forwarded-for": "10.0.0.1",
  "x-custom-secret": "do-not-forward",
  "anthropic-beta": "fine-grained-tool-streaming-2025-05-14",
  "anthropic-version": "2023-06-01",
  "x-claude-code-session-id": "sess-1",
  "user-agent": "claude-cli/2.0",
  origin: "https://example.com",
};

async function send(model: string): Promise<Record<string, string>> {
  seen = [];
  const res = await fetch(`${ccr.url}/v1/messages`, { method: "POST", headers: CLIENT_HEADERS, body: JSON.stringify({ model, max_tokens: 5, messages: [{ role: "user", content: "hi" }] }) });
  expect(res.status).toBe(200);
  await res.text();
  expect(seen).toHaveLength(1);
  return seen[0]?.headers ?? {};
}

describe("headers sent upstream", () => {
  test("an OpenAI-compatible upstream gets only its own key and transport headers", async () => {
    const headers = await send("oa,m");
    expect(Object.keys(headers).filter((h) => !TRANSPORT.includes(h) && h !== "authorization")).toEqual([]);
    expect(headers.authorization).toBe("Bearer sk-oa-provider-key");
    expect(headers["user-agent"]).not.toBe("claude-cli/2.0");
  });
  test("an Anthropic upstream also gets anthropic-beta and anthropic-version, and its own key instead of the client's", async () => {
    const headers = await send("an,c");
    expect(Object.keys(headers).filter((h) => !TRANSPORT.includes(h) && !["x-api-key", "anthropic-beta", "anthropic-version"].includes(h))).toEqual([]);
    expect(headers["x-api-key"]).toBe("sk-an-provider-key");
    expect(headers["anthropic-beta"]).toBe("fine-grained-tool-streaming-2025-05-14");
    expect(JSON.stringify(headers)).not.toContain(CLIENT_KEY);
  });
});
