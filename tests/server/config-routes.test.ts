import { afterAll, afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config/load.ts";
import { silentLogger } from "../../src/log.ts";
import { createCircuitBreaker } from "../../src/proxy/circuit.ts";
import { createTokenCounter } from "../../src/router/tokens.ts";
import { createApp } from "../../src/server/app.ts";
import { startCcrProcess, type CcrProcess } from "../helpers/ccr-server.ts";

const ENV_SECRET = "sk-from-env-0123456789abcdef";
const LITERAL_SECRET = "sk-literal-9876543210fedcba";

const FILE = `{
  // a comment
  "Providers": [
    { "name": "one", "api_base_url": "https://one.example/v1/chat/completions", "api_key": "$ONE_KEY", "models": ["m1"] },
    { "name": "two", "api_base_url": "https://two.example/v1/chat/completions", "api_key": "${LITERAL_SECRET}", "models": ["m2"] },
  ],
  "Router": { "default": "one,m1" },
  "CUSTOM_ROUTER_PATH": "",
}`;

let home: string;
let env: Record<string, string>;

async function app() {
  const config = await loadConfig(env);
  const breaker = createCircuitBreaker({ settings: () => ({ failureThreshold: 0, cooldownMs: 0 }) });
  const deps = () => ({ config, logger: silentLogger, breaker, tokens: createTokenCounter() });
  return createApp({ config: () => config, deps, logger: silentLogger, version: "0", startedAt: Date.now(), env });
}

const call = async (method: string, path: string, body?: unknown) => {
  const a = await app();
  const init: RequestInit = { method, headers: { "content-type": "application/json" } };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  return a.handle(new Request(`http://127.0.0.1${path}`, init));
};

interface ConfigAnswer {
  path: string;
  config: { Providers: { name: string; api_key: string }[]; Router: { default: string } };
  warnings: string[];
}

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "ccr-config-routes-"));
  env = { HOME: home, CCR_HOME: home, ONE_KEY: ENV_SECRET };
  await writeFile(join(home, "config.json"), FILE);
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe("GET /api/config", () => {
  test("returns the file as written with secrets masked and $VAR references as written, plus its path", async () => {
    const res = await call("GET", "/api/config");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(ENV_SECRET);
    expect(text).not.toContain(LITERAL_SECRET);
    const body = JSON.parse(text) as ConfigAnswer;
    expect(body.path).toBe(join(home, "config.json"));
    expect(body.config.Providers.map((p) => p.api_key)).toEqual(["$ONE_KEY", "****dcba"]);
    expect(Array.isArray(body.warnings)).toBe(true);
  });
});

describe("GET /api/config with a placeholder key", () => {
  test("shows a provider whose dummy key is its own name by that name, so saving it back changes nothing", async () => {
    const placeholder = `{ "Providers": [{ "name": "ollama", "api_base_url": "http://localhost:11434/v1/chat/completions", "api_key": "ollama", "models": ["qwen3"] }], "Router": { "default": "ollama,qwen3" } }`;
    await writeFile(join(home, "config.json"), placeholder);
    const got = (await (await call("GET", "/api/config")).json()) as { config: { Providers: { name: string }[]; Router: { default: string } } };
    expect(got.config.Providers[0]?.name).toBe("ollama");
    expect(got.config.Router.default).toBe("ollama,qwen3");
    expect((await call("PUT", "/api/config", got.config)).status).toBe(200);
    expect(JSON.parse(await readFile(join(home, "config.json"), "utf8"))).toEqual(JSON.parse(placeholder));
  });
});

