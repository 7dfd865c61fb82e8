import { afterEach, describe, expect, test } from "bun:test";
import type { LogLevel } from "../../src/log.ts";
import { startCcr, type RunningCcr } from "../helpers/ccr-server.ts";
import { startOpenAiUpstream, type OpenAiUpstream } from "../helpers/openai-upstream.ts";

const PROMPT = "the secret plan is in drawer 42";
const reply = { json: { id: "c1", object: "chat.completion", model: "gpt-test", choices: [{ index: 0, message: { role: "assistant", content: "noted" }, finish_reason: "stop" }], usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } } };

let upstream: OpenAiUpstream | undefined;
let ccr: RunningCcr | undefined;

afterEach(async () => {
  await ccr?.stop();
  await upstream?.stop();
  ccr = undefined;
  upstream = undefined;
});

async function logsAt(level: LogLevel): Promise<string> {
  upstream = startOpenAiUpstream(() => reply);
  ccr = await startCcr(
    { Providers: [{ name: "mock", api_base_url: upstream.chatUrl, api_key: "sk-upstream-key-777", models: ["gpt-test"] }], Router: { default: "mock,gpt-test" } },
    { logLevel: level },
  );
  const res = await fetch(`${ccr.url}/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "claude-x", max_tokens: 16, messages: [{ role: "user", content: PROMPT }] }),
  });
  expect(res.status).toBe(200);
  return ccr.logs.join("\n");
}

describe("prompt logging", () => {
  test("keeps prompts out of the log at debug and every level above", async () => {
    const logs = await logsAt("debug");
    expect(logs).toContain('"msg":"request"');
    expect(logs).not.toContain(PROMPT);
  });

  test("logs the client and upstream bodies at trace, without the provider key", async () => {
    const logs = await logsAt("trace");
    expect(logs).toContain('"msg":"client request"');
    expect(logs).toContain('"msg":"upstream request"');
    expect(logs.split(PROMPT).length - 1).toBeGreaterThanOrEqual(2);
    expect(logs).not.toContain("sk-upstream-key-777");
  });
});
