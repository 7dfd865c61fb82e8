import { afterAll, describe, expect, test } from "bun:test";
import { compileConfig } from "../../src/config/compile.ts";
import { RouterError } from "../../src/errors.ts";
import { silentLogger } from "../../src/log.ts";
import { createCircuitBreaker } from "../../src/proxy/circuit.ts";
import { createTokenCounter } from "../../src/router/tokens.ts";
import { checkAdmin, isAdminPath, isLoopbackAddress, type AdminPolicy, type AdminRequest } from "../../src/server/admin-guard.ts";
import { createApp } from "../../src/server/app.ts";
import { compiledConfig } from "../helpers/compiled-config.ts";

const open: AdminPolicy = { authRequired: false, adminKeys: [] };
const locked: AdminPolicy = { authRequired: true, adminKeys: ["admin-key-123456"] };

type Overrides = Partial<Omit<AdminRequest, "headers">> & { headers?: Record<string, string> };

function req(overrides: Overrides = {}): AdminRequest {
  return {
    method: overrides.method ?? "GET",
    url: overrides.url ?? "http://127.0.0.1:3456/api/config",
    headers: new Headers({ host: "127.0.0.1:3456", ...overrides.headers }),
    remoteAddress: "remoteAddress" in overrides ? overrides.remoteAddress : "127.0.0.1",
    serverPort: "serverPort" in overrides ? overrides.serverPort : 3456,
  };
}

function refusal(fn: () => void): RouterError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RouterError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}

describe("isAdminPath", () => {
  test("covers /api, /ui and /metrics with their subpaths but not the proxy paths", () => {
    for (const p of ["/api", "/api/config", "/ui", "/ui/", "/ui/app.js", "/metrics"]) expect(isAdminPath(p)).toBe(true);
    for (const p of ["/v1/messages", "/health", "/apix", "/uix", "/"]) expect(isAdminPath(p)).toBe(false);
  });
  test("sees through other spellings of the same path", () => {
    for (const p of ["//api/config", "/%61pi/config", "/API/config", "/api%2Fconfig", "///metrics", "/Ui/"]) expect(isAdminPath(p)).toBe(true);
  });
});