describe("PUT /api/config", () => {
  test("keeps masked secrets and references as they were, backs up, writes, and reports the path", async () => {
    const got = (await (await call("GET", "/api/config")).json()) as ConfigAnswer;
    got.config.Router.default = "two,m2";
    const res = await call("PUT", "/api/config", got.config);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { ok: boolean; path: string; backup: string };
    expect(answer.ok).toBe(true);
    expect(answer.path).toBe(join(home, "config.json"));
    const saved = JSON.parse(await readFile(join(home, "config.json"), "utf8")) as ConfigAnswer["config"];
    expect(saved.Providers.map((p) => p.api_key)).toEqual(["$ONE_KEY", LITERAL_SECRET]);
    expect(saved.Router.default).toBe("two,m2");
    expect((await readdir(home)).some((n) => n.endsWith(".bak"))).toBe(true);
    expect(JSON.stringify(answer)).not.toContain(LITERAL_SECRET);
  });
  test("finds a masked secret by its provider's name when the list was reordered", async () => {
    const got = (await (await call("GET", "/api/config")).json()) as ConfigAnswer;
    got.config.Providers.reverse();
    expect((await call("PUT", "/api/config", got.config)).status).toBe(200);
    const saved = JSON.parse(await readFile(join(home, "config.json"), "utf8")) as ConfigAnswer["config"];
    expect(saved.Providers.map((p) => [p.name, p.api_key])).toEqual([
      ["two", LITERAL_SECRET],
      ["one", "$ONE_KEY"],
    ]);
  });
  test("refuses an invalid config with 400 and every problem by key path, and leaves the file alone", async () => {
    const got = (await (await call("GET", "/api/config")).json()) as ConfigAnswer;
    const broken = { ...got.config, PORT: "not a port", Router: { default: "nope,m" } };
    const res = await call("PUT", "/api/config", broken);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { type: string; error: { type: string }; problems: { path: string; message: string }[] };
    expect(body.type).toBe("error");
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.problems.map((p) => p.path)).toEqual(expect.arrayContaining(["PORT", "Router.default"]));
    expect(await readFile(join(home, "config.json"), "utf8")).toBe(FILE);
  });
  test("refuses a masked value that stands for no saved secret", async () => {
    const got = (await (await call("GET", "/api/config")).json()) as ConfigAnswer;
    got.config.Providers.push({ name: "three", api_key: "****zzzz", ...{ api_base_url: "https://three.example/v1", models: ["x"] } });
    const res = await call("PUT", "/api/config", got.config);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { problems: { path: string }[] };
    expect(body.problems.map((p) => p.path)).toEqual(["Providers[2].api_key"]);
  });
  test("refuses changes to script and program paths", async () => {
    const got = (await (await call("GET", "/api/config")).json()) as ConfigAnswer;
    for (const [key, value] of [["CUSTOM_ROUTER_PATH", "/tmp/evil.js"], ["CLAUDE_PATH", "/bin/sh"], ["transformers", [{ path: "/tmp/evil.js" }]]] as const) {
      const res = await call("PUT", "/api/config", { ...got.config, [key]: value });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { problems: { path: string }[] };
      expect(body.problems.map((p) => p.path)).toContain(key);
    }
    expect(await readFile(join(home, "config.json"), "utf8")).toBe(FILE);
  });
  test("never imports a module the refused transformers list names", async () => {
    const marker = join(home, "imported");
    const module = join(home, "evil.ts");
    await writeFile(module, `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "ran");\nexport class Evil { readonly name = "evil"; }\n`);
    const got = (await (await call("GET", "/api/config")).json()) as ConfigAnswer;
    for (const [method, path] of [["POST", "/api/config/validate"], ["PUT", "/api/config"]] as const) {
      const res = await call(method, path, { ...got.config, transformers: [{ path: module }] });
      expect(JSON.stringify(await res.json())).toContain("transformers");
    }
    expect(await readdir(home)).not.toContain("imported");
  });
    test("never quotes a secret in a problem, even one put where it does not belong", async () => {
    const got = (await (await call("GET", "/api/config")).json()) as ConfigAnswer;
    const res = await call("PUT", "/api/config", { ...got.config, HOST: 42, API_TIMEOUT_MS: "$ONE_KEY", PROXY_URL: LITERAL_SECRET });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toContain(ENV_SECRET);
    expect(text).not.toContain(LITERAL_SECRET);
  });
  test("refuses to keep a masked key when its provider's api_base_url moves to another host", async () => {
    const got = (await (await call("GET", "/api/config")).json()) as { config: { Providers: Record<string, unknown>[] } };
    const two = got.config.Providers[1];
    if (two) two.api_base_url = "https://attacker.example/v1/chat/completions";
    const res = await call("PUT", "/api/config", got.config);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { problems: { path: string; message: string }[] };
    expect(body.problems.map((p) => p.path)).toEqual(["Providers[1].api_key"]);
    expect(await readFile(join(home, "config.json"), "utf8")).toBe(FILE);
  });
  test("never reads back the value of an environment variable a problem quotes", async () => {
    env = { ...env, UNRELATED_TOKEN: "ghp_unrelated0123456789" };
    const got = (await (await call("GET", "/api/config")).json()) as ConfigAnswer;
    const res = await call("POST", "/api/config/validate", { ...got.config, LOG_LEVEL: "$UNRELATED_TOKEN", API_TIMEOUT_MS: "${UNRELATED_TOKEN}" });
    const text = await res.text();
    expect(text).toContain("LOG_LEVEL");
    expect(text).not.toContain("ghp_unrelated");
  });
    test("answers a body that is not an object with a 400", async () => {
    for (const body of ["[1,2]", "not json", '"text"']) {
      const res = await call("PUT", "/api/config", body);
      expect(res.status).toBe(400);
    }
  });
});

describe("POST /api/config/validate", () => {
  test("returns the problems without writing", async () => {
    const res = await call("POST", "/api/config/validate", { Router: { default: "ghost,m" } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; problems: { path: string }[] };
    expect(body.ok).toBe(false);
    expect(body.problems.map((p) => p.path)).toContain("Router.default");
    expect(await readFile(join(home, "config.json"), "utf8")).toBe(FILE);
  });
  test("says ok for a valid config", async () => {
    const got = (await (await call("GET", "/api/config")).json()) as ConfigAnswer;
    const body = (await (await call("POST", "/api/config/validate", got.config)).json()) as { ok: boolean; problems: unknown[] };
    expect(body).toMatchObject({ ok: true, problems: [] });
  });
});

describe("PUT /api/config on a running ccr serve", () => {
  let proc: CcrProcess | undefined;
  afterAll(async () => {
    await proc?.stop();
  });
  test(
    "is applied at once: the next requests use the new config",
    async () => {
      const upstreamA = "http://127.0.0.1:9/a";
      proc = await startCcrProcess({ Providers: [{ name: "a", api_base_url: upstreamA, api_key: "sk-a-123456789", models: ["m"] }], Router: { default: "a,m" } });
      const url = proc.url;
      const got = (await (await fetch(`${url}/api/config`)).json()) as { config: Record<string, unknown> };
      const next = { ...got.config, APIKEY: "new-client-key-123" };
      const res = await fetch(`${url}/api/config`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(next) });
      expect(res.status).toBe(200);
      // No waiting: PUT answers only once the running server has the new config.
      expect((await fetch(`${url}/v1/models`)).status).toBe(401);
      expect((await fetch(`${url}/v1/models`, { headers: { "x-api-key": "new-client-key-123" } })).status).toBe(200);
    },
    20_000,
  );
});
