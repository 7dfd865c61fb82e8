import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileConfig } from "../../src/config/compile.ts";
import { loadConfig } from "../../src/config/load.ts";
import { maskSecrets } from "../../src/config/mask.ts";
import { ConfigError } from "../../src/errors.ts";
import { silentLogger } from "../../src/log.ts";
import { adminPolicyOf, clientKeysOf } from "../../src/server/client-keys.ts";
import { startServer, type RunningServer } from "../../src/server/start.ts";
import { chatCompletion } from "../helpers/openai-chunks.ts";
import { startOpenAiUpstream, type OpenAiUpstream } from "../helpers/openai-upstream.ts";

const provider = { name: "cheap", api_base_url: "http://127.0.0.1:9/v1/chat/completions", api_key: "sk-cheap-0123", models: ["small", "backup"] };

function compileError(doc: object, env: Record<string, string> = {}): ConfigError {
  try {
    compileConfig(doc, env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("APIKEY compiled", () => {
  test("a string is one unrestricted admin key, also kept as apiKey", () => {
    const config = compileConfig({ APIKEY: "plain-key-123" }, {});
    expect(config.apiKey).toBe("plain-key-123");
    expect(clientKeysOf(config)).toEqual([{ name: "default", named: false, key: "plain-key-123", routes: undefined, rpm: undefined, tpm: undefined, dailyBudget: undefined, admin: true }]);
    expect(config.secrets).toContain("plain-key-123");
  });
  test("a list gives named keys with limits; $VAR keys resolve; the first key is apiKey; every key is a secret", () => {
    const config = compileConfig(
      {
        Providers: [provider],
        APIKEY: [
          { name: "me", key: "$MY_KEY" },
          { name: "ci", key: "ci-key-abcdef", routes: ["cheap,small"], rpm: 60, tpm: "100000", daily_budget: 5 },
        ],
      },
      { MY_KEY: "my-key-from-env" },
    );
    expect(config.apiKey).toBe("my-key-from-env");
    const keys = clientKeysOf(config);
    expect(keys.map((k) => [k.name, k.key, k.admin])).toEqual([
      ["me", "my-key-from-env", true],
      ["ci", "ci-key-abcdef", false],
    ]);
    expect(keys[1]).toMatchObject({ routes: ["cheap,small"], rpm: 60, tpm: 100000, dailyBudget: 5 });
    expect(config.secrets).toEqual(expect.arrayContaining(["my-key-from-env", "ci-key-abcdef", "sk-cheap-0123"]));
    expect(adminPolicyOf(config)).toEqual({ authRequired: true, adminKeys: ["my-key-from-env"] });
  });
  test("a limited key can be made an admin key explicitly", () => {
    const config = compileConfig({ APIKEY: [{ name: "ops", key: "ops-key-12345", rpm: 10, admin: true }] }, {});
    expect(adminPolicyOf(config).adminKeys).toEqual(["ops-key-12345"]);
  });
  test("reports duplicate names, duplicate keys, unknown route providers and bad limits with their key paths, never the key", () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ rpm: 0 }, "APIKEY[0].rpm"],
      [{ daily_budget: -1 }, "APIKEY[0].daily_budget"],
      [{ extra: 1 }, "APIKEY[0].extra"],
      [{ key: "short" }, "APIKEY[0].key"],
      [{ name: "has space" }, "APIKEY[0].name"],
    ];
    for (const [fields, path] of bad) {
      const err = compileError({ Providers: [provider], APIKEY: [{ name: "a", key: "long-enough-key", ...fields }] });
      expect(err.issues.map((i) => i.path)).toEqual([path]);
    }
    const dup = compileError({ Providers: [provider], APIKEY: [{ name: "a", key: "same-key-1234" }, { name: "a", key: "same-key-1234", routes: ["nope,model"] }] });
    expect(dup.issues.map((i) => i.path)).toEqual(["APIKEY[1].name", "APIKEY[1].key", "APIKEY[1].routes[0]"]);
    expect(dup.message).not.toContain("same-key-1234");
  });
  test("masking shows names, routes and limits but hides the keys", () => {
    const masked = maskSecrets({ APIKEY: [{ name: "ci", key: "ci-key-abcdef1234", routes: ["cheap,small"], rpm: 5 }, { name: "ref", key: "$CI_KEY" }] });
    expect(masked).toEqual({ APIKEY: [{ name: "ci", key: "****1234", routes: ["cheap,small"], rpm: 5 }, { name: "ref", key: "$CI_KEY" }] });
  });
});