describe("isLoopbackAddress", () => {
  test("accepts 127/8, ::1 and IPv4-mapped loopback and nothing else", () => {
    for (const a of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"]) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ["10.0.0.1", "192.168.1.2", "::ffff:10.0.0.1", "fe80::1", "unknown"]) expect(isLoopbackAddress(a)).toBe(false);
  });
});

describe("checkAdmin without APIKEY", () => {
  test("lets a local client with a local Host and no Origin through", () => {
    expect(() => checkAdmin(req(), open)).not.toThrow();
    expect(() => checkAdmin(req({ headers: { host: "localhost:3456" } }), open)).not.toThrow();
    expect(() => checkAdmin(req({ headers: { host: "[::1]:3456" }, remoteAddress: "::1" }), open)).not.toThrow();
  });
  test("refuses a client that is not on this machine with 403 permission_error", () => {
    const err = refusal(() => checkAdmin(req({ remoteAddress: "192.168.1.20" }), open));
    expect(err.status).toBe(403);
    expect(err.type).toBe("permission_error");
  });
  test("refuses a foreign Host even from loopback (DNS rebinding)", () => {
    expect(refusal(() => checkAdmin(req({ headers: { host: "evil.example:3456" } }), open)).status).toBe(403);
    expect(refusal(() => checkAdmin(req({ headers: { host: "127.0.0.1.evil.example:3456" } }), open)).status).toBe(403);
  });
  test("refuses a local Host with another port", () => {
    expect(refusal(() => checkAdmin(req({ headers: { host: "127.0.0.1:8080" } }), open)).status).toBe(403);
    expect(refusal(() => checkAdmin(req({ headers: { host: "localhost" } }), open)).status).toBe(403);
  });
  test("refuses a foreign Origin, a null Origin and a cross-site fetch", () => {
    expect(refusal(() => checkAdmin(req({ method: "PUT", headers: { origin: "https://evil.example" } }), open)).status).toBe(403);
    expect(refusal(() => checkAdmin(req({ headers: { origin: "null" } }), open)).status).toBe(403);
    expect(refusal(() => checkAdmin(req({ headers: { origin: "http://localhost:3456" } }), open)).status).toBe(403);
    expect(refusal(() => checkAdmin(req({ headers: { "sec-fetch-site": "cross-site" } }), open)).status).toBe(403);
    expect(refusal(() => checkAdmin(req({ headers: { "sec-fetch-site": "same-site" } }), open)).status).toBe(403);
  });
  test("accepts its own Origin and same-origin fetches", () => {
    expect(() => checkAdmin(req({ method: "PUT", headers: { origin: "http://127.0.0.1:3456", "sec-fetch-site": "same-origin" } }), open)).not.toThrow();
  });
  test("guards the UI's static files the same way", () => {
    expect(refusal(() => checkAdmin(req({ url: "http://evil.example:3456/ui/", headers: { host: "evil.example:3456" } }), open)).status).toBe(403);
  });
});

describe("checkAdmin with APIKEY", () => {
  test("refuses a missing or wrong key with 401 whatever the address", () => {
    expect(refusal(() => checkAdmin(req(), locked)).status).toBe(401);
    expect(refusal(() => checkAdmin(req({ headers: { "x-api-key": "wrong" } }), locked)).status).toBe(401);
    expect(refusal(() => checkAdmin(req({ headers: { authorization: "Bearer admin-key-12345" } }), locked)).status).toBe(401);
  });
  test("accepts the key in x-api-key or Authorization: Bearer, from any address and Host", () => {
    expect(() => checkAdmin(req({ headers: { "x-api-key": "admin-key-123456" } }), locked)).not.toThrow();
    const remote = req({ remoteAddress: "10.1.2.3", headers: { host: "ccr.lan:3456", authorization: "Bearer admin-key-123456" } });
    expect(() => checkAdmin(remote, locked)).not.toThrow();
  });
  test("ignores a key in the query string", () => {
    expect(refusal(() => checkAdmin(req({ url: "http://127.0.0.1:3456/api/config?key=admin-key-123456&api_key=admin-key-123456" }), locked)).status).toBe(401);
  });
  test("refuses a restricted client key that is not an admin key", () => {
    const policy: AdminPolicy = { authRequired: true, adminKeys: [] };
    expect(refusal(() => checkAdmin(req({ headers: { "x-api-key": "client-key" } }), policy)).status).toBe(401);
  });
  test("still refuses a foreign Origin with a valid key", () => {
    const err = refusal(() => checkAdmin(req({ headers: { "x-api-key": "admin-key-123456", origin: "https://evil.example" } }), locked));
    expect(err.status).toBe(403);
  });
  test("serves the UI's static files without a key so the page can ask for it, but not its API", () => {
    expect(() => checkAdmin(req({ url: "http://127.0.0.1:3456/ui/" }), locked)).not.toThrow();
    expect(refusal(() => checkAdmin(req({ method: "POST", url: "http://127.0.0.1:3456/ui/x" }), locked)).status).toBe(401);
    expect(refusal(() => checkAdmin(req({ url: "http://127.0.0.1:3456/metrics" }), locked)).status).toBe(401);
  });
});

describe("the app's admin gate on a real socket", () => {
  const config = compiledConfig();
  const breaker = createCircuitBreaker({ settings: () => ({ failureThreshold: 0, cooldownMs: 0 }) });
  const deps = () => ({ config, logger: silentLogger, breaker, tokens: createTokenCounter() });
  const app = createApp({ config: () => config, deps, logger: silentLogger, version: "0", startedAt: Date.now() }).get("/api/ping", () => ({ ok: true }));
  app.listen({ hostname: "127.0.0.1", port: 0 });
  const port = app.server?.port ?? 0;
  afterAll(() => app.stop(true));

  test("answers a local request addressed to 127.0.0.1:<port>", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/ping`);
    expect(res.status).toBe(200);
  });
  test("refuses a rebinding Host and a foreign Origin with Anthropic error JSON", async () => {
    const cases: Record<string, string>[] = [{ host: `attacker.example:${port}` }, { origin: "http://attacker.example" }];
    for (const headers of cases) {
      const res = await fetch(`http://127.0.0.1:${port}/api/ping`, { headers });
      expect(res.status).toBe(403);
      const body = (await res.json()) as { type: string; error: { type: string } };
      expect(body.type).toBe("error");
      expect(body.error.type).toBe("permission_error");
    }
  });
  test("without an APIKEY also keeps web pages and rebinding Hosts off the proxy paths", async () => {
    expect((await fetch(`http://127.0.0.1:${port}/v1/models`)).status).toBe(200);
    const cases: Record<string, string>[] = [{ host: `attacker.example:${port}` }, { origin: "http://attacker.example" }, { "sec-fetch-site": "cross-site" }];
    for (const headers of cases) {
      const res = await fetch(`http://127.0.0.1:${port}/v1/messages`, { method: "POST", headers: { "content-type": "text/plain", ...headers }, body: "{}" });
      expect(res.status).toBe(403);
    }
    expect((await fetch(`http://127.0.0.1:${port}/health`, { headers: { host: `attacker.example:${port}` } })).status).toBe(200);
  });
  test("guards unknown admin paths before answering 404", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/nope`, { headers: { host: `attacker.example:${port}` } });
    expect(res.status).toBe(403);
  });
  test("answers a missing or malformed Host header with 400, not an internal error", async () => {
    for (const host of ["a b", `127.0.0.1:${port}:80`, `127.0.0.1@attacker.example:${port}`, undefined]) {
      let out = "";
      const done = Promise.withResolvers<void>();
      const socket = await Bun.connect({
        hostname: "127.0.0.1",
        port,
        socket: { data: (_s, chunk) => void (out += new TextDecoder().decode(chunk)), close: () => done.resolve() },
      });
      socket.write(host === undefined ? "GET /health HTTP/1.0\r\n\r\n" : `GET /health HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      await Promise.race([done.promise, Bun.sleep(2000)]);
      socket.end();
      expect(`${host}: ${/^HTTP\/1\.1 (\d{3})/.exec(out)?.[1]}`).toBe(`${host}: 400`);
    }
  });
});

