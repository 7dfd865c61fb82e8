import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startCcr, type RunningCcr } from "../helpers/ccr-server.ts";

// Seeded, so a failure replays exactly: the case's seed and kind are in the assertion message.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, items: readonly T[]): T => items[int(r, 0, items.length - 1)] as T;
const enc = new TextEncoder();

const VALID = { model: "claude-x", max_tokens: 16, messages: [{ role: "user", content: "hello ✓" }] };
const WRONG: readonly unknown[] = [null, 1, -1, 1.5, "x", "", [], [1], {}, true, { a: [] }];

/** A body that can never be a valid request: truncated, deep, malformed bytes, random, or a wrong-typed field. */
type Gen = (r: Rand) => string | Uint8Array<ArrayBuffer>;

const malformed: Record<string, Gen> = {
  truncated: (r) => {
    const text = JSON.stringify({ ...VALID, system: "s".repeat(int(r, 0, 50)) });
    return text.slice(0, int(r, 0, text.length - 1));
  },
  deepArrays: (r) => {
    const n = int(r, 200, 10_000);
    return `{"model":"m","max_tokens":1,"messages":${"[".repeat(n)}${r() < 0.5 ? "]".repeat(n) : ""}}`;
  },
  deepObjects: (r) => {
    const n = int(r, 200, 10_000);
    return `${'{"a":'.repeat(n)}1${"}".repeat(r() < 0.5 ? n : 0)}`;
  },
  invalidUtf8: (r) => {
    const bytes = enc.encode(JSON.stringify(VALID));
    const bad = pick(r, [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82]]);
    const at = int(r, 1, bytes.length - 1);
    return new Uint8Array([...bytes.slice(0, at), ...bad, ...bytes.slice(at)]);
  },
  randomBytes: (r) => new Uint8Array(Array.from({ length: int(r, 0, 3000) }, () => int(r, 0, 255))),
  notAnObject: (r) => JSON.stringify(pick(r, [null, 0, "text", [], [VALID], true, 1e308])),
  hugeString: (r) => JSON.stringify({ model: "x".repeat(int(r, 1_100_000, 1_300_000)), messages: VALID.messages, max_tokens: 1 }),
  empty: (r) => " ".repeat(int(r, 0, 3)),
};

const badRequests: Record<string, Gen> = {
  wrongType: (r) => {
    const field = pick(r, ["model", "messages", "max_tokens"] as const);
    const wrong = field === "model" ? pick(r, [1, null, [], {}, true]) : field === "messages" ? pick(r, [null, 1, "x", {}, [1], [{ role: "robot", content: "x" }], [{ role: "user" }]]) : pick(r, WRONG.filter((w) => typeof w !== "number" || w < 1 || !Number.isInteger(w)));
    return JSON.stringify({ ...VALID, [field]: wrong, ...(field === "messages" ? {} : { messages: "nope" }) });
  },
  prototypeKeys: () => `{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},"model":"m","max_tokens":1}`,
  loneSurrogate: () => `{"model":"\\ud800","messages":"\\udfff","max_tokens":1}`,
  manyKeys: (r) => `{${Array.from({ length: int(r, 1000, 30_000) }, (_, i) => `"k${i}":${i}`).join(",")}}`,
};

const badConfigs: Record<string, Gen> = {
  wrongTypedConfig: (r) => {
    const key = pick(r, ["Providers", "PORT", "APIKEY", "Router", "LOG_LEVEL", "BODY_LIMIT_MB"] as const);
    const wrong = key === "Providers" || key === "APIKEY" ? pick(r, [5, { a: 1 }, [5], [{ name: 1 }]]) : pick(r, ["x".repeat(int(r, 1, 5000)), [], { a: 1 }, -5, 1e12]);
    return JSON.stringify({ [key]: wrong });
  },
};

