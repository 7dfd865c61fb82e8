import { afterEach, describe, expect, test } from "bun:test";
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "../../src/log.ts";
import { createCircuitBreaker } from "../../src/proxy/circuit.ts";
import { createTokenCounter } from "../../src/router/tokens.ts";
import { createApp } from "../../src/server/app.ts";
import { logsRoutes } from "../../src/server/logs-routes.ts";
import { compiledConfig } from "../helpers/compiled-config.ts";

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

const line = (level: string, msg: string) => JSON.stringify({ time: "2026-12-03T06:00:00.000Z", level, msg, n: 1 });

/** A CCR_HOME with two log files and a non-log file; the routes of that home. */
function setup() {
  const home = mkdtempSync(join(tmpdir(), "ccr-logs-routes-"));
  homes.push(home);
  const dir = join(home, "logs");
  mkdirSync(dir);
  writeFileSync(join(dir, "ccr-2026-12-02.log"), `${line("info", "yesterday")}\n`);
  writeFileSync(join(dir, "ccr-2026-12-03.log"), [line("info", "a"), line("error", "b"), line("debug", "c"), line("warn", "d")].join("\n") + "\n");
  writeFileSync(join(home, "config.json"), '{"APIKEY":"secret"}');
  const app = logsRoutes({ env: { CCR_HOME: home } });
  const get = (path: string) => app.handle(new Request(`http://localhost${path}`));
  return { dir, get };
}

describe("GET /api/logs", () => {
  test("lists the log files newest first with size and modification time", async () => {
    const { get } = setup();
    const body = (await (await get("/api/logs")).json()) as { files: { name: string; size: number; modified: string }[] };
    expect(body.files.map((f) => f.name)).toEqual(["ccr-2026-12-03.log", "ccr-2026-12-02.log"]);
    expect(body.files[0]?.size).toBeGreaterThan(0);
    expect(typeof body.files[0]?.modified).toBe("string");
  });
});

describe("GET /api/logs/:name", () => {
  test("returns the last N parsed lines", async () => {
    const { get } = setup();
    const body = (await (await get("/api/logs/ccr-2026-12-03.log?lines=2")).json()) as { lines: { msg: string; level: string; n: number }[] };
    expect(body.lines.map((l) => l.msg)).toEqual(["c", "d"]);
    expect(body.lines[0]).toMatchObject({ level: "debug", n: 1, time: "2026-12-03T06:00:00.000Z" });
  });

  test("returns the last N lines at or above a level", async () => {
    const { get } = setup();
    const body = (await (await get("/api/logs/ccr-2026-12-03.log?lines=2&level=warn")).json()) as { lines: { msg: string }[] };
    expect(body.lines.map((l) => l.msg)).toEqual(["b", "d"]);
  });

  test("refuses names that are not listed log files, with Anthropic error JSON", async () => {
    const { get } = setup();
    for (const name of ["..%2Fconfig.json", "config.json", "ccr-2026-12-09.log"]) {
      const res = await get(`/api/logs/${name}`);
      expect(res.status).toBe(404);
      const body = (await res.json()) as { type: string; error: { type: string; message: string } };
      expect(body.error.type).toBe("not_found_error");
      expect(JSON.stringify(body)).not.toContain("secret");
    }
  });

  test("rejects a bad level or line count with 400", async () => {
    const { get } = setup();
    expect((await get("/api/logs/ccr-2026-12-03.log?level=loud")).status).toBe(400);
    expect((await get("/api/logs/ccr-2026-12-03.log?lines=0")).status).toBe(400);
    expect((await get("/api/logs/ccr-2026-12-03.log?lines=abc")).status).toBe(400);
  });
});

describe("GET /api/logs/:name/stream", () => {
  test("sends lines written after the client connected as SSE data", async () => {
    const { dir, get } = setup();
    const res = await get("/api/logs/ccr-2026-12-03.log/stream?level=info");
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const reader = res.body?.getReader();
    if (!reader) throw new Error("no body");
    setTimeout(() => appendFileSync(join(dir, "ccr-2026-12-03.log"), `${line("debug", "hidden")}\n${line("info", "live")}\n`), 50);
    const decoder = new TextDecoder();
    let text = "";
    for (let i = 0; i < 20 && !text.includes("live"); i++) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value);
    }
    await reader.cancel();
    const data = text.split("\n").filter((l) => l.startsWith("data:")).map((l) => JSON.parse(l.slice(5)) as { msg: string; file: string });
    expect(data).toEqual([expect.objectContaining({ msg: "live", file: "ccr-2026-12-03.log" })]);
  });

  test("answers 404 for an unknown file", async () => {
    const { get } = setup();
    expect((await get("/api/logs/nope.log/stream")).status).toBe(404);
  });
});

describe("logs routes in the app", () => {
  test("are mounted behind the admin guard: a key is needed when APIKEY is set", async () => {
    const home = mkdtempSync(join(tmpdir(), "ccr-logs-app-"));
    homes.push(home);
    mkdirSync(join(home, "logs"));
    writeFileSync(join(home, "logs", "ccr-2026-12-03.log"), `${line("info", "x")}\n`);
    const config = compiledConfig({ apiKey: "admin-key" });
    const breaker = createCircuitBreaker({ settings: () => ({ failureThreshold: 0, cooldownMs: 0 }) });
    const app = createApp({
      config: () => config,
      deps: () => ({ config, logger: silentLogger, breaker, tokens: createTokenCounter() }),
      logger: silentLogger,
      version: "9.9.9",
      startedAt: Date.now(),
      env: { CCR_HOME: home },
    });
    expect((await app.handle(new Request("http://localhost/api/logs"))).status).toBe(401);
    const res = await app.handle(new Request("http://localhost/api/logs", { headers: { "x-api-key": "admin-key" } }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { files: { name: string }[] }).files.map((f) => f.name)).toEqual(["ccr-2026-12-03.log"]);
  });
});
