import { afterAll, describe, expect, test } from "bun:test";
import { bypassesProxy, fetchGet, proxyFor } from "../../src/proxy/forward.ts";
import { compiledConfig } from "../helpers/compiled-config.ts";

describe("bypassesProxy", () => {
  const url = (s: string) => new URL(s);
  test("matches an exact host, a domain suffix and a leading-dot entry", () => {
    expect(bypassesProxy(url("http://localhost:11434/v1"), ["localhost"])).toBe(true);
    expect(bypassesProxy(url("https://api.example.com/x"), ["example.com"])).toBe(true);
    expect(bypassesProxy(url("https://api.example.com/x"), [".example.com"])).toBe(true);
  });
  test("ignores ports in entries and treats * as everything", () => {
    expect(bypassesProxy(url("http://10.0.0.1:8080/"), ["10.0.0.1:8080"])).toBe(true);
    expect(bypassesProxy(url("https://any.host/"), ["*"])).toBe(true);
  });
  test("does not match a different host that merely ends with the same letters", () => {
    expect(bypassesProxy(url("https://notexample.com/"), ["example.com"])).toBe(false);
  });
});

describe("proxyFor", () => {
  test("uses the configured proxy unless NO_PROXY lists the host", () => {
    const config = compiledConfig({ proxyUrl: "http://proxy:3128", noProxy: ["127.0.0.1"] });
    expect(proxyFor("https://api.deepseek.com/chat/completions", config)).toBe("http://proxy:3128");
    expect(proxyFor("http://127.0.0.1:11434/v1/chat/completions", config)).toBeUndefined();
  });
  test("is undefined when no proxy is configured", () => {
    expect(proxyFor("https://api.deepseek.com", compiledConfig())).toBeUndefined();
  });
});

describe("fetchGet redirects", () => {
  const seen: { host: string; headers: Record<string, string> }[] = [];
  const target = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (req) => (seen.push({ host: new URL(req.url).host, headers: Object.fromEntries(req.headers) }), Response.json({ data: [] })) });
  const redirector: ReturnType<typeof Bun.serve> = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: (req): Response => {
      const path = new URL(req.url).pathname;
      if (path === "/elsewhere") return Response.redirect(`http://localhost:${target.port}/models`, 302);
      if (path === "/loop") return Response.redirect(`http://127.0.0.1:${redirector.port}/loop`, 302);
      if (path === "/moved-here") return (seen.push({ host: new URL(req.url).host, headers: Object.fromEntries(req.headers) }), Response.json({ data: [] }));
      return Response.redirect(`http://127.0.0.1:${redirector.port}/moved-here`, 301);
    },
  });
  const headers = { authorization: "Bearer sk-bearer-0123456789", "x-api-key": "sk-xkey-0123456789", "x-goog-api-key": "g-key-0123456789", accept: "application/json" };
  const network = { proxyUrl: undefined, noProxy: [] };
  afterAll(() => {
    target.stop(true);
    redirector.stop(true);
  });

  test("sends no provider key to another host a redirect points at", async () => {
    seen.length = 0;
    const res = await fetchGet(`http://127.0.0.1:${redirector.port}/elsewhere`, headers, network, AbortSignal.timeout(2000));
    expect(res.status).toBe(200);
    expect(seen).toHaveLength(1);
    const got = seen[0]?.headers ?? {};
    expect([got.authorization, got["x-api-key"], got["x-goog-api-key"]]).toEqual([undefined, undefined, undefined]);
    expect(got.accept).toBe("application/json");
  });

  test("keeps the key on a redirect within the same host", async () => {
    seen.length = 0;
    const res = await fetchGet(`http://127.0.0.1:${redirector.port}/old`, headers, network, AbortSignal.timeout(2000));
    expect(res.status).toBe(200);
    expect(seen[0]?.headers["x-api-key"]).toBe("sk-xkey-0123456789");
  });

    test("stops following after a few hops and returns the redirect", async () => {
    const res = await fetchGet(`http://127.0.0.1:${redirector.port}/loop`, headers, network, AbortSignal.timeout(2000));
    expect(res.status).toBe(302);
  });
});