describe("client keys on a running server", () => {
  let upstream: OpenAiUpstream;
  let server: RunningServer;
  let home: string;
  beforeAll(async () => {
    upstream = startOpenAiUpstream(() => ({ json: chatCompletion({ content: "ok" }) }));
    home = await mkdtemp(join(tmpdir(), "ccr-keys-"));
    const document = {
      Providers: [{ ...provider, api_base_url: upstream.chatUrl, model_info: { backup: { price: { input: 100_000, output: 100_000 } } } }, { name: "big", api_base_url: upstream.chatUrl, api_key: "sk-big", models: ["large"] }],
      Router: { default: "cheap,small" },
      APIKEY: [
        { name: "me", key: "me-key-123456" },
        { name: "burst", key: "burst-key-1234", rpm: 5 },
        { name: "tokens", key: "tokens-key-1234", tpm: 1000 },
        { name: "budget", key: "budget-key-1234", daily_budget: 1 },
        { name: "narrow", key: "narrow-key-1234", routes: ["cheap,small"] },
        { name: "flow", key: "flow-key-123456", tpm: 40 },
        { name: "spender", key: "spender-key-1234", daily_budget: 2 },
      ],
    };
    await writeFile(join(home, "config.json"), JSON.stringify(document));
    const config = await loadConfig({ HOME: home, CCR_HOME: home });
    server = await startServer(config, { port: 0, logger: silentLogger });
  });
  afterAll(async () => {
    await server.stop();
    await upstream.stop();
    await rm(home, { recursive: true, force: true });
  });

  const send = (key: string, model = "claude-x") =>
    fetch(`${server.url}/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": key },
      body: JSON.stringify({ model, max_tokens: 10, messages: [{ role: "user", content: "hi" }] }),
    });

  test("admits exactly rpm of 30 concurrent requests and refuses the rest with 429 and Retry-After", async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, () => send("burst-key-1234")));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
    const refused = answers.find((r) => r.status === 429);
    expect(Number(refused?.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await refused?.json()) as { type: string; error: { type: string; message: string } };
    expect(body.error.type).toBe("rate_limit_error");
    expect(body.error.message).toContain("rpm");
    await Promise.all(answers.filter((r) => r !== refused).map((r) => r.text()));
  });
  test("records a refused request in the request log with its key and status", async () => {
    const rows: { client_key: string | null; status: number; error_type: string | null }[] = [];
    const unsubscribe = server.recorder.subscribe((row) => void rows.push(row));
    const res = await send("burst-key-1234");
    await res.text();
    await server.recorder.flush();
    unsubscribe();
    expect(res.status).toBe(429);
    expect(rows).toContainEqual(expect.objectContaining({ client_key: "burst", status: 429, error_type: "rate_limit_error" }));
  });
  test("one key's limit does not slow another key down", async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => send("me-key-123456")));
    expect(answers.every((r) => r.status === 200)).toBe(true);
  });
  test("refuses a key over its tokens per minute once the recorder reported them", async () => {
    expect((await send("tokens-key-1234")).status).toBe(200);
    server.limiter.observe("tokens", 1200, 0);
    const res = await send("tokens-key-1234");
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("tpm");
  });
  test("learns tokens from the request log: the recorder's rows push a key over its tpm", async () => {
    // Each upstream answer reports 18 tokens; rows reach the limiter after the recorder's flush (20 ms).
    let refused: Response | undefined;
    for (let i = 0; i < 10 && !refused; i++) {
      const res = await send("flow-key-123456");
      if (res.status === 429) refused = res;
      else {
        expect(res.status).toBe(200);
        await res.text();
        await Bun.sleep(300);
      }
    }
    expect(refused?.status).toBe(429);
    expect(((await refused?.json()) as { error: { message: string } }).error.message).toContain("tpm");
  }, 10_000);
  test("learns cost from the request log: priced requests push a key over its daily budget", async () => {
    // 18 tokens at $100,000 per million tokens: $1.80 a request, so the second one spends past $2.
    let refused: Response | undefined;
    for (let i = 0; i < 10 && !refused; i++) {
      const res = await send("spender-key-1234", "cheap,backup");
      if (res.status === 402) refused = res;
      else {
        expect(res.status).toBe(200);
        await res.text();
        await Bun.sleep(300);
      }
    }
    expect(refused?.status).toBe(402);
    expect(((await refused?.json()) as { error: { message: string } }).error.message).toContain("daily budget of $2");
  }, 10_000);
  test("refuses a key over its daily budget with 402 billing_error", async () => {
    server.limiter.observe("budget", 10, 0.6);
    expect((await send("budget-key-1234")).status).toBe(200);
    server.limiter.observe("budget", 10, 0.6);
    const res = await send("budget-key-1234");
    expect(res.status).toBe(402);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe("billing_error");
  });
  test("lets a key with a route allowlist use its routes only", async () => {
    expect((await send("narrow-key-1234")).status).toBe(200);
    expect((await send("narrow-key-1234", "cheap,small")).status).toBe(200);
    const res = await send("narrow-key-1234", "big,large");
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe("permission_error");
    expect((await send("me-key-123456", "big,large")).status).toBe(200);
  });
  test("keeps restricted keys out of the admin API and lets the unrestricted key in", async () => {
    const get = (key: string) => fetch(`${server.url}/api/config`, { headers: { "x-api-key": key } });
    expect((await get("narrow-key-1234")).status).toBe(401);
    expect((await get("me-key-123456")).status).toBe(200);
  });
});
