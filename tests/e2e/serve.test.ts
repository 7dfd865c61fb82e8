// `ccr serve` as a child process: it listens on the port it is given, proxies, and stops cleanly on SIGTERM.
import { afterEach, describe, expect, test } from "bun:test";
import Anthropic from "@anthropic-ai/sdk";
import { startCcrProcess, type CcrProcess } from "../helpers/ccr-server.ts";
import { asRecord, textStream } from "../helpers/openai-chunks.ts";
import { startOpenAiUpstream, type OpenAiUpstream } from "../helpers/openai-upstream.ts";

let upstream: OpenAiUpstream | undefined;
let ccr: CcrProcess | undefined;

afterEach(async () => {
  await ccr?.stop();
  await upstream?.stop();
  ccr = undefined;
  upstream = undefined;
});

describe("ccr serve", () => {
  test("answers /health on the given port and streams a routed answer", async () => {
    upstream = startOpenAiUpstream(() => ({ sse: textStream("Served by a child process."), delayMs: 2 }));
    ccr = await startCcrProcess({
      Providers: [{ name: "mock", api_base_url: upstream.chatUrl, api_key: "sk-mock-upstream", models: ["gpt-test"] }],
      Router: { default: "mock,gpt-test" },
    });
    expect(ccr.url).toBe(`http://127.0.0.1:${ccr.port}`);
    const health = asRecord(await (await fetch(`${ccr.url}/health`)).json());
    expect(health?.status).toBe("ok");
    const client = new Anthropic({ baseURL: ccr.url, apiKey: "x", maxRetries: 0 });
    const message = await client.messages
      .stream({ model: "claude-opus-5-5", max_tokens: 64, messages: [{ role: "user", content: "hi" }] })
      .finalMessage();
    expect(message.content.map((b) => (b.type === "text" ? b.text : b.type))).toEqual(["Served by a child process."]);
    expect(ccr.output().stdout).toContain(`127.0.0.1:${ccr.port}`);
  });

  test("exits 0 when sent SIGTERM, releasing the port", async () => {
    const child = await startCcrProcess({ Providers: [], Router: {} });
    await child.stop();
    expect(child.exitCode()).toBe(0);
    const url = child.url;
    const after = await fetch(`${url}/health`).then(
      () => "answered",
      () => "refused",
    );
    expect(after).toBe("refused");
  });
});
