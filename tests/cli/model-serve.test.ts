// `ccr model` edits reach a running `ccr serve` through its config watcher: no restart.
import { afterEach, expect, test } from "bun:test";
import { runCli } from "../../src/cli/run-cli.ts";
import { startCcrProcess, type CcrProcess } from "../helpers/ccr-server.ts";
import { fakeIo } from "../helpers/fake-io.ts";
import { textStream } from "../helpers/openai-chunks.ts";
import { startOpenAiUpstream } from "../helpers/openai-upstream.ts";

const cleanup: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c.stop();
});

async function routeOf(ccr: CcrProcess): Promise<string> {
  const body = JSON.stringify({ model: "claude-sonnet-4-5", max_tokens: 50, messages: [{ role: "user", content: "hi" }] });
  const res = await fetch(`${ccr.url}/v1/messages`, { method: "POST", headers: { "content-type": "application/json" }, body });
  await res.arrayBuffer();
  return res.headers.get("x-ccr-route") ?? "";
}

test("a running ccr serve routes the next request to the slot ccr model just switched", async () => {
  const upstream = startOpenAiUpstream(() => ({ sse: textStream("ok") }));
  cleanup.push(upstream);
  const ccr = await startCcrProcess({
    Providers: [{ name: "up", api_base_url: upstream.chatUrl, api_key: "k", models: ["first", "second"] }],
    Router: { default: "up,first" },
  });
  cleanup.push(ccr);
  const before = await routeOf(ccr);
  if (!before.includes("model=first")) throw new Error(`first request not routed to up,first (${before}); ccr said:\n${ccr.output().stderr}`);

  const fake = fakeIo({ env: { HOME: ccr.home, CCR_HOME: ccr.home } });
  expect(await runCli(["model", "--set", "default=up,second"], fake.io)).toBe(0);

  let route = "";
  for (let i = 0; i < 50 && !route.includes("model=second"); i++) {
    route = await routeOf(ccr);
    if (!route.includes("model=second")) await Bun.sleep(100);
  }
  expect(route).toContain("model=second");
  expect(ccr.exitCode()).toBeNull();
}, 30_000);