let ccr: RunningCcr;
beforeAll(async () => {
  ccr = await startCcr({ Providers: [{ name: "p", api_base_url: "http://127.0.0.1:9/v1/chat/completions", api_key: "sk-fuzz-provider-key", models: ["m"] }], Router: { default: "p,m" }, BODY_LIMIT_MB: 1 }, { logLevel: "trace" });
});
afterAll(async () => {
  await ccr.stop();
});

async function expectCleanError(method: string, path: string, body: string | Uint8Array<ArrayBuffer>, label: string, allowOk = false): Promise<void> {
  const res = await fetch(`${ccr.url}${path}`, { method, headers: { "content-type": "application/json" }, body });
  const text = await res.text();
  if (allowOk && res.status === 200) return;
  expect(res.status >= 400 && res.status < 500 ? res.status : `${res.status} for ${label}: ${text.slice(0, 200)}`).toBe(res.status >= 400 && res.status < 500 ? res.status : 400);
  expect(res.headers.get("content-type") ?? "").toContain("application/json");
  const parsed: unknown = JSON.parse(text);
  const ok = typeof parsed === "object" && parsed !== null && "type" in parsed && parsed.type === "error" && "error" in parsed && typeof parsed.error === "object" && parsed.error !== null && "message" in parsed.error && typeof parsed.error.message === "string";
  expect(ok ? "anthropic error" : `${label}: ${text.slice(0, 200)}`).toBe("anthropic error");
}

async function run(method: string, path: string, gens: Record<string, Gen>, cases: number, seed: number, allowOk = false): Promise<void> {
  const r = mulberry32(seed);
  const kinds = Object.keys(gens);
  for (let i = 0; i < cases; i++) {
    const kind = kinds[i % kinds.length] ?? "";
    const gen = gens[kind];
    if (!gen) continue;
    await expectCleanError(method, path, gen(r), `${method} ${path} case ${i} (${kind}, seed ${seed})`, allowOk);
  }
}

async function expectHealthy(): Promise<void> {
  expect((await fetch(`${ccr.url}/health`)).status).toBe(200);
  const counted = await fetch(`${ccr.url}/v1/messages/count_tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(VALID) });
  expect(counted.status).toBe(200);
}

describe("fuzzed bodies", () => {
  test("POST /v1/messages answers every malformed or adversarial body with a clean 4xx Anthropic error", async () => {
    await run("POST", "/v1/messages", { ...malformed, ...badRequests }, 120, 1);
    await expectHealthy();
  }, 60_000);
  test("POST /v1/messages/count_tokens does the same", async () => {
    await run("POST", "/v1/messages/count_tokens", { ...malformed, ...badRequests }, 120, 2);
    await expectHealthy();
  }, 60_000);
  test("PUT /api/config refuses them all and leaves the file alone", async () => {
    const before = await Bun.file(`${ccr.home}/config.json`).text();
    await run("PUT", "/api/config", { ...malformed, ...badConfigs }, 90, 3);
    expect(await Bun.file(`${ccr.home}/config.json`).text()).toBe(before);
    await expectHealthy();
  }, 60_000);
  test("POST /api/config/validate refuses malformed bodies", async () => {
    await run("POST", "/api/config/validate", malformed, 60, 4);
    await expectHealthy();
  }, 60_000);
  test("adversarial admin paths answer a clean 4xx", async () => {
    const paths = ["/api/logs/..%2F..%2Fetc%2Fpasswd", "/api/logs/%2Fetc%2Fpasswd", "/api/logs/..", "/api/requests/-1", "/api/requests/1e999", "/api/providers/%00/models", "/api/config%00", "/api/nope"];
    for (const p of paths) {
      const res = await fetch(`${ccr.url}${p}`);
      expect(res.status >= 400 && res.status < 500 ? "4xx" : `${p}: ${res.status}`).toBe("4xx");
      const body = (await res.json()) as { type?: string };
      expect(body.type).toBe("error");
    }
    await expectHealthy();
  });
  test("left no 5xx trace and no provider key in the trace-level log", () => {
    const log = ccr.logs.join("\n");
    expect(log).not.toContain("sk-fuzz-provider-key");
    expect(log).not.toContain("unexpected error");
  });
});
