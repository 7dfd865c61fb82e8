// The web UI in a real browser (Debian chromium via playwright-core) against the compiled binary and a scripted
// upstream: add a provider, route to it, send a request, watch it arrive live and in the usage chart; no secret leaks.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import Anthropic from "@anthropic-ai/sdk";
import { mkdirSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page, type Response as PwResponse } from "playwright-core";
import { freePort, REPO_ROOT } from "../helpers/ccr-server.ts";
import { compiledBinary } from "../helpers/compiled-binary.ts";
import { textStream } from "../helpers/openai-chunks.ts";
import { startOpenAiUpstream, type OpenAiUpstream } from "../helpers/openai-upstream.ts";

const CLIENT_KEY = "ccr-client-key-Zq8Xv2Lp9Wm4";
const UPSTREAM_KEY = "sk-upstream-secret-Hn3Jk7Rt5Yu1";
const SECRETS = [CLIENT_KEY, UPSTREAM_KEY];
const LONG_MODEL = "accounts/vendor/models/a-model-name-long-enough-to-push-a-narrow-window-sideways-20261203";
const SHOTS = join(REPO_ROOT, "test-output", "ui");
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

interface Ccr {
  url: string;
  home: string;
  proc: ReturnType<typeof Bun.spawn>;
}

let upstream: OpenAiUpstream;
let ccr: Ccr;
let browser: Browser;
let page: Page;
const bodies: Promise<{ url: string; text: string }>[] = [];

function chatAnswer(body: unknown): object {
  return {
    id: "chatcmpl-ui",
    object: "chat.completion",
    model: "gpt-test",
    choices: [{ index: 0, message: { role: "assistant", content: "pong" }, finish_reason: "stop" }],
    usage: { prompt_tokens: 9, completion_tokens: 1, total_tokens: 10 },
    echo: typeof body,
  };
}

async function startBinary(): Promise<Ccr> {
  const home = await mkdtemp(join(tmpdir(), "ccr-ui-"));
  await writeFile(join(home, "config.json"), JSON.stringify({ APIKEY: CLIENT_KEY, LOG: true, Providers: [], Router: {} }, null, 2));
  return spawnBinary(home, freePort());
}

/** Stops ccr and starts it again on the same port and home, as a restart while the browser keeps the page open. */
async function restartBinary(): Promise<void> {
  ccr.proc.kill("SIGTERM");
  await ccr.proc.exited;
  ccr = await spawnBinary(ccr.home, Number(new URL(ccr.url).port));
}

async function spawnBinary(home: string, port: number): Promise<Ccr> {
  const binary = await compiledBinary();
  const proc = Bun.spawn([binary, "serve", "--port", String(port)], {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, CCR_HOME: home },
    stdin: "ignore",
    stdout: "ignore",
    stderr: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) return { url, home, proc };
    await Bun.sleep(100);
  }
  proc.kill("SIGKILL");
  throw new Error("the compiled ccr did not answer /health within 10 s");
}

/** Keeps every non-streaming response body so the test can check that no secret ever reached the browser. */
function collect(res: PwResponse): void {
  const type = res.headers()["content-type"] ?? "";
  if (type.includes("text/event-stream")) return;
  bodies.push(res.text().then((text) => ({ url: res.url(), text }), () => ({ url: res.url(), text: "" })));
}

