// Event transformers act on non-streamed answers too: the whole message passes through them as events.
import { afterEach, expect, test } from "bun:test";
import { startCcr, type RunningCcr } from "../helpers/ccr-server.ts";
import { chatCompletion } from "../helpers/openai-chunks.ts";
import { startOpenAiUpstream, type OpenAiUpstream } from "../helpers/openai-upstream.ts";

const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
});

test("extrathinktag turns a leading <think> of a non-streamed answer into a thinking block", async () => {
  const upstream: OpenAiUpstream = startOpenAiUpstream(() => ({ json: chatCompletion({ content: "<think>plan first</think>The answer.", finish_reason: "stop" }) }));
  running.push(upstream);
  const ccr: RunningCcr = await startCcr({
    Providers: [{ name: "m", api_base_url: upstream.chatUrl, api_key: "k", models: ["x"], transformer: { use: ["extrathinktag"] } }],
    Router: { default: "m,x" },
  });
  running.push(ccr);
  const res = await fetch(`${ccr.url}/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "c", max_tokens: 50, messages: [{ role: "user", content: "hi" }] }),
  });
  const body = (await res.json()) as { content: { type: string; thinking?: string; text?: string }[] };
  expect(body.content.map((b) => b.type)).toEqual(["thinking", "text"]);
  expect(body.content[0]?.thinking).toBe("plan first");
  expect(body.content[1]?.text).toBe("The answer.");
});
