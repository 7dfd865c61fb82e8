// Every configured secret is driven through every endpoint, error path and log level of a real `ccr serve`,
// then searched for in every log file, every response (body and headers), the child's output and the request log.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { generateKeyPairSync } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { freePort, REPO_ROOT, writeCcrHome } from "../helpers/ccr-server.ts";

const ENV_KEY = "sk-envkey-7f3a9c2e41d84b6aa0c1";
const LITERAL_KEY = "sk-literal-52be81d0c7f94e3a9b66";
const ANTH_KEY = "sk-ant-api03-q8XwZ3kLmN0pR7sT2vY5";
const ADMIN_KEY = "ccr-admin-4c1d9e7b2a6f8035";
const CI_KEY = "ccr-ci-e93b07a1d4c25f86";
const ACCESS_TOKEN = "ya29.c0AfH6SMBsecret-access-token-77";
const PROXY_PASS = "proxy-pw-5e1c93a7b2d04f68";
const OPTION_SECRET = "opt-secret-0b7d2e94c1a3f586";
/** In the server's environment but named by no config: only a caller of the admin API could try to read it back. */
const UNRELATED_ENV = "ghp_unrelated9d3f7a1c6e2b40";

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const PEM = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
/** Every line of the key's body: a leak of any part of the key is a leak. */
const PEM_LINES = PEM.split("\n").filter((line) => line.length >= 16 && !line.startsWith("-----"));

const SECRETS: Record<string, string> = {
  ENV_KEY,
  LITERAL_KEY,
  ANTH_KEY,
  ADMIN_KEY,
  CI_KEY,
  ACCESS_TOKEN,
  PROXY_PASS,
  OPTION_SECRET,
  UNRELATED_ENV,
  PEM_ESCAPED: JSON.stringify(PEM).slice(1, -1),
  ...Object.fromEntries(PEM_LINES.map((line, i) => [`PEM_LINE_${i}`, line])),
};

/** Finds every secret in `text`, by name (never printing the secret itself). */
function leaks(text: string): string[] {
  return Object.entries(SECRETS)
    .filter(([, secret]) => text.includes(secret))
    .map(([name]) => name);
}

/** An upstream that plays OpenAI, Anthropic, Google's token endpoint and Vertex, and echoes the credentials it got in its errors. */
function startUpstream() {
  return Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      const text = await req.text();
      const sentKey = req.headers.get("authorization") ?? req.headers.get("x-api-key") ?? "";
      if (url.pathname === "/token") return Response.json({ access_token: ACCESS_TOKEN, expires_in: 3600, token_type: "Bearer" });
      if (url.pathname.includes("publishers/google")) {
        if (text.includes("echo-please")) return Response.json({ error: { code: 403, message: `Permission denied for ${sentKey}`, status: "PERMISSION_DENIED" } }, { status: 403 });
        return Response.json({ candidates: [{ content: { role: "model", parts: [{ text: "hi" }] }, finishReason: "STOP", index: 0 }], usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 1 } });
      }
      if (url.pathname === "/v1/messages") {
        return Response.json({ type: "error", error: { type: "authentication_error", message: `invalid x-api-key ${sentKey}` } }, { status: 401, headers: { "x-echo": sentKey } });
      }
      if (req.method === "GET") return Response.json({ object: "list", data: [{ id: "gpt-ok", object: "model" }], echoed: sentKey });
      const body = JSON.parse(text) as { model: string; stream?: boolean };
      if (body.model === "gpt-echo") return Response.json({ error: { message: `Incorrect API key provided: ${sentKey}`, type: "invalid_request_error", code: "invalid_api_key" } }, { status: 401 });
      if (body.model === "gpt-500") return new Response(`<html>upstream broke; you sent ${sentKey}</html>`, { status: 500, headers: { "content-type": "text/html" } });
      if (body.model === "gpt-stream-err") {
        const chunk = { id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { content: "par" }, finish_reason: null }] };
        return new Response(`data: ${JSON.stringify(chunk)}\n\ndata: ${JSON.stringify({ error: { message: `key ${sentKey} revoked`, type: "server_error" } })}\n\n`, { headers: { "content-type": "text/event-stream" } });
      }
      const completion = { id: "c", object: "chat.completion", created: 1, model: body.model, choices: [{ index: 0, message: { role: "assistant", content: "fine" }, finish_reason: "stop" }], usage: { prompt_tokens: 4, completion_tokens: 1, total_tokens: 5 } };
      if (body.stream) {
        const chunk = { id: "c", object: "chat.completion.chunk", created: 1, model: body.model, choices: [{ index: 0, delta: { content: "fine" }, finish_reason: "stop" }] };
        return new Response(`data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`, { headers: { "content-type": "text/event-stream" } });
      }
      return Response.json(completion);
    },
  });
}