describe("the admin gate against odd path spellings on a raw socket", () => {
  const config = compileConfig({ APIKEY: [{ name: "admin", key: "admin-key-1234" }, { name: "ci", key: "ci-key-123456", rpm: 100 }] }, {});
  const breaker = createCircuitBreaker({ settings: () => ({ failureThreshold: 0, cooldownMs: 0 }) });
  const deps = () => ({ config, logger: silentLogger, breaker, tokens: createTokenCounter() });
  const app = createApp({ config: () => config, deps, logger: silentLogger, version: "0", startedAt: Date.now() }).get("/api/ping", () => ({ ok: true }));
  app.listen({ hostname: "127.0.0.1", port: 0 });
  const port = app.server?.port ?? 0;
  afterAll(() => app.stop(true));

  /** Sends the request line as written (fetch would normalize it) and returns the status code. */
  async function rawStatus(target: string): Promise<number> {
    let out = "";
    const done = Promise.withResolvers<void>();
    const socket = await Bun.connect({
      hostname: "127.0.0.1",
      port,
      socket: {
        data: (_s, chunk) => void (out += new TextDecoder().decode(chunk)),
        close: () => done.resolve(),
      },
    });
    socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nx-api-key: ci-key-123456\r\nConnection: close\r\n\r\n`);
    await Promise.race([done.promise, Bun.sleep(2000)]);
    socket.end();
    return Number(/^HTTP\/1\.1 (\d{3})/.exec(out)?.[1] ?? 0);
  }

  test("a client key without admin rights reaches no admin route however the path is written", async () => {
    const targets = ["/api/ping", "//api/ping", "/api//ping", "/%61pi/ping", "/./api/ping", "/v1/../api/ping", "/API/ping", "/api%2Fping", "/ui/../api/ping", `http://127.0.0.1:${port}/api/ping`];
    for (const target of targets) {
      const status = await rawStatus(target);
      expect(status === 401 || status === 404 ? "refused" : `${target}: ${status}`).toBe("refused");
    }
  });
});
