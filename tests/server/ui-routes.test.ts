import { describe, expect, test } from "bun:test";
import { silentLogger } from "../../src/log.ts";
import { createCircuitBreaker } from "../../src/proxy/circuit.ts";
import { createTokenCounter } from "../../src/router/tokens.ts";
import { createApp } from "../../src/server/app.ts";
import { uiAssets, uiRoutes } from "../../src/server/ui-routes.ts";
import { compiledConfig } from "../helpers/compiled-config.ts";

const app = uiRoutes();
const get = (path: string) => app.handle(new Request(`http://127.0.0.1${path}`));

describe("ui routes", () => {
  test("serve the page at /ui and /ui/ with a same-origin-only content security policy", async () => {
    for (const path of ["/ui", "/ui/"]) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/html");
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      const html = await res.text();
      expect(html).toContain('src="/ui/app.js"');
      expect(html).not.toMatch(/https?:\/\//);
    }
  });

  test("name an empty icon, so browsers do not ask for /favicon.ico (401 behind an APIKEY)", async () => {
    expect(await (await get("/ui/")).text()).toContain('<link rel="icon" href="data:,">');
  });

  test("bundle the front end from source on first request (dev path) into one script and one stylesheet", async () => {
    const js = await get("/ui/app.js");
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toContain("javascript");
    const script = await js.text();
    expect(script.length).toBeGreaterThan(10_000);
    expect(script).not.toMatch(/from\s*["'](?:preact|htm)/);
    const css = await get("/ui/app.css");
    expect(css.headers.get("content-type")).toContain("text/css");
    expect(await css.text()).toContain("prefers-color-scheme");
  }, 20_000);

  test("bundle only once", async () => {
    expect(uiAssets()).toBe(uiAssets());
  });

  test("load nothing from other hosts", async () => {
    const { js, css } = await uiAssets();
    expect(css).not.toMatch(/url\(\s*["']?https?:/);
    expect(js).not.toMatch(/(?:import|fetch)\(\s*["']https?:/);
  });

  test("mounted in the app, load without the key when APIKEY is set, while the API behind them needs it", async () => {
    const config = compiledConfig({ apiKey: "ui-test-key-123456" });
    const breaker = createCircuitBreaker({ settings: () => ({ failureThreshold: 0, cooldownMs: 0 }) });
    const deps = () => ({ config, logger: silentLogger, breaker, tokens: createTokenCounter() });
    const app = createApp({ config: () => config, deps, logger: silentLogger, version: "0", startedAt: Date.now() });
    const at = (path: string, headers: Record<string, string> = {}) => app.handle(new Request(`http://127.0.0.1${path}`, { headers }));
    expect((await at("/ui/")).status).toBe(200);
    expect((await at("/ui/app.css")).status).toBe(200);
    expect((await at("/api/presets")).status).toBe(401);
    expect((await at("/api/presets", { "x-api-key": "ui-test-key-123456" })).status).toBe(200);
  }, 20_000);
});