/** The server applies a saved config a moment after the write (file watcher); wait until it routes to `route`. */
async function routeLive(route: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${ccr.url}/v1/models`, { headers: { "x-api-key": CLIENT_KEY } });
    if ((await res.text()).includes(`"${route}"`)) return;
    await Bun.sleep(100);
  }
  throw new Error(`the server never picked up ${route}`);
}

async function shot(name: string): Promise<void> {
  // A full-page shot of a scrolled page draws the sticky header mid-page.
  await page.evaluate(() => scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function go(screen: string): Promise<void> {
  await page.click(`nav a[href="#/${screen}"]`);
}

/** Reads a server-sent event stream of the admin API into `sink` until `signal` aborts (the browser's copy is not readable). */
async function tap(path: string, sink: string[], signal: AbortSignal): Promise<void> {
  const res = await fetch(`${ccr.url}${path}`, { headers: { "x-api-key": CLIENT_KEY }, signal });
  const decoder = new TextDecoder();
  try {
    for await (const chunk of res.body ?? []) sink.push(decoder.decode(chunk, { stream: true }));
  } catch (err) {
    if (!signal.aborted) throw err;
  }
}

/** Clicks Save and waits for the outcome line: `Saved; ...` or `Not saved: ...`. */
async function save(): Promise<string> {
  await page.click(".savebar button.primary");
  const notice = page.locator(".savebar .notice");
  await notice.waitFor();
  return (await notice.textContent()) ?? "";
}

/** Page text and every field's value: what a person looking at the screen could see. */
async function visibleText(): Promise<string> {
  const values = await page.$$eval("input, textarea, select", (els) => els.map((e) => (e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement || e instanceof HTMLSelectElement ? e.value : "")));
  return `${await page.content()}\n${values.join("\n")}`;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  upstream = startOpenAiUpstream((req) => {
    if (req.method === "GET") return { json: { object: "list", data: [{ id: "gpt-test" }, { id: "gpt-other" }] } };
    const stream = typeof req.body === "object" && req.body !== null && "stream" in req.body && req.body.stream === true;
    return stream ? { sse: textStream("Hello from the mock."), alwaysUsage: true } : { json: chatAnswer(req.body) };
  });
  ccr = await startBinary();
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(10_000);
  page.on("response", collect);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  ccr?.proc.kill("SIGTERM");
  await ccr?.proc.exited;
  await upstream?.stop();
  if (ccr) await rm(ccr.home, { recursive: true, force: true });
});

describe("web UI", () => {
  test("asks for the key, then edits providers and the router, and shows requests, usage, logs and status", async () => {
    await page.goto(`${ccr.url}/ui/`);
    await page.waitForSelector("#login-key");
    await page.fill("#login-key", "not-the-key-0000");
    await page.press("#login-key", "Enter");
    await page.waitForSelector(".login .error");
    expect(await page.textContent(".login .error")).toContain("Invalid API key");
    await shot("01-login");
    await page.fill("#login-key", CLIENT_KEY);
    await page.press("#login-key", "Enter");
    await page.waitForSelector("#add-provider");

    // A provider with a bad URL: the save is refused and the problem shows next to the field.
    await page.selectOption("#add-preset", "custom");
    await page.click("#add-provider");
    await page.fill("#f-Providers-0-name", "mock");
    await page.fill("#f-Providers-0-api_base_url", "not a url");
    await page.fill("#f-Providers-0-api_key", UPSTREAM_KEY);
    await page.fill("#f-Providers-0-new-model", "gpt-test");
    await page.press("#f-Providers-0-new-model", "Enter");
    await page.fill("#f-Providers-0-new-model", LONG_MODEL);
    await page.press("#f-Providers-0-new-model", "Enter");
    expect(await save()).toStartWith("Not saved");
    const problem = page.locator(".field:has(#f-Providers-0-api_base_url) .problems");
    await problem.waitFor();
    expect(await problem.textContent()).toContain("Providers[0].api_base_url");
    await shot("02-provider-invalid-url");

    await page.fill("#f-Providers-0-api_base_url", upstream.chatUrl);
    await problem.waitFor({ state: "detached" });
    expect(await save()).toStartWith("Saved");
    expect(await page.inputValue("#f-Providers-0-api_key")).toBe(`****${UPSTREAM_KEY.slice(-4)}`);

    await page.click("#test-connection");
    await page.waitForSelector("#probe-result");
    expect(await page.textContent("#probe-result")).toContain("OK");
    await page.click("#fetch-models");
    await page.waitForSelector(".found >> text=gpt-other");
    await shot("03-providers");

    // Transformer options: a one-line box each, and removing an item never leaves its text on the next one.
    await page.click("fieldset.chain >> text=Add transformer");
    await page.click("fieldset.chain >> text=Add transformer");
    await page.fill("#f-Providers-0-transformer-use-0-options", '{"max_tokens": 111}');
    await page.fill("#f-Providers-0-transformer-use-1-options", '{"max_tokens": 222}');
    expect((await page.locator("#f-Providers-0-transformer-use-0-options").boundingBox())?.height).toBeLessThan(60);
    await page.click('#f-Providers-0-transformer-use-0 ~ button[aria-label="Remove transformer"]');
    expect(await page.inputValue("#f-Providers-0-transformer-use-0-options")).toBe('{"max_tokens":222}');
    await page.click(".savebar button:has-text('Discard')");
    await page.waitForSelector("fieldset.chain >> text=No transformers.");

    // Removing a provider: the one that moves into its place gets a fresh form, not the removed one's half-typed model.
    await page.click("#add-provider");
    await page.click(".list .item >> text=mock");
    await page.fill("#f-Providers-0-new-model", "half-typed");
    page.once("dialog", (d) => void d.accept());
    await page.click("button.danger:has-text('Remove provider')");
    await page.waitForSelector(".list .item >> nth=0 >> text=custom");
    expect(await page.inputValue("#f-Providers-0-new-model")).toBe("");
    await page.click(".savebar button:has-text('Discard')");
    await page.waitForSelector(".savebar >> text=No unsaved changes");

    await go("router");
    await page.selectOption("#f-Router-default", "mock,gpt-test");
    expect(await save()).toStartWith("Saved");
    await shot("04-router");

    await routeLive("mock,gpt-test");

    // config.json changes behind the page's back (ccr model, an editor): Save says so instead of overwriting it.
    const file = join(ccr.home, "config.json");
    const onDisk = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>; // ccr saved it as JSON
    await writeFile(file, JSON.stringify({ ...onDisk, API_TIMEOUT_MS: 600_000 }, null, 2));
    await page.fill("#f-Router-longContextThreshold", "70000");
    expect(await save()).toContain("changed since this page loaded it");
    await page.click(".savebar button:has-text('Discard')");
    await page.waitForSelector(".savebar >> text=No unsaved changes");
    const streamed: string[] = [];
    const stopTaps = new AbortController();
    const logs = (await (await fetch(`${ccr.url}/api/logs`, { headers: { "x-api-key": CLIENT_KEY } })).json()) as { files: { name: string }[] }; // the logs API's documented shape
    const taps = [tap("/api/requests/stream", streamed, stopTaps.signal), ...logs.files.map((f) => tap(`/api/logs/${f.name}/stream`, streamed, stopTaps.signal))];
    await go("requests");
    await page.waitForSelector("#live-state >> text=live");
    const client = new Anthropic({ baseURL: ccr.url, apiKey: CLIENT_KEY, maxRetries: 0 });
    await client.messages.stream({ model: "claude-opus-5-5", max_tokens: 32, messages: [{ role: "user", content: "hi" }] }).finalMessage();
    const row = page.locator("#requests-table tbody tr[data-id]").first();
    await row.waitFor();
    expect(await row.locator("td.route").textContent()).toBe("mock,gpt-test");
    await row.focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector("#request-details >> text=Scenario");
    expect(await page.evaluate(() => document.activeElement?.closest("#request-details") !== null)).toBe(true);
    await shot("05-requests");
    await page.keyboard.press("Escape");
    await page.waitForSelector("#request-details", { state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-id"))).toBe(await row.getAttribute("data-id"));

    await go("usage");
    await page.waitForSelector("#usage-total");
    const before = await page.textContent("#usage-total");
    await client.messages.create({ model: "claude-opus-5-5", max_tokens: 32, messages: [{ role: "user", content: "again" }] });
    await page.waitForFunction((text) => document.querySelector("#usage-total")?.textContent !== text, before, { timeout: 10_000 });
    expect(await page.textContent("#usage-total")).toContain("2 requests");
    expect(await page.locator("#chart-tokens rect").count()).toBeGreaterThan(0);
    await shot("06-usage");
    stopTaps.abort();
    await Promise.all(taps);
    const events = streamed.join("");
    expect(events).toContain("mock");
    for (const secret of SECRETS) expect(events.includes(secret)).toBe(false);

    // A filter set after the feed opened applies to the rows that arrive live too.
    await go("requests");
    await page.selectOption("#filter-status", "4");
    await page.waitForSelector("#requests-table >> text=No requests yet");
    await page.waitForSelector("#live-state >> text=live");
    await client.messages.create({ model: "claude-opus-5-5", max_tokens: 32, messages: [{ role: "user", content: "fine" }] });
    await client.messages.create({ model: "nowhere,x", max_tokens: 32, messages: [{ role: "user", content: "refused" }] }).catch(() => undefined);
    const rows = page.locator("#requests-table tbody tr[data-id]");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().locator("td.num").nth(1).textContent()).toBe("400");

    // A restart while the table is open: the feed reconnects and the request that finished meanwhile shows up.
    await page.selectOption("#filter-status", "");
    await rows.nth(3).waitFor();
    await restartBinary();
    await client.messages.create({ model: "claude-opus-5-5", max_tokens: 32, messages: [{ role: "user", content: "after the restart" }] });
    await rows.nth(4).waitFor({ timeout: 15_000 });
    await page.waitForSelector("#live-state >> text=live");
    await rows.first().focus();
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-id"))).toBe(await rows.nth(1).getAttribute("data-id"));
    // The focus ring is drawn inside the row: the table's scroll box clips anything outside it.
    expect(await page.evaluate(() => (document.activeElement ? getComputedStyle(document.activeElement).outlineOffset : ""))).toBe("-2px");

    // A screen opened while ccr is down says so, then recovers by itself once ccr is back.
    ccr.proc.kill("SIGTERM");
    await ccr.proc.exited;
    await go("usage");
    await page.waitForSelector(".unavailable >> text=not reachable");
    ccr = await spawnBinary(ccr.home, Number(new URL(ccr.url).port));
    await page.waitForSelector("#usage-total", { timeout: 15_000 });

    await go("logs");
    await page.waitForSelector(".logs .line");
    await page.waitForSelector(".logs .badge >> text=live");
    const lines = await page.locator(".logs .line").count();
    await client.messages.create({ model: "claude-opus-5-5", max_tokens: 32, messages: [{ role: "user", content: "to the log" }] });
    await page.waitForFunction((n) => document.querySelectorAll(".logs .line").length > n, lines, { timeout: 10_000 });
    await shot("07-logs");

    await go("status");
    await page.waitForSelector("#status-facts, .unavailable");
    await shot("08-status");

    await go("settings");
    await page.waitForSelector(".settings");
    const raw = JSON.parse(await page.inputValue("#raw-json")) as Record<string, unknown>; // the editor shows the config document
    expect(raw.API_TIMEOUT_MS).toBe(600_000);
    await page.fill("#raw-json", JSON.stringify({ ...raw, PORT: 70000 }, null, 2));
    await page.click("#raw-apply");
    const portProblem = page.locator(".field:has(#f-PORT) .problems");
    await portProblem.waitFor();
    expect(await portProblem.textContent()).toContain("PORT");
    await shot("09-settings");
    await page.click(".savebar button:has-text('Discard')");
    await portProblem.waitFor({ state: "detached" });

    // One APIKEY becomes the first of several named keys without typing it again; it still opens the UI.
    await page.selectOption("#apikey-mode", "list");
    expect(await save()).toStartWith("Saved");
    expect(await page.inputValue("#f-APIKEY-0-key")).toBe(`****${CLIENT_KEY.slice(-4)}`);

    await page.setViewportSize({ width: 420, height: 800 });
    await go("router");
    await page.waitForSelector("#f-Router-default");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(420);
    await go("providers");
    await page.waitForSelector("#f-Providers-0-name");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(420);
    await shot("10-providers-narrow");
    await page.emulateMedia({ colorScheme: "dark" });
    await page.setViewportSize({ width: 1280, height: 800 });
    await go("requests");
    await page.waitForSelector("#requests-table");
    await shot("11-requests-dark");

    const seen = await visibleText();
    for (const secret of SECRETS) expect(seen.includes(secret)).toBe(false);
    const responses = await Promise.all(bodies);
    expect(responses.length).toBeGreaterThan(10);
    const leaks = responses.filter((r) => SECRETS.some((s) => r.text.includes(s))).map((r) => r.url);
    expect(leaks).toEqual([]);
  }, 90_000);
});