interface Seen {
  label: string;
  status: number;
  text: string;
}

let upstream: ReturnType<typeof startUpstream>;
let home: string;
let url: string;
let proc: ReturnType<typeof Bun.spawn> | undefined;
let output = { stdout: "", stderr: "" };
const seen: Seen[] = [];

async function call(label: string, path: string, init: RequestInit & { key?: string } = {}): Promise<Seen> {
  const headers = new Headers(init.headers);
  if (init.key) headers.set("x-api-key", init.key);
  if (init.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  const res = await fetch(`${url}${path}`, { ...init, headers });
  const text = await res.text();
  const headerText = [...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n");
  const entry = { label, status: res.status, text: `${headerText}\n\n${text}` };
  seen.push(entry);
  return entry;
}

const message = (model: string, extra: Record<string, unknown> = {}) => JSON.stringify({ model, max_tokens: 16, messages: [{ role: "user", content: "tell me a secret" }], ...extra });

beforeAll(async () => {
  upstream = startUpstream();
  const base = `http://127.0.0.1:${upstream.port}`;
  const credentials = JSON.stringify({ type: "service_account", client_email: "ccr@p.iam.gserviceaccount.com", private_key: PEM, token_uri: `${base}/token` });
  home = await writeCcrHome({
    PROXY_URL: `http://me:${PROXY_PASS}@127.0.0.1:9/`,
    transformers: [{ path: "./echo-options.ts", options: { client_secret: OPTION_SECRET } }],
    LOG: true,
    LOG_LEVEL: "trace",
    LOG_BODIES: true,
    RETRIES: 0,
    APIKEY: [
      { name: "admin", key: "$ADMIN_KEY" },
      { name: "ci", key: CI_KEY, rpm: 3, routes: ["envkey,gpt-ok"] },
    ],
    Providers: [
      { name: "envkey", api_base_url: `${base}/v1/chat/completions`, api_key: "$OPENAI_TEST_KEY", models: ["gpt-ok", "gpt-echo", "gpt-500", "gpt-stream-err"] },
      { name: "literal", api_base_url: `${base}/v1/chat/completions`, api_key: LITERAL_KEY, models: ["gpt-echo"] },
      { name: "anth", api_base_url: base, api_key: ANTH_KEY, models: ["claude-echo"], transformer: { use: ["Anthropic"] } },
      { name: "vertex", api_base_url: base, models: ["gemini-2.5-pro"], transformer: { use: [["vertex-gemini", { credentials: "$SA_JSON", project: "p", location: "us-central1" }]] } },
    ],
    Router: { default: "envkey,gpt-ok" },
  });
  // A custom transformer holding a secret in its options; it sends nothing anywhere.
  await Bun.write(join(home, "echo-options.ts"), "export class EchoOptions { readonly name = 'echo-options'; constructor(readonly options: unknown = {}) {} }\n");
  const port = freePort();
  url = `http://127.0.0.1:${port}`;
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, CCR_HOME: home, OPENAI_TEST_KEY: ENV_KEY, ADMIN_KEY, SA_JSON: credentials, NO_PROXY: "127.0.0.1", UNRELATED_TOKEN: UNRELATED_ENV };
  const child = Bun.spawn([process.execPath, "src/main.ts", "serve", "--port", String(port)], { cwd: REPO_ROOT, env, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  proc = child;
  const collect = async (stream: ReadableStream<Uint8Array>, key: "stdout" | "stderr") => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) output[key] += decoder.decode(chunk, { stream: true });
  };
  void collect(child.stdout, "stdout");
  void collect(child.stderr, "stderr");
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await Bun.sleep(100);
  }
  await drive();
  child.kill("SIGTERM");
  const exited = await Promise.race([child.exited.then(() => true), Bun.sleep(12_000).then(() => false)]);
  if (!exited) child.kill("SIGKILL");
  await child.exited;
  proc = undefined;
}, 60_000);

