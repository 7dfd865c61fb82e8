// `ccr serve` applies config edits without a restart, while a stream that started on the old config runs to its end.
import { afterEach, expect, test } from "bun:test";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { startCcrProcess, type CcrProcess } from "../helpers/ccr-server.ts";
import { textStream } from "../helpers/openai-chunks.ts";
import { startOpenAiUpstream, type OpenAiUpstream } from "../helpers/openai-upstream.ts";

const cleanup: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c.stop();
});

function configWith(defaultRoute: string, a: OpenAiUpstream, b: OpenAiUpstream) {
  return {
    Providers: [
      { name: "old", api_base_url: a.chatUrl, api_key: "ka", models: ["m"] },
      { name: "new", api_base_url: b.chatUrl, api_key: "kb", models: ["m"] },
    ],
    Router: { default: defaultRoute },
  };
}

const body = (stream: boolean) =>
  JSON.stringify({ model: "claude-opus-5-5", max_tokens: 50, stream, messages: [{ role: "user", content: "hi" }] });

async function routeOf(ccr: CcrProcess): Promise<string> {
  const res = await fetch(`${ccr.url}/v1/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: body(false) });
  await res.arrayBuffer();
  return res.headers.get("x-ccr-route") ?? "";
}

test("a config edit takes effect for the next request while an in-flight stream finishes on the old route", async () => {
  // The old upstream streams slowly: 8 pieces, 150 ms apart.
  const a = startOpenAiUpstream((req) =>
    (req.body as { stream?: boolean }).stream ? { sse: textStream("one two three four five six seven eight", { pieces: 8 }), delayMs: 150 } : { sse: textStream("old") },
  );
  const b = startOpenAiUpstream(() => ({ sse: textStream("new") }));
  cleanup.push(a, b);
  const ccr = await startCcrProcess(configWith("old,m", a, b));
  cleanup.push(ccr);

  const inFlight = fetch(`${ccr.url}/v1/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: body(true) }).then((r) => r.text());
  await Bun.sleep(100);
  await writeFile(join(ccr.home, "config.json"), JSON.stringify(configWith("new,m", a, b)));

  let route = "";
  for (let i = 0; i < 50 && !route.includes("provider=new"); i++) {
    route = await routeOf(ccr);
    if (!route.includes("provider=new")) await Bun.sleep(100);
  }
  expect(route).toContain("provider=new");
  const streamed = await inFlight;
  expect(streamed).toContain("event: message_stop");
  expect(streamed).not.toContain("event: error");
  expect(streamed.match(/text_delta/g)?.length).toBeGreaterThanOrEqual(8);
}, 30_000);

test("an invalid edit is rejected with a logged reason and the running config keeps serving", async () => {
  const a = startOpenAiUpstream(() => ({ sse: textStream("old") }));
  const b = startOpenAiUpstream(() => ({ sse: textStream("new") }));
  cleanup.push(a, b);
  const ccr = await startCcrProcess(configWith("old,m", a, b));
  cleanup.push(ccr);
  await writeFile(join(ccr.home, "config.json"), JSON.stringify({ ...configWith("new,m", a, b), Router: { default: "nope,m" } }));
  let logged = false;
  for (let i = 0; i < 50 && !logged; i++) {
    logged = ccr.output().stderr.includes("config change rejected");
    if (!logged) await Bun.sleep(100);
  }
  expect(logged).toBe(true);
  expect(ccr.output().stderr).toContain('unknown provider \\"nope\\"');
  expect(await routeOf(ccr)).toContain("provider=old");
}, 30_000);
