// TEMPORARY exploration script for review (not a test). Run with: bun tests/e2e/r3-explore.tmp.ts
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import { chromium } from "playwright-core";
import { freePort, REPO_ROOT } from "../helpers/ccr-server.ts";
import { startOpenAiUpstream } from "../helpers/openai-upstream.ts";

const OUT = "/tmp/r3/shots";
const KEY = "ccr-client-key-Zq8Xv2Lp9Wm4";
const LONG = "accounts/fireworks/models/llama-v3p1-405b-instruct-very-long-model-name-for-testing-layout-2026-12-03";
const up = startOpenAiUpstream((req) => {
  if (req.method === "GET") return { json: { object: "list", data: [{ id: "gpt-test" }] } };
  const body = req.body as { model?: string; stream?: boolean };
  if (body.model === "bad") return { json: { error: { message: "boom" } }, status: 500 };
  return { json: { id: "x", object: "chat.completion", model: "m", choices: [{ index: 0, message: { role: "assistant", content: "pong" }, finish_reason: "stop" }], usage: { prompt_tokens: 9, completion_tokens: 1 } } };
});
const providers = Array.from({ length: 14 }, (_, i) => ({ name: `provider-number-${i}`, api_base_url: up.chatUrl, api_key: `sk-${i}-secret-abcdef`, models: i === 0 ? ["gpt-test", LONG, "bad"] : ["gpt-test"] }));
const home = await mkdtemp(join(tmpdir(), "ccr-r3-"));
await writeFile(join(home, "config.json"), JSON.stringify({ APIKEY: KEY, LOG: true, CIRCUIT_FAILURES: 1, RETRIES: 0, Providers: providers, Router: { default: `provider-number-0,${LONG}`, background: "provider-number-0,bad" } }, null, 2));
const port = freePort();
const url = `http://127.0.0.1:${port}`;
function spawn() {
  return Bun.spawn(["bun", join(REPO_ROOT, "src/main.ts"), "serve", "--port", String(port)], { env: { PATH: process.env.PATH ?? "", HOME: home, CCR_HOME: home }, stdout: "ignore", stderr: "inherit" });
}
async function healthy() {
  for (let i = 0; i < 100; i++) { if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return; await Bun.sleep(100); }
  throw new Error("no health");
}
let proc = spawn();
await healthy();
const client = new Anthropic({ baseURL: url, apiKey: KEY, maxRetries: 0 });
await client.messages.create({ model: "claude-opus-5-5", max_tokens: 8, messages: [{ role: "user", content: "hi" }] }).catch((e) => console.log("first", String(e).slice(0,80)));
await client.messages.create({ model: "claude-3-5-haiku-20241022", max_tokens: 8, messages: [{ role: "user", content: "hi" }] }).catch(() => {});
try {
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
page.setDefaultTimeout(10000);
page.on("response", (r) => { if (r.status() >= 400) console.log("resp", r.status(), r.url(), r.request().headers()["x-api-key"] ? "key" : "nokey"); });
page.on("pageerror", (e) => console.log("pageerror:", e.message));
await page.goto(`${url}/ui/`);
await page.fill("#login-key", KEY);
await page.press("#login-key", "Enter");
await page.waitForSelector("#add-provider");
const screens = ["providers", "router", "settings", "requests", "usage", "logs", "status"];
const mode = process.argv[2] ?? "shots";
if (mode === "shots") {
  for (const [tag, w, scheme] of [["wide", 1280, "light"], ["narrow", 420, "light"], ["dark", 1280, "dark"], ["darknarrow", 420, "dark"]] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: w, height: 800 });
    for (const s of screens) {
      await page.click(`nav a[href="#/${s}"]`);
      await Bun.sleep(700);
      await page.screenshot({ path: `${OUT}/${tag}-${s}.png`, fullPage: s !== "settings" });
    }
  }
}
if (mode === "keys") {
  for (const s of ["providers", "requests", "router"]) {
    await page.click(`nav a[href="#/${s}"]`);
    await Bun.sleep(500);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      seen.push(await page.evaluate(() => { const e = document.activeElement; if (!e) return "none"; const o = getComputedStyle(e).outlineStyle; return `${e.tagName.toLowerCase()}#${e.id}.${e.className} "${(e.textContent ?? "").slice(0, 30)}" outline=${o}`; }));
    }
    console.log(s, "\n  " + seen.join("\n  "));
  }
}
if (mode === "restart") {
  await page.click(`nav a[href="#/requests"]`);
  await page.waitForSelector("#live-state >> text=live");
  proc.kill("SIGTERM"); await proc.exited;
  for (let i = 0; i < 10; i++) { console.log("state", await page.textContent("#live-state")); await Bun.sleep(500); }
  proc = spawn(); await healthy();
  const t0 = Date.now();
  for (let i = 0; i < 40; i++) { const s = await page.textContent("#live-state"); if (i % 4 === 0) console.log("state", s, Date.now() - t0); if (s === "live") break; await Bun.sleep(250); }
  await client.messages.create({ model: "claude-opus-5-5", max_tokens: 8, messages: [{ role: "user", content: "after restart" }] });
  await Bun.sleep(1500);
  console.log("rows", await page.locator("#requests-table tbody tr[data-id]").count());
  await page.screenshot({ path: `${OUT}/restart-requests.png` });
}
await browser.close();
} finally {
proc.kill("SIGTERM"); await proc.exited;
await up.stop();
}