afterAll(async () => {
  if (proc) {
    proc.kill("SIGKILL");
    await proc.exited;
  }
  await upstream.stop(true);
  await rm(home, { recursive: true, force: true });
});

/** Every endpoint, with good and bad keys, every upstream failure, malformed bodies and the admin API. */
async function drive(): Promise<void> {
  const admin = { key: ADMIN_KEY };
  await call("health", "/health");
  await call("models", "/v1/models", admin);
  await call("models without key", "/v1/models");
  await call("models with a near-miss key", "/v1/models", { key: `${ADMIN_KEY}x` });
  await call("bearer key", "/v1/models", { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  for (const model of ["envkey,gpt-ok", "envkey,gpt-echo", "envkey,gpt-500", "literal,gpt-echo", "anth,claude-echo", "vertex,gemini-2.5-pro", "nope,x", "claude-default"]) {
    await call(`messages ${model}`, "/v1/messages", { method: "POST", body: message(model), ...admin });
    await call(`stream ${model}`, "/v1/messages", { method: "POST", body: message(model, { stream: true }), ...admin });
  }
  await call("vertex echo", "/v1/messages", { method: "POST", body: message("vertex,gemini-2.5-pro", { system: "echo-please" }), ...admin });
  await call("stream error", "/v1/messages", { method: "POST", body: message("envkey,gpt-stream-err", { stream: true }), ...admin });
  await call("count tokens", "/v1/messages/count_tokens", { method: "POST", body: message("envkey,gpt-ok"), ...admin });
  await call("count tokens bad", "/v1/messages/count_tokens", { method: "POST", body: "{", ...admin });
  await call("malformed", "/v1/messages", { method: "POST", body: `{"model": "${ENV_KEY}", "messages": 5}`, ...admin });
  await call("invalid utf-8", "/v1/messages", { method: "POST", body: new Uint8Array([0x7b, 0xff, 0x7d]), ...admin });
  await call("deep", "/v1/messages", { method: "POST", body: "[".repeat(5000), ...admin });
  await call("ci off its routes", "/v1/messages", { method: "POST", body: message("literal,gpt-echo"), key: CI_KEY });
  for (let i = 0; i < 5; i++) await call(`ci ${i}`, "/v1/messages", { method: "POST", body: message("envkey,gpt-ok"), key: CI_KEY });
  await call("ci on the admin API", "/api/config", { key: CI_KEY });
  await call("admin foreign origin", "/api/config", { ...admin, headers: { origin: "https://evil.example" } });
  const config = await call("get config", "/api/config", admin);
  const document = (JSON.parse(config.text.slice(config.text.indexOf("\n\n") + 2)) as { config: Record<string, unknown> }).config;
  await call("validate", "/api/config/validate", { method: "POST", body: JSON.stringify(document), ...admin });
  await call("validate quoting the environment", "/api/config/validate", { method: "POST", body: JSON.stringify({ ...document, LOG_LEVEL: "$UNRELATED_TOKEN", API_TIMEOUT_MS: "${UNRELATED_TOKEN}" }), ...admin });
  const providers = document.Providers as Record<string, unknown>[];
  const moved = providers.map((p) => (p.name === "literal" ? { ...p, api_base_url: "https://attacker.example/v1/chat/completions" } : p));
  await call("put moving a masked key to another host", "/api/config", { method: "PUT", body: JSON.stringify({ ...document, Providers: moved }), ...admin });
  await call("message quoting a key header", "/v1/messages", { method: "POST", body: message("envkey,gpt-ok", { system: `x-api-key: ${ENV_KEY}` }), ...admin });
  await call("put invalid", "/api/config", { method: "PUT", body: JSON.stringify({ ...document, PROXY_URL: "$OPENAI_TEST_KEY", HOST: ADMIN_KEY, PORT: LITERAL_KEY }), ...admin });
  await call("put unchanged", "/api/config", { method: "PUT", body: JSON.stringify(document), ...admin });
  await Bun.sleep(600);
  await call("messages after reload", "/v1/messages", { method: "POST", body: message("envkey,gpt-echo"), ...admin });
  for (const path of ["/api/status", "/api/requests", "/api/usage", "/api/presets", "/api/transformers", "/metrics", "/ui/", "/api/providers/envkey/models", "/api/providers/anth/models"]) {
    await call(`admin ${path}`, path, admin);
  }
  await call("provider test", "/api/providers/envkey/test", { method: "POST", body: JSON.stringify({ model: "gpt-echo" }), ...admin });
  await call("provider test literal", "/api/providers/literal/test", { method: "POST", body: JSON.stringify({ model: "gpt-echo" }), ...admin });
  const logs = await call("log list", "/api/logs", admin);
  const files = logs.status === 200 ? (JSON.parse(logs.text.slice(logs.text.indexOf("\n\n") + 2)) as { files?: { name: string }[] }).files ?? [] : [];
  for (const f of files) await call(`log ${f.name}`, `/api/logs/${encodeURIComponent(f.name)}?lines=1000&level=trace`, admin);
}

function logFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? logFiles(path) : [path];
  });
}

