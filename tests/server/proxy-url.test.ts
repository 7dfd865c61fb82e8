import { afterAll, beforeAll, expect, test } from "bun:test";
import { startCcr, type RunningCcr } from "../helpers/ccr-server.ts";
import { chatCompletion } from "../helpers/openai-chunks.ts";
import { startOpenAiUpstream, type OpenAiUpstream } from "../helpers/openai-upstream.ts";

// A forward proxy on loopback: plain-HTTP requests arrive in absolute form and are relayed to the target.
let proxied: string[] = [];
let proxy: ReturnType<typeof Bun.serve>;
let upstream: OpenAiUpstream;
let ccr: RunningCcr;

beforeAll(async () => {
  upstream = startOpenAiUpstream(() => ({ json: chatCompletion({ content: "via proxy", finish_reason: "stop" }) }));
  proxy = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      proxied.push(req.url);
      return fetch(req.url, { method: req.method, headers: req.headers, body: await req.text() });
    },
  });
  ccr = await startCcr(
    {
      Providers: [{ name: "mock", api_base_url: upstream.chatUrl, api_key: "k", models: ["gpt-test"] }],
      Router: { default: "mock,gpt-test" },
      PROXY_URL: `http://127.0.0.1:${proxy.port}`,
    },
    { env: { NO_PROXY: "" } },
  );
});

afterAll(async () => {
  await ccr.stop();
  await upstream.stop();
  proxy.stop(true);
});

test("sends upstream traffic through PROXY_URL", async () => {
  proxied = [];
  const res = await fetch(`${ccr.url}/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "claude", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }),
  });
  const body = (await res.json()) as { content: { text: string }[] };
  expect(body.content[0]?.text).toBe("via proxy");
  expect(proxied).toEqual([upstream.chatUrl]);
});