describe("secrets never leave ccr", () => {
  test("the drive covered successes, upstream failures and refusals", () => {
    if (process.env.CCR_SHOW_DRIVE) for (const s of seen) process.stderr.write(`${s.status} ${s.label}: ${s.text.slice(s.text.indexOf("\n\n") + 2, s.text.indexOf("\n\n") + 200)}\n`);
    const statuses = new Set(seen.map((s) => s.status));
    for (const status of [200, 400, 401, 403, 429]) expect(statuses).toContain(status);
    expect(seen.some((s) => s.status >= 500)).toBe(true);
  });
  test("no response body or header carries a secret", () => {
    const found = seen.flatMap((s) => leaks(s.text).map((name) => `${s.label} (${s.status}): ${name}`));
    expect(found).toEqual([]);
  });
  test("no log file under CCR_HOME/logs carries a secret, at trace level", () => {
    const files = logFiles(join(home, "logs"));
    expect(files.length).toBeGreaterThan(0);
    const all = files.map((f) => readFileSync(f, "utf8")).join("\n");
    expect(all).toContain('"level":"info"');
    const found = files.flatMap((f) => leaks(readFileSync(f, "utf8")).map((name) => `${f}: ${name}`));
    expect(found).toEqual([]);
  });
  test("every log line stays one JSON object after redaction", () => {
    const lines = logFiles(join(home, "logs"))
      .filter((f) => f.endsWith(".log"))
      .flatMap((f) => readFileSync(f, "utf8").split("\n").filter((line) => line !== ""));
    const broken = lines.filter((line) => {
      try {
        return typeof JSON.parse(line) !== "object";
      } catch {
        return true;
      }
    });
    expect(broken.map((line) => line.slice(0, 160))).toEqual([]);
  });
  test("a PUT that points a provider with a masked key at another host is refused, and the file keeps its URL", () => {
    const put = seen.find((s) => s.label === "put moving a masked key to another host");
    expect(put?.status).toBe(400);
    expect(readFileSync(join(home, "config.json"), "utf8")).not.toContain("attacker.example");
  });
  test("the server's own output carries no secret", () => {
    expect(leaks(output.stdout)).toEqual([]);
    expect(leaks(output.stderr)).toEqual([]);
  });
  test("no row of requests.db carries a secret", () => {
    const path = join(home, "requests.db");
    if (!existsSync(path)) return;
    const db = new Database(path, { readonly: true });
    try {
      const rows = db.query("SELECT * FROM requests").all();
      expect(rows.length).toBeGreaterThan(0);
      expect(leaks(JSON.stringify(rows))).toEqual([]);
    } finally {
      db.close();
    }
  });
});
